import GlossModel

/// Terminal colours by name; `.default` is the terminal's own foreground or background.
public enum TermColor: UInt8, Sendable, Hashable {
  case `default`, black, red, green, yellow, blue, magenta, cyan, white
  /// Highlight colours the backend maps to the closest the terminal has (256 colours:
  /// a soft pink and purple; 8 colours: red and magenta).
  case pink, purple
}

/// How a cell looks.
public struct Style: Sendable, Hashable {
  public var foreground: TermColor = .default
  public var background: TermColor = .default
  public var bold = false
  public var dim = false
  public var italic = false
  public var underline = false
  public var reverse = false

  public init(
    foreground: TermColor = .default, background: TermColor = .default, bold: Bool = false,
    dim: Bool = false, italic: Bool = false, underline: Bool = false, reverse: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.dim = dim
    self.italic = italic
    self.underline = underline
    self.reverse = reverse
  }

  public static let plain = Style()
}

/// One screen cell: a grapheme cluster (already made terminal-safe) and its style. The
/// second column of a double-width character is a continuation cell with empty text.
public struct Cell: Sendable, Hashable {
  public var text: String
  public var style: Style
  public var isContinuation: Bool

  public init(text: String = " ", style: Style = .plain, isContinuation: Bool = false) {
    self.text = text
    self.style = style
    self.isContinuation = isContinuation
  }

  public static let blank = Cell()
}

/// The whole screen as cells. Everything written goes through `put`, which turns control
/// characters into visible text, so nothing unsafe can reach the terminal.
public struct Grid: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Writes a string from (x, y), clipped at `limit` (exclusive column, default the right
  /// edge). Returns the column after the last cell written. A wide character that does not
  /// fit is replaced by spaces, never split.
  @discardableResult
  public mutating func put(
    _ string: some StringProtocol, x: Int, y: Int, style: Style, limit: Int? = nil,
    escapedStyle: Style? = nil
  ) -> Int {
    guard y >= 0, y < height else { return x }
    let end = min(limit ?? width, width)
    var column = x
    for character in string {
      let glyph = Glyph(character)
      if column >= end { break }
      let cellStyle = glyph.isEscaped ? (escapedStyle ?? style) : style
      if glyph.isEscaped {
        // Escaped forms are ASCII: one cell per character.
        for c in glyph.text where column < end {
          if column >= 0 { self[column, y] = Cell(text: String(c), style: cellStyle) }
          column += 1
        }
        continue
      }
      if glyph.width == 0 {
        // A lone zero-width cluster (e.g. a combining mark after a space) joins the previous cell.
        if column > 0 && column - 1 < width {
          var previous = self[column - 1, y]
          if !previous.isContinuation {
            previous.text += glyph.text
            self[column - 1, y] = previous
          }
        }
        continue
      }
      if column + glyph.width > end {
        while column < end {
          if column >= 0 { self[column, y] = Cell(text: " ", style: cellStyle) }
          column += 1
        }
        break
      }
      if column >= 0 {
        self[column, y] = Cell(text: glyph.text, style: cellStyle)
        for k in 1..<max(1, glyph.width) {
          self[column + k, y] = Cell(text: "", style: cellStyle, isContinuation: true)
        }
      }
      column += glyph.width
    }
    return column
  }

  /// Fills a rectangle with blanks of a style.
  public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
    let rows = max(0, y)..<max(max(0, y), min(height, y + h))
    let columns = max(0, x)..<max(max(0, x), min(width, x + w))
    for row in rows {
      for column in columns {
        self[column, row] = Cell(text: " ", style: style)
      }
    }
  }

  /// One row as plain text (continuation cells omitted), trailing spaces trimmed.
  public func rowText(_ y: Int) -> String {
    var s = ""
    for x in 0..<width {
      let cell = self[x, y]
      if !cell.isContinuation { s += cell.text }
    }
    while s.last == " " { s.removeLast() }
    return s
  }

  /// The screen as text, one line per row, trailing spaces trimmed (for tests).
  public var text: String {
    (0..<height).map(rowText).joined(separator: "\n")
  }
}

/// One screen row of laid-out text.
public struct LayoutLine: Sendable, Equatable {
  public enum Style: Sendable, Equatable {
    case title, meta, preamble, body
    case heading(Int)
    case code
    case rule
    /// A row of a table (bold for a header row); its cells are `pieces`.
    case table(header: Bool)
  }

  /// Part of a line as drawn: a slice of the article's text, or layout decoration that is no
  /// part of the text (a link's number, the padding and separators between table cells).
  public struct Piece: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
      /// Article text from `scalarStart`.
      case text
      /// A link's number (`LinkNumbering`), drawn small and dim after the link's text.
      case linkLabel(Int)
      /// Blank columns (a table cell's padding).
      case padding
      /// A table's column separator or the rule under its header, drawn dim.
      case separator
    }
    public var text: Substring
    /// Scalar offset of `text` in the article (text pieces only).
    public var scalarStart: Int?
    /// Display columns.
    public var width: Int
    public var kind: Kind
    public init(text: Substring, scalarStart: Int?, width: Int, kind: Kind) {
      self.text = text
      self.scalarStart = scalarStart
      self.width = width
      self.kind = kind
    }
    /// Decoration of `width` blank columns.
    public static func padding(_ width: Int) -> Piece {
      Piece(
        text: Substring(String(repeating: " ", count: max(0, width))), scalarStart: nil, width: max(0, width),
        kind: .padding)
    }
  }
  /// The text of the row (a slice of the article's text, or of the header). For a table row,
  /// the text from its first cell's piece to its last (`pieces` says what is drawn).
  public var text: Substring
  /// Unicode scalar offset of `text` in the article, or nil for lines that are not article
  /// text (a fallback title, the word-count line).
  public var scalarStart: Int?
  /// Display columns `text` takes.
  public var width: Int
  public var style: Style
  /// Drawn before the text, dimmed: quote bars, list markers and hanging indents, heading
  /// levels. Its width is part of the line's layout, not of the text.
  public var prefix: String = ""
  /// True when a code line (or a table too wide for the pane) was cut at the right edge.
  public var clipped = false
  /// How the line is drawn, left to right, when it is more than `text`: link numbers between
  /// its words, or a table row's cells (slices of the text that need not be contiguous) with
  /// padding and separators. Empty for a line that is just `text`.
  public var pieces: [Piece] = []

  /// The pieces drawn: `pieces`, or the whole text as one piece.
  public var drawnPieces: [Piece] {
    pieces.isEmpty ? [Piece(text: text, scalarStart: scalarStart, width: width, kind: .text)] : pieces
  }

  /// The article offset shown `column` display columns after the prefix: the grapheme there,
  /// or on decoration the nearest text before it (after it at the start of the line); nil for
  /// a line with no article text.
  public func scalarOffset(atColumn column: Int) -> Int? {
    guard scalarStart != nil else { return nil }
    var x = 0
    var last: Int?
    var firstText: Int?
    for piece in drawnPieces {
      guard piece.kind == .text, let start = piece.scalarStart else {
        if column < x + piece.width, let last { return last }
        x += piece.width
        continue
      }
      if firstText == nil { firstText = start }
      var offset = start
      for c in piece.text {
        let w = Glyph(c).width
        if column < x + w { return offset }
        x += w
        last = offset
        offset += c.unicodeScalars.count
      }
      if piece.text.isEmpty, column < x { return start }
    }
    return last ?? firstText
  }

  public init(text: Substring, scalarStart: Int?, width: Int, style: Style, prefix: String = "", clipped: Bool = false)
  {
    self.text = text
    self.scalarStart = scalarStart
    self.width = width
    self.style = style
    self.prefix = prefix
    self.clipped = clipped
  }

  public var scalarEnd: Int? { scalarStart.map { $0 + text.unicodeScalars.count } }
}

/// A place in the laid-out article: a block (0 is the header; then the paragraphs in order)
/// and a row within it. Row `lines.count` of a block is the blank row that follows it.
public struct LayoutPosition: Sendable, Equatable, Comparable {
  public var block: Int
  public var row: Int
  public init(block: Int, row: Int) {
    self.block = block
    self.row = row
  }
  public static func < (a: LayoutPosition, b: LayoutPosition) -> Bool {
    (a.block, a.row) < (b.block, b.row)
  }
  public static let top = LayoutPosition(block: 0, row: 0)
}

/// The article laid out for one text width, lazily: a block is wrapped the first time a
/// screen needs it, and a very long paragraph only around the rows asked for
/// (`LazyParagraph`), so opening a very long article costs only the first screen's wrapping.
///
/// A value: the article and the width. The wrapped lines are a memo of (article, width) kept
/// in `LayoutMemo`, shared by copies and keyed by width, so a copy at another width never
/// sees these lines; `setWidth` changes only this value.
public struct ArticleLayout: Sendable {
  public let article: Article
  public private(set) var width: Int
  private let memo: LayoutMemo

  public init(article: Article, width: Int) {
    self.init(article: article, width: width, lazyParagraphScalars: 16_384, checkpointLines: 128)
  }

  /// Paragraphs longer than `lazyParagraphScalars` are wrapped lazily, with a checkpoint every
  /// `checkpointLines` lines (small values let tests exercise that path on short texts).
  init(article: Article, width: Int, lazyParagraphScalars: Int, checkpointLines: Int) {
    self.article = article
    self.width = max(1, width)
    memo = LayoutMemo(article: article, lazyParagraphScalars: lazyParagraphScalars, checkpointLines: checkpointLines)
  }

  /// The same article at another width (its lines come from the memo for that width).
  public mutating func setWidth(_ newWidth: Int) {
    width = max(1, newWidth)
  }

  private func engine<R: Sendable>(_ body: (LayoutEngine) -> R) -> R {
    memo.withEngine(width: width, body)
  }

  /// Header block plus one block per paragraph, the headline paragraph excepted (it is the header).
  public var blockCount: Int { article.blockCount }

  public func paragraph(forBlock block: Int) -> Int? { article.paragraph(forBlock: block) }

  public func block(forParagraph p: Int) -> Int { article.block(forParagraph: p) }

  /// The wrapped lines of a block (without its trailing blank row). For a very long paragraph
  /// this builds every line: the layout's own calls never need it.
  public func lines(ofBlock block: Int) -> [LayoutLine] { engine { $0.allLines(ofBlock: block) } }

  /// Rows a block takes on screen, including the blank row after it (none after the last).
  public func rowCount(ofBlock block: Int) -> Int { engine { $0.rowCount(ofBlock: block) } }

  /// The row at a position: a line, or nil for a blank separator row.
  public func line(at position: LayoutPosition) -> LayoutLine? { engine { $0.line(at: position) } }

  /// The position `count` rows further on (or back, for a negative count), clamped to the article.
  public func advance(_ position: LayoutPosition, by count: Int) -> LayoutPosition {
    engine { $0.advance(position, by: count).position }
  }

  /// The last row of the article.
  public var end: LayoutPosition { engine { $0.end } }

  /// True when no row follows `position` (cheaper than comparing with `end`, which counts
  /// every row of the last block).
  public func isAtEnd(_ position: LayoutPosition) -> Bool { engine { $0.advance(position, by: 1).moved == 0 } }

  /// The top position that shows the article's last row at the bottom of `height` rows.
  public func bottomTop(height: Int) -> LayoutPosition {
    engine { $0.advance($0.end, by: -(max(1, height) - 1)).position }
  }

  /// Clamps a top-of-screen position so that the screen is not scrolled past the end. Looks
  /// only at the rows from `position` to the screen's bottom unless the end is among them.
  public func clampTop(_ position: LayoutPosition, height: Int) -> LayoutPosition {
    engine { $0.clampTop(position, height: height) }
  }

  /// Scalar offset of the first article text at or after a position (for reading position and
  /// %). A blank row between paragraphs maps to the blank line between them in the text, so
  /// that `position(forScalar:)` brings it back.
  public func scalarOffset(at position: LayoutPosition) -> Int { engine { $0.scalarOffset(at: position) } }

  /// The position of the row that shows a scalar offset (the blank row between two paragraphs
  /// for an offset inside the blank line between them).
  public func position(forScalar offset: Int) -> LayoutPosition { engine { $0.position(forScalar: offset) } }

  /// The numbered links whose text overlaps `range`, with the numbers the reader draws after
  /// them (`LinkNumbering`): for listing the links on screen and opening one by its number.
  public func links(in range: Range<Int>) -> [NumberedLink] {
    LinkNumbering.links(memo.links, overlapping: range)
  }
}

extension Int {
  /// Digits grouped in threes, independent of the locale.
  public func formatted(groupingSeparator: String) -> String {
    let digits = String(Swift.abs(self))
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += groupingSeparator }
      out.append(c)
    }
    return self < 0 ? "-" + out : out
  }
}

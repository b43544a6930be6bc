import GlossModel

/// Styles for what the screen shows, in colour or — with NO_COLOR or a monochrome
/// terminal — with attributes only.
public struct Theme: Sendable {
  public var title: Style
  public var meta: Style
  public var preamble: Style
  public var body: Style
  public var match: Style
  public var currentMatch: Style
  public var escaped: Style
  public var status: Style
  public var statusError: Style
  public var listCursorFocused: Style
  public var listCursorUnfocused: Style
  public var openMarker: Style
  public var listWords: Style
  public var separator: Style
  public var heading: Style
  public var helpKeys: Style
  public var cursor: Style
  public var selection: Style
  public var marker: Style

  /// A highlight's look: a background colour, or with no colours an underline.
  public func highlight(_ color: HighlightColor) -> Style {
    guard colors else { return Style(underline: true) }
    switch color {
    case .yellow: return Style(foreground: .black, background: .yellow)
    case .green: return Style(foreground: .black, background: .green)
    case .blue: return Style(foreground: .white, background: .blue)
    case .pink: return Style(foreground: .black, background: .pink)
    case .purple: return Style(foreground: .white, background: .purple)
    }
  }

  /// The margin marker's colour for a highlight.
  public func markerStyle(_ color: HighlightColor) -> Style {
    guard colors else { return Style(bold: true) }
    switch color {
    case .yellow: return Style(foreground: .yellow, bold: true)
    case .green: return Style(foreground: .green, bold: true)
    case .blue: return Style(foreground: .blue, bold: true)
    case .pink: return Style(foreground: .pink, bold: true)
    case .purple: return Style(foreground: .purple, bold: true)
    }
  }

  public let colors: Bool

  public init(colors: Bool) {
    self.colors = colors
    cursor = Style(reverse: true)
    selection = Style(reverse: true)
    marker = Style(bold: true)
    title = Style(bold: true)
    meta = Style(dim: true)
    preamble = Style(dim: true)
    body = .plain
    status = Style(reverse: true)
    statusError = Style(bold: true, reverse: true)
    listCursorFocused = Style(reverse: true)
    listCursorUnfocused = Style(bold: true, underline: true)
    listWords = Style(dim: true)
    separator = Style(dim: true)
    heading = Style(bold: true)
    if colors {
      match = Style(foreground: .black, background: .yellow)
      currentMatch = Style(foreground: .black, background: .cyan, bold: true)
      escaped = Style(foreground: .red, bold: true)
      openMarker = Style(foreground: .green, bold: true)
      helpKeys = Style(foreground: .cyan, bold: true)
      statusError = Style(foreground: .red, bold: true, reverse: true)
    } else {
      match = Style(reverse: true)
      currentMatch = Style(bold: true, underline: true, reverse: true)
      escaped = Style(bold: true, underline: true)
      openMarker = Style(bold: true)
      helpKeys = Style(bold: true)
    }
  }

  func style(for line: LayoutLine.Style) -> Style {
    switch line {
    case .title: return title
    case .meta: return meta
    case .preamble: return preamble
    case .body: return body
    case .heading: return Style(bold: true)
    case .code: return code
    case .rule: return meta
    case .table(let header): return header ? Style(bold: true) : body
    }
  }

  /// Code in a distinct colour (or, without colours, dim).
  public var code: Style { colors ? Style(foreground: .cyan) : Style(dim: true) }

  /// An inline run's look over a base style.
  func apply(_ run: InlineRun.Style, to style: inout Style) {
    switch run {
    case .emphasis: style.italic = true
    case .strong: style.bold = true
    case .code:
      if colors { style.foreground = .cyan } else { style.dim = true }
    case .link: style.underline = true
    // ncurses has no strikethrough attribute, and drawing U+0336 over each letter would put
    // characters on screen that are not in the text (widths, copying, search all disagree):
    // struck text is dim, which is what it means (no longer current) and every terminal shows.
    case .strikethrough: style.dim = true
    }
  }
}

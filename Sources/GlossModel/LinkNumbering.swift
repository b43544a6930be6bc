/// A link the reader numbers: its number (1, 2, … in article order), the range of its text
/// and its URL.
public struct NumberedLink: Sendable, Equatable {
  public var number: Int
  public var range: Range<Int>
  public var url: String
  public init(number: Int, range: Range<Int>, url: String) {
    self.number = number
    self.range = range
    self.url = url
  }
}

/// How links are numbered, shown and listed: every link run with a URL that is not internal
/// (`#…`) gets the next number, in article order, each run its own (as lynx and w3m do). The
/// reader draws the number small and dim after the link's text (`text¹²`, decoration, not
/// article text); `gloss read | cat` lists `[n] url` after the paragraph. Internal links are
/// only underlined.
public enum LinkNumbering {
  /// True for a URL that gets a number.
  public static func isNumbered(_ url: String) -> Bool { !url.isEmpty && !url.hasPrefix("#") }

  /// The article's numbered links, sorted by start (one pass over its runs).
  public static func links(of article: Article) -> [NumberedLink] {
    var links: [NumberedLink] = []
    for run in article.runs {
      guard case .link(let url) = run.style, isNumbered(url), !run.range.isEmpty else { continue }
      links.append(NumberedLink(number: links.count + 1, range: run.range, url: url))
    }
    return links
  }

  /// The links (of `links`, sorted by start) that start in `range`.
  public static func links(_ links: [NumberedLink], startingIn range: Range<Int>) -> ArraySlice<NumberedLink> {
    let lo = links.partitioningIndex { $0.range.lowerBound < range.lowerBound }
    let hi = links[lo...].partitioningIndex { $0.range.lowerBound < range.upperBound }
    return links[lo..<hi]
  }

  /// The links (of `links`, sorted by start) whose text overlaps `range`.
  public static func links(_ links: [NumberedLink], overlapping range: Range<Int>) -> [NumberedLink] {
    // Link runs never nest, so ends are sorted too: the first that ends after the range's start.
    let lo = links.partitioningIndex { $0.range.upperBound <= range.lowerBound }
    var found: [NumberedLink] = []
    for link in links[lo...] {
      guard link.range.lowerBound < range.upperBound else { break }
      if link.range.overlaps(range) { found.append(link) }
    }
    return found
  }

  /// A number as the reader draws it: superscript digits.
  public static func label(_ number: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    return String(String(number).compactMap { $0.wholeNumberValue.map { digits[$0] } })
  }
}

extension Article {
  /// The numbered links whose text overlaps `range`, with the reader's numbers (see
  /// `LinkNumbering`). Counts the article's runs: `ArticleLayout.links(in:)` keeps them.
  public func links(in range: Range<Int>) -> [NumberedLink] {
    LinkNumbering.links(LinkNumbering.links(of: self), overlapping: range)
  }
}

/// A paragraph's link numbers as layout decoration: the extra width the wrapper keeps for
/// them and the pieces that draw them after each link's text.
struct LinkLabels: Sendable {
  /// Where each number is drawn (the article offset its link ends at), sorted, and the number.
  let marks: [(offset: Int, number: Int)]
  /// The paragraph's text.
  let text: Substring

  init(links: ArraySlice<NumberedLink>, text: Substring) {
    marks = links.map { ($0.range.upperBound, $0.number) }.sorted { $0.offset < $1.offset }
    self.text = text
  }

  /// The labels' widths, at scalars from `base` (the paragraph's start, or a table cell's),
  /// for the links that end after `range`'s start and by its end (all by default).
  func extras(base: Int, in range: Range<Int>? = nil) -> [TextWrapper.Extra] {
    var chosen = marks[...]
    if let range {
      let lo = marks.partitioningIndex { $0.offset <= range.lowerBound }
      let hi = marks[lo...].partitioningIndex { $0.offset <= range.upperBound }
      chosen = marks[lo..<hi]
    }
    return chosen.map {
      TextWrapper.Extra(scalar: $0.offset - base, width: DisplayWidth.of(LinkNumbering.label($0.number)))
    }
  }

  /// Splits a wrapped line's text around the numbers of the links that end on it. A link that
  /// ends in the spaces a line break dropped has its number at the start of the next line.
  func decorate(_ line: inout LayoutLine) {
    guard !marks.isEmpty, let start = line.scalarStart else { return }
    let end = start + line.text.unicodeScalars.count
    var gap = 0
    var i = line.text.startIndex
    while i > text.startIndex {
      let previous = text.unicodeScalars.index(before: i)
      guard text.unicodeScalars[previous].properties.isWhitespace else { break }
      gap += 1
      i = previous
    }
    let first = marks.partitioningIndex { $0.offset <= start - gap }
    guard first < marks.count, marks[first].offset <= end else { return }
    var pieces: [LayoutLine.Piece] = []
    var index = line.text.startIndex
    var offset = start
    var width = 0
    for mark in marks[first...] {
      guard mark.offset <= end else { break }
      let at = max(start, mark.offset)
      let to = line.text.unicodeScalars.index(index, offsetBy: at - offset)
      if to > index {
        let slice = line.text[index..<to]
        let w = DisplayWidth.of(slice)
        pieces.append(LayoutLine.Piece(text: slice, scalarStart: offset, width: w, kind: .text))
        width += w
      }
      let label = LinkNumbering.label(mark.number)
      let w = DisplayWidth.of(label)
      pieces.append(LayoutLine.Piece(text: Substring(label), scalarStart: nil, width: w, kind: .linkLabel(mark.number)))
      width += w
      index = to
      offset = at
    }
    if index < line.text.endIndex {
      let slice = line.text[index...]
      let w = DisplayWidth.of(slice)
      pieces.append(LayoutLine.Piece(text: slice, scalarStart: offset, width: w, kind: .text))
      width += w
    }
    line.pieces = pieces
    line.width = width
  }
}

/// One screen row of laid-out text.
public struct LayoutLine: Sendable, Equatable {
  public enum Style: Sendable, Equatable {
    case title, meta, preamble, body
    case heading(Int)
    case code
    case rule
    /// A link's URL, listed under its paragraph.
    case linkList
  }
  /// The text of the row (a slice of the article's text, or of the header).
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
  /// True when a code line was cut at the right edge.
  public var clipped = false

  public init(text: Substring, scalarStart: Int?, width: Int, style: Style, prefix: String = "", clipped: Bool = false) {
    self.text = text
    self.scalarStart = scalarStart
    self.width = width
    self.style = style
    self.prefix = prefix
    self.clipped = clipped
  }

  public var scalarEnd: Int? { scalarStart.map { $0 + text.unicodeScalars.count } }
}

/// Word wrapping by display width.
public enum TextWrapper {
  /// Breaking spaces; no-break spaces (U+00A0, U+2007, U+202F) keep words together.
  /// (Compared as scalar values: comparing `Character`s normalises both sides, which made this
  /// test most of the cost of laying out a paragraph.)
  @inlinable
  public static func isBreakingSpace(_ c: Character) -> Bool {
    let scalars = c.unicodeScalars
    guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
    return isBreakingSpace(first)
  }

  @inlinable
  public static func isBreakingSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x20, 0x09, 0x3000, 0x2000...0x2006, 0x2008...0x200A, 0x205F: return true
    default: return false
    }
  }

  /// Wraps `text` into lines of at most `width` columns. Lines break at spaces (which are
  /// dropped at the break); a word longer than a line is broken between grapheme clusters.
  /// A grapheme cluster is never split.
  public static func wrap(
    _ text: Substring, scalarStart: Int?, width: Int, style: LayoutLine.Style
  ) -> [LayoutLine] {
    let width = max(1, width)
    var lines: [LayoutLine] = []
    var lineStart: String.Index?
    var lineStartScalar = 0
    var lineWidth = 0
    var breakEnd: (index: String.Index, width: Int)?
    var wordStart: (index: String.Index, scalar: Int, width: Int)?
    var previousWasSpace = false
    var scalar = 0

    func emit(_ start: String.Index, _ end: String.Index, _ startScalar: Int, _ w: Int) {
      lines.append(
        LayoutLine(
          text: text[start..<end], scalarStart: scalarStart.map { $0 + startScalar }, width: w,
          style: style))
    }

    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let next = text.index(after: index)
      let scalarsHere = character.unicodeScalars.count
      defer {
        index = next
        scalar += scalarsHere
      }
      if character == "\n" {
        // A hard line break (Markdown, <br>): end the line here.
        if let start = lineStart {
          if previousWasSpace, let end = breakEnd {
            emit(start, end.index, lineStartScalar, end.width)
          } else {
            emit(start, index, lineStartScalar, lineWidth)
          }
        } else {
          lines.append(LayoutLine(text: text[index..<index], scalarStart: scalarStart.map { $0 + scalar }, width: 0, style: style))
        }
        lineStart = nil
        previousWasSpace = false
        continue
      }
      let isSpace = isBreakingSpace(character)
      if lineStart == nil {
        if isSpace { continue }
        lineStart = index
        lineStartScalar = scalar
        lineWidth = 0
        breakEnd = nil
        wordStart = nil
        previousWasSpace = false
      }
      let w = Glyph(character).width
      if isSpace {
        if !previousWasSpace { breakEnd = (index, lineWidth) }
        previousWasSpace = true
        lineWidth += w
        continue
      }
      if previousWasSpace {
        wordStart = (index, scalar, lineWidth)
        previousWasSpace = false
      }
      if lineWidth + w > width {
        if let end = breakEnd, let word = wordStart {
          emit(lineStart!, end.index, lineStartScalar, end.width)
          lineStart = word.index
          lineStartScalar = word.scalar
          lineWidth -= word.width
          breakEnd = nil
          wordStart = nil
        }
        if lineWidth + w > width && lineWidth > 0 {
          emit(lineStart!, index, lineStartScalar, lineWidth)
          lineStart = index
          lineStartScalar = scalar
          lineWidth = 0
          breakEnd = nil
          wordStart = nil
        }
      }
      lineWidth += w
    }
    if let start = lineStart {
      if previousWasSpace, let end = breakEnd {
        emit(start, end.index, lineStartScalar, end.width)
      } else {
        emit(start, text.endIndex, lineStartScalar, lineWidth)
      }
    }
    if lines.isEmpty {
      lines.append(
        LayoutLine(text: text[text.startIndex..<text.startIndex], scalarStart: scalarStart, width: 0, style: style))
    }
    return lines
  }
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
/// screen needs it, so opening a very long article costs only the first screen's wrapping.
/// A new width clears the cache (a resize re-wraps; the article is untouched).
///
/// The cache is a class so that rendering can fill it; it is a pure function of the article
/// and the width, so sharing it between copies of a state is harmless.
public final class ArticleLayout: @unchecked Sendable {
  public let article: Article
  public private(set) var width: Int
  private var cache: [Int: [LayoutLine]] = [:]

  public init(article: Article, width: Int) {
    self.article = article
    self.width = max(1, width)
  }

  public func setWidth(_ newWidth: Int) {
    let w = max(1, newWidth)
    if w != width {
      width = w
      cache.removeAll()
    }
  }

  /// Header block plus one block per paragraph, the headline paragraph excepted (it is the header).
  public var blockCount: Int {
    1 + article.paragraphs.count - (article.titleParagraph == nil ? 0 : 1)
  }

  public func paragraph(forBlock block: Int) -> Int? {
    guard block > 0 else { return article.titleParagraph }
    let p = block - 1
    if let t = article.titleParagraph, p >= t { return p + 1 }
    return p
  }

  public func block(forParagraph p: Int) -> Int {
    guard let t = article.titleParagraph else { return p + 1 }
    if p == t { return 0 }
    return p < t ? p + 1 : p
  }

  /// The wrapped lines of a block (without its trailing blank row).
  public func lines(ofBlock block: Int) -> [LayoutLine] {
    if let cached = cache[block] { return cached }
    let result: [LayoutLine]
    if block == 0 {
      var header: [LayoutLine]
      if let t = article.titleParagraph {
        let p = article.paragraphs[t]
        header = TextWrapper.wrap(
          article.text[p.indices], scalarStart: p.scalars.lowerBound, width: width, style: .title)
      } else {
        header = TextWrapper.wrap(Substring(article.title), scalarStart: nil, width: width, style: .title)
      }
      for line in article.byline {
        header += TextWrapper.wrap(Substring(line), scalarStart: nil, width: width, style: .meta)
      }
      let words = article.wordCount.formatted(groupingSeparator: ",")
      let meta = "\(words) words · \(article.readingMinutes) min read"
      header += TextWrapper.wrap(Substring(meta), scalarStart: nil, width: width, style: .meta)
      result = header
    } else if let p = paragraph(forBlock: block), p < article.paragraphs.count {
      result = layoutParagraph(article.paragraphs[p])
    } else {
      result = []
    }
    cache[block] = result
    return result
  }

  /// A paragraph's lines: wrapped (or, for code, clipped) inside its quote bars, list
  /// indent and marker, followed by the URLs of its links.
  func layoutParagraph(_ paragraph: Paragraph) -> [LayoutLine] {
    let text = article.text[paragraph.indices]
    let quote = String(repeating: "▎ ", count: paragraph.quoteDepth)
    let listIndent = String(repeating: "  ", count: max(0, paragraph.listDepth - 1))
    var firstPrefix = quote + listIndent
    var restPrefix = firstPrefix
    if let marker = paragraph.marker {
      firstPrefix += marker + " "
      restPrefix += String(repeating: " ", count: DisplayWidth.of(marker) + 1)
    } else if paragraph.listDepth > 0 {
      firstPrefix += "  "
      restPrefix += "  "
    }
    var style: LayoutLine.Style = paragraph.kind == .preamble ? .preamble : .body
    switch paragraph.block {
    case .heading(let level):
      style = .heading(level)
      firstPrefix += String(repeating: "#", count: level) + " "
      restPrefix += String(repeating: " ", count: level + 1)
    case .rule:
      return [LayoutLine(text: text, scalarStart: paragraph.scalars.lowerBound, width: 0, style: .rule, prefix: firstPrefix)]
    case .code:
      return layoutCode(text, start: paragraph.scalars.lowerBound, prefix: firstPrefix + "  ")
    case .text:
      break
    }
    let available = max(1, width - max(DisplayWidth.of(firstPrefix), DisplayWidth.of(restPrefix)))
    var lines = TextWrapper.wrap(text, scalarStart: paragraph.scalars.lowerBound, width: available, style: style)
    for i in lines.indices { lines[i].prefix = i == 0 ? firstPrefix : restPrefix }
    // Link targets, listed under the paragraph.
    let links = article.runs.filter { paragraph.scalars.contains($0.range.lowerBound) }.compactMap { run -> String? in
      if case .link(let url) = run.style, !url.isEmpty { return url }
      return nil
    }
    var seen = Set<String>()
    for url in links where seen.insert(url).inserted {
      for (i, line) in TextWrapper.wrap(Substring("↳ " + url), scalarStart: nil, width: max(1, width - DisplayWidth.of(restPrefix)), style: .linkList).enumerated() {
        var l = line
        l.prefix = restPrefix + (i == 0 ? "" : "  ")
        lines.append(l)
      }
    }
    return lines
  }

  /// Code lines as written: never re-wrapped; a line wider than the column is cut and
  /// marked.
  func layoutCode(_ text: Substring, start: Int, prefix: String) -> [LayoutLine] {
    let available = max(2, width - DisplayWidth.of(prefix))
    var lines: [LayoutLine] = []
    var offset = start
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var used = 0
      var end = line.startIndex
      var clipped = false
      for index in line.indices {
        let w = Glyph(line[index]).width
        if used + w > available - 1 && line.index(after: index) != line.endIndex || used + w > available {
          clipped = true
          break
        }
        used += w
        end = line.index(after: index)
      }
      lines.append(LayoutLine(text: line[line.startIndex..<end], scalarStart: offset, width: used, style: .code, prefix: prefix, clipped: clipped))
      offset += line.unicodeScalars.count + 1
    }
    return lines
  }

  /// Rows a block takes on screen, including the blank row after it (none after the last).
  public func rowCount(ofBlock block: Int) -> Int {
    lines(ofBlock: block).count + (block + 1 < blockCount && gapAfter(block) ? 1 : 0)
  }

  /// A blank row separates blocks, except between the items of a list.
  func gapAfter(_ block: Int) -> Bool {
    guard block > 0, let p = paragraph(forBlock: block), let q = paragraph(forBlock: block + 1),
      p < article.paragraphs.count, q < article.paragraphs.count
    else { return true }
    let a = article.paragraphs[p]
    let b = article.paragraphs[q]
    return !(a.listDepth > 0 && b.listDepth > 0 && b.quoteDepth == a.quoteDepth)
  }

  /// The row at a position: a line, or nil for a blank separator row.
  public func line(at position: LayoutPosition) -> LayoutLine? {
    let lines = lines(ofBlock: position.block)
    return position.row < lines.count ? lines[position.row] : nil
  }

  /// The position `count` rows further on (or back, for a negative count), clamped to the article.
  public func advance(_ position: LayoutPosition, by count: Int) -> LayoutPosition {
    var p = position
    var n = count
    while n > 0 {
      let rows = rowCount(ofBlock: p.block)
      let step = min(n, rows - 1 - p.row)
      if step > 0 {
        p.row += step
        n -= step
      } else if p.block + 1 < blockCount {
        p = LayoutPosition(block: p.block + 1, row: 0)
        n -= 1
      } else {
        break
      }
    }
    while n < 0 {
      if p.row > 0 {
        let step = min(-n, p.row)
        p.row -= step
        n += step
      } else if p.block > 0 {
        p = LayoutPosition(block: p.block - 1, row: rowCount(ofBlock: p.block - 1) - 1)
        n += 1
      } else {
        break
      }
    }
    return p
  }

  /// The last row of the article.
  public var end: LayoutPosition {
    let last = blockCount - 1
    return LayoutPosition(block: last, row: max(0, rowCount(ofBlock: last) - 1))
  }

  /// The top position that shows the article's last row at the bottom of `height` rows.
  public func bottomTop(height: Int) -> LayoutPosition {
    advance(end, by: -(max(1, height) - 1))
  }

  /// Clamps a top-of-screen position so that the screen is not scrolled past the end.
  public func clampTop(_ position: LayoutPosition, height: Int) -> LayoutPosition {
    let bottom = bottomTop(height: height)
    return position > bottom ? max(bottom, .top) : position
  }

  /// Scalar offset of the first article text at or after a position (for reading position and %).
  public func scalarOffset(at position: LayoutPosition) -> Int {
    if let line = line(at: position), let s = line.scalarStart { return s }
    if position.block == 0 {
      return 0
    }
    if let p = paragraph(forBlock: position.block), p < article.paragraphs.count {
      let paragraph = article.paragraphs[p]
      return position.row == 0 ? paragraph.scalars.lowerBound : paragraph.scalars.upperBound
    }
    return article.scalarCount
  }

  /// The position of the row that shows a scalar offset.
  public func position(forScalar offset: Int) -> LayoutPosition {
    guard let p = article.paragraphIndex(containing: offset) else { return .top }
    let block = block(forParagraph: p)
    let lines = lines(ofBlock: block)
    var row = 0
    for (i, line) in lines.enumerated() {
      if let s = line.scalarStart, s <= offset { row = i }
    }
    return LayoutPosition(block: block, row: row)
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

import Synchronization

/// The memo behind `ArticleLayout`: one `LayoutEngine` per width, built on first use.
///
/// Why a lock: rendering reads the layout through non-mutating calls on a value held in
/// `Sendable` state, and the lines are worth keeping between frames, so the memo is a shared
/// reference that fills as it is read. It is a pure function of (article, width), keyed by
/// width, so sharing it between copies is harmless; the `Mutex` makes that sharing sound
/// (and `Sendable` without `@unchecked`). The reader is single-threaded: the lock is never
/// contended.
final class LayoutMemo: Sendable {
  let article: Article
  let lazyParagraphScalars: Int
  let checkpointLines: Int
  /// Engines by width, most recently used last; a few widths are kept (resizing back and
  /// forth reuses them).
  private let engines = Mutex<[LayoutEngine]>([])
  static let widthsKept = 4
  /// The article's numbered links (`LinkNumbering`), counted once.
  let links: [NumberedLink]

  init(article: Article, lazyParagraphScalars: Int, checkpointLines: Int) {
    self.article = article
    links = LinkNumbering.links(of: article)
    self.lazyParagraphScalars = lazyParagraphScalars
    self.checkpointLines = checkpointLines
  }

  func withEngine<R: Sendable>(width: Int, _ body: (LayoutEngine) -> R) -> R {
    engines.withLock { engines in
      let engine: LayoutEngine
      if let i = engines.lastIndex(where: { $0.width == width }) {
        engine = engines.remove(at: i)
      } else {
        engine = LayoutEngine(
          article: article, width: width, lazyParagraphScalars: lazyParagraphScalars, stride: checkpointLines,
          links: links)
        if engines.count >= LayoutMemo.widthsKept { engines.removeFirst() }
      }
      engines.append(engine)
      return body(engine)
    }
  }
}

/// The article's blocks wrapped at one width. Not `Sendable`: it lives inside the memo's lock.
final class LayoutEngine {
  let article: Article
  let width: Int
  let lazyParagraphScalars: Int
  let stride: Int
  let links: [NumberedLink]
  private var blocks: [Int: Block] = [:]

  enum Block {
    case lines([LayoutLine])
    case lazy(LazyParagraph)
    /// A table, its rows built as they are shown.
    case table(LazyTable)
  }

  init(article: Article, width: Int, lazyParagraphScalars: Int, stride: Int, links: [NumberedLink] = []) {
    self.article = article
    self.width = width
    self.lazyParagraphScalars = lazyParagraphScalars
    self.stride = stride
    self.links = links
  }

  var blockCount: Int { article.blockCount }
  func paragraph(forBlock block: Int) -> Int? { article.paragraph(forBlock: block) }
  func block(forParagraph p: Int) -> Int { article.block(forParagraph: p) }

  func layout(ofBlock block: Int) -> Block {
    if let cached = blocks[block] { return cached }
    let result: Block
    if block == 0 {
      result = .lines(header())
    } else if let p = paragraph(forBlock: block), p < article.paragraphs.count {
      result = layoutParagraph(article.paragraphs[p])
    } else {
      result = .lines([])
    }
    blocks[block] = result
    return result
  }

  func header() -> [LayoutLine] {
    var header: [LayoutLine]
    if let t = article.titleParagraph {
      let p = article.paragraphs[t]
      let text = article.text[p.indices]
      let labels = LinkLabels(links: LinkNumbering.links(links, startingIn: p.scalars), text: text)
      header = TextWrapper.wrap(
        text, scalarStart: p.scalars.lowerBound, width: width, style: .title,
        extras: labels.extras(base: p.scalars.lowerBound))
      for i in header.indices { labels.decorate(&header[i]) }
    } else {
      header = TextWrapper.wrap(Substring(article.title), scalarStart: nil, width: width, style: .title)
    }
    for line in article.byline {
      header += TextWrapper.wrap(Substring(line), scalarStart: nil, width: width, style: .meta)
    }
    let words = article.wordCount.formatted(groupingSeparator: ",")
    let meta = "\(words) words · \(article.readingMinutes) min read"
    header += TextWrapper.wrap(Substring(meta), scalarStart: nil, width: width, style: .meta)
    return header
  }

  /// A paragraph's lines: wrapped (or, for code, clipped; for a table, in columns) inside its
  /// quote bars, list indent and marker, with its links' numbers after their text.
  func layoutParagraph(_ paragraph: Paragraph) -> Block {
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
      return .lines([
        LayoutLine(text: text, scalarStart: paragraph.scalars.lowerBound, width: 0, style: .rule, prefix: firstPrefix)
      ])
    case .code:
      return .lines(layoutCode(text, start: paragraph.scalars.lowerBound, prefix: firstPrefix + "  "))
    case .table(let shape):
      let plan = TableLayout.Plan(
        text, start: paragraph.scalars.lowerBound, shape: shape, width: width, prefix: firstPrefix,
        restPrefix: restPrefix,
        labels: LinkLabels(links: LinkNumbering.links(links, startingIn: paragraph.scalars), text: text))
      return .table(LazyTable(plan: plan))
    case .text:
      break
    }
    let available = max(1, width - max(DisplayWidth.of(firstPrefix), DisplayWidth.of(restPrefix)))
    let labels = LinkLabels(links: LinkNumbering.links(links, startingIn: paragraph.scalars), text: text)
    let base = paragraph.scalars.lowerBound
    if paragraph.scalars.count > lazyParagraphScalars {
      return .lazy(
        LazyParagraph(
          text: text, base: base, width: available, style: style, firstPrefix: firstPrefix,
          restPrefix: restPrefix, labels: labels, stride: stride))
    }
    var lines = TextWrapper.wrap(
      text, scalarStart: base, width: available, style: style, extras: labels.extras(base: base))
    for i in lines.indices {
      lines[i].prefix = i == 0 ? firstPrefix : restPrefix
      labels.decorate(&lines[i])
    }
    return .lines(lines)
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
      lines.append(
        LayoutLine(
          text: line[line.startIndex..<end], scalarStart: offset, width: used, style: .code, prefix: prefix,
          clipped: clipped))
      offset += line.unicodeScalars.count + 1
    }
    return lines
  }

  // MARK: - Rows

  func allLines(ofBlock block: Int) -> [LayoutLine] {
    switch layout(ofBlock: block) {
    case .lines(let lines): return lines
    case .lazy(let lazy): return lazy.allLines()
    case .table(let table): return table.allLines()
    }
  }

  /// Rows of a block's lines (no blank row), or some number above `limit` when there are more.
  func lineCount(ofBlock block: Int, upTo limit: Int = .max) -> Int {
    switch layout(ofBlock: block) {
    case .lines(let lines): return lines.count
    case .lazy(let lazy): return lazy.rowCount(upTo: limit)
    case .table(let table): return table.lineCount
    }
  }

  /// Rows a block takes on screen, including the blank row after it (none after the last).
  func rowCount(ofBlock block: Int, upTo limit: Int = .max) -> Int {
    lineCount(ofBlock: block, upTo: limit) + (block + 1 < blockCount && gapAfter(block) ? 1 : 0)
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

  func line(at position: LayoutPosition) -> LayoutLine? {
    switch layout(ofBlock: position.block) {
    case .lines(let lines): return position.row >= 0 && position.row < lines.count ? lines[position.row] : nil
    case .lazy(let lazy): return lazy.line(at: position.row)
    case .table(let table): return table.line(at: position.row)
    }
  }

  /// The position `count` rows on (or back), clamped to the article, and how many rows it moved.
  func advance(_ position: LayoutPosition, by count: Int) -> (position: LayoutPosition, moved: Int) {
    var p = position
    var n = count
    while n > 0 {
      let rows = rowCount(ofBlock: p.block, upTo: p.row + n + 1)
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
    return (p, count - n)
  }

  var end: LayoutPosition {
    let last = blockCount - 1
    return LayoutPosition(block: last, row: max(0, rowCount(ofBlock: last) - 1))
  }

  func clampTop(_ position: LayoutPosition, height: Int) -> LayoutPosition {
    let rows = max(1, height) - 1
    let probe = advance(position, by: rows)
    guard probe.moved < rows else { return position }
    // The end is on this screen: `probe` is the last row; show it at the bottom.
    return max(advance(probe.position, by: -rows).position, .top)
  }

  func scalarOffset(at position: LayoutPosition) -> Int {
    if let line = line(at: position), let s = line.scalarStart { return s }
    if position.block == 0 {
      return 0
    }
    if let p = paragraph(forBlock: position.block), p < article.paragraphs.count {
      let paragraph = article.paragraphs[p]
      if position.row == 0 { return paragraph.scalars.lowerBound }
      if isGap(position, paragraph: p) { return paragraph.scalars.upperBound + 1 }
      return paragraph.scalars.upperBound
    }
    return article.scalarCount
  }

  /// The blank row after a paragraph's block (its text lines and link lines come before).
  func isGap(_ position: LayoutPosition, paragraph p: Int) -> Bool {
    p + 1 < article.paragraphs.count && position.block + 1 < blockCount && gapAfter(position.block)
      && position.row == lineCount(ofBlock: position.block)
  }

  func position(forScalar offset: Int) -> LayoutPosition {
    guard let p = article.paragraphIndex(containing: offset) else { return .top }
    let block = block(forParagraph: p)
    let paragraph = article.paragraphs[p]
    if block > 0 && offset > paragraph.scalars.upperBound && p + 1 < article.paragraphs.count
      && block + 1 < blockCount && gapAfter(block)
    {
      return LayoutPosition(block: block, row: lineCount(ofBlock: block))
    }
    switch layout(ofBlock: block) {
    case .lines(let lines):
      var row = 0
      for (i, line) in lines.enumerated() {
        if let s = line.scalarStart, s <= offset { row = i }
      }
      return LayoutPosition(block: block, row: row)
    case .lazy(let lazy):
      return LayoutPosition(block: block, row: lazy.row(forScalar: offset))
    case .table(let table):
      return LayoutPosition(block: block, row: table.line(forScalar: offset))
    }
  }
}

/// Blocks as the layout counts them: the header (block 0, which shows the headline
/// paragraph when there is one), then the other paragraphs in order.
extension Article {
  var blockCount: Int { 1 + paragraphs.count - (titleParagraph == nil ? 0 : 1) }

  func paragraph(forBlock block: Int) -> Int? {
    guard block > 0 else { return titleParagraph }
    let p = block - 1
    if let t = titleParagraph, p >= t { return p + 1 }
    return p
  }

  func block(forParagraph p: Int) -> Int {
    guard let t = titleParagraph else { return p + 1 }
    if p == t { return 0 }
    return p < t ? p + 1 : p
  }
}

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// An article as the reader sees it: one canonical text, split into paragraphs.
///
/// **Offsets.** Every offset Gloss stores (reading positions, and later annotation anchors)
/// counts Unicode scalars from the start of `text`. `Paragraph` also keeps the matching
/// `String.Index` range so that slicing is O(1).
///
/// **Canonical text.** The file is decoded as UTF-8 (invalid bytes become U+FFFD), a BOM is
/// dropped, CRLF and CR become LF. Paragraphs are separated by blank lines; a block whose
/// lines are hard-wrapped prose is joined into one paragraph with single spaces, while a block
/// of short or very long independent lines (navigation, captions, or files that put one
/// paragraph per line with no blank lines) keeps one paragraph per line. Paragraphs are joined
/// in `text` by a blank line (`"\n\n"`). Re-wrapping a file with different line breaks
/// therefore leaves `text` unchanged.
public struct Article: Sendable {
  /// Where it came from, as named in the library (relative path), for messages and storage.
  public var path: String
  public var text: String {
    didSet { scalarMarks = ScalarMarks(text) }
  }
  /// Where every 64 Ki-th scalar starts, so that finding a scalar offset's index costs at
  /// most 64 Ki scalars of counting, wherever it is in a 50 MB paragraph.
  private var scalarMarks: ScalarMarks
  public var paragraphs: [Paragraph]
  /// The headline a reader would name, or an honest fallback (first words, or the file name).
  public var title: String
  /// Index into `paragraphs` of the headline, when the title was found in the text.
  public var titleParagraph: Int?
  public var wordCount: Int
  /// Length of `text` in Unicode scalars.
  public var scalarCount: Int
  /// Inline styles (emphasis, strong, code, links) of formatted articles, by scalar range,
  /// sorted by start. Empty for plain text.
  public var runs: [InlineRun] = [] {
    didSet { maxRunLength = runs.lazy.map(\.range.count).max() ?? 0 }
  }
  private var maxRunLength = 0
  /// Lines shown under the title (author, date, source from Markdown front matter).
  public var byline: [String] = []
  /// Targets of internal links (`#id`): an id (an HTML `id`/`name`, a Markdown heading's
  /// GitHub-style slug, a footnote's label) and the scalar offset it points at.
  public var anchors: [String: Int] = [:]
  /// True for the first part of a very long file, parsed so that the first screen paints at
  /// once; the run loop replaces it with the whole article right after. Offsets are the same
  /// in both, because the part ends at a paragraph break.
  public var isPartial = false

  /// Minutes to read at 230 words a minute, at least 1 for a non-empty article.
  public var readingMinutes: Int {
    wordCount == 0 ? 0 : max(1, Int((Double(wordCount) / 230).rounded()))
  }

  public init(path: String, data: Data) {
    self = ArticleParser.parse(path: path, data: data)
  }

  /// Parses text already decoded (the parser works on its UTF-8 storage, without copying it).
  public init(path: String, string: consuming String) {
    self = ArticleParser.parse(path: path, text: string)
  }

  init(
    path: String, text: String, paragraphs: [Paragraph], title: String, titleParagraph: Int?,
    wordCount: Int, scalarCount: Int
  ) {
    self.path = path
    self.text = text
    scalarMarks = ScalarMarks(text)
    self.paragraphs = paragraphs
    self.title = title
    self.titleParagraph = titleParagraph
    self.wordCount = wordCount
    self.scalarCount = scalarCount
  }

  /// The text of one paragraph.
  public func string(of paragraph: Paragraph) -> Substring {
    text[paragraph.indices]
  }

  /// The string index of a scalar offset (the end of the text past its end): counted from
  /// the nearest mark, eight bytes a step.
  public func stringIndex(forScalar offset: Int) -> String.Index {
    let utf8 = text.utf8
    guard offset > 0 else { return text.startIndex }
    let mark = scalarMarks.nearest(atOrBefore: offset)
    let run = { (buf: UnsafeBufferPointer<UInt8>) in
      TextScan.byteOffset(advancing: offset - mark.scalar, from: mark.byte, in: buf)
    }
    let byte = utf8.withContiguousStorageIfAvailable(run) ?? Array(utf8).withUnsafeBufferPointer(run)
    return utf8.index(utf8.startIndex, offsetBy: byte)
  }

  /// Runs that overlap a scalar range, in order, found by binary search (a long Markdown
  /// article has tens of thousands of runs; drawing a line must not look at all of them).
  public func runs(overlapping range: Range<Int>) -> [InlineRun] {
    runs.elements(overlapping: range, maxLength: maxRunLength) { $0.range }
  }

  /// The paragraph containing a scalar offset (the nearest one for offsets between paragraphs).
  public func paragraphIndex(containing offset: Int) -> Int? {
    guard !paragraphs.isEmpty else { return nil }
    return max(0, paragraphs.partitioningIndex { $0.scalars.lowerBound <= offset } - 1)
  }
}

/// Byte offsets of every `spacing`-th scalar of a text.
struct ScalarMarks: Sendable {
  /// Every 2,048 scalars: a 10 MB article keeps about 5,000 marks (40 KB), and finding an
  /// offset walks at most 2 KB of text (a highlight asks for several).
  static let spacing = 1 << 11
  private var bytes: [Int] = [0]

  init(_ text: String) {
    guard text.utf8.count > ScalarMarks.spacing else { return }
    let run = { (buf: UnsafeBufferPointer<UInt8>) in
      var marks = [0]
      while true {
        let next = TextScan.byteOffset(advancing: ScalarMarks.spacing, from: marks[marks.count - 1], in: buf)
        guard next < buf.count else { return marks }
        marks.append(next)
      }
    }
    bytes = text.utf8.withContiguousStorageIfAvailable(run) ?? Array(text.utf8).withUnsafeBufferPointer(run)
  }

  func nearest(atOrBefore scalar: Int) -> (scalar: Int, byte: Int) {
    let k = min(bytes.count - 1, scalar / ScalarMarks.spacing)
    return (k * ScalarMarks.spacing, bytes[k])
  }
}

/// One paragraph: a range of the article's text.
public struct Paragraph: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// Ordinary body text.
    case body
    /// The article's headline.
    case title
    /// Lines above the headline (site navigation, captions): shown, but dimmed.
    case preamble
  }
  /// Unicode scalar offsets into `Article.text`.
  public var scalars: Range<Int>
  /// The same range as string indices.
  public var indices: Range<String.Index>
  public var kind: Kind
  /// How the block is laid out (formatted articles; plain text is all `.text`).
  public var block: BlockStyle = .text
  /// Block quote nesting (a bar in the margin per level).
  public var quoteDepth = 0
  /// List nesting, and the marker ("•", "1.") shown before the item's first line.
  public var listDepth = 0
  public var marker: String?

  public init(scalars: Range<Int>, indices: Range<String.Index>, kind: Kind) {
    self.scalars = scalars
    self.indices = indices
    self.kind = kind
  }
}

/// Block-level layout of a paragraph.
public enum BlockStyle: Sendable, Equatable {
  /// Wrapped text.
  case text
  /// A heading of a level (1–6), shown bold with its level visible.
  case heading(Int)
  /// Preformatted code: lines are not re-wrapped but clipped, with a marker.
  case code
  /// A thematic break, drawn as a rule (its text is empty).
  case rule
  /// A table (Markdown or HTML). The paragraph's text holds the rows, one per line, and each
  /// row's cells separated by a tab; cell text never holds a tab or a line break (the builder
  /// turns them into spaces). Laid out as aligned columns, never re-wrapped.
  case table(TableShape)
}

/// How a table's columns line up, and how many of its first rows are headers.
public struct TableShape: Sendable, Equatable {
  public enum Alignment: Sendable, Equatable {
    /// No alignment given (shown left-aligned).
    case none
    case left, center, right
  }
  /// One per column (the widest row's count); missing entries mean `.none`.
  public var alignments: [Alignment]
  public var headerRows: Int
  public init(alignments: [Alignment], headerRows: Int) {
    self.alignments = alignments
    self.headerRows = headerRows
  }
}

/// An inline style over a range of the text (Unicode scalar offsets).
public struct InlineRun: Sendable, Equatable {
  public enum Style: Sendable, Equatable {
    case emphasis, strong, code, strikethrough
    case link(String)
  }
  public var range: Range<Int>
  public var style: Style
  public init(range: Range<Int>, style: Style) {
    self.range = range
    self.style = style
  }
}

/// Builds an article from structured content (Markdown, HTML): paragraphs of text with
/// block styles and inline runs. The canonical text joins paragraphs with a blank line, as
/// for plain text, so anchoring works the same.
public struct ArticleBuilder {
  public struct Block {
    public var text: String
    public var style: BlockStyle
    public var quoteDepth: Int
    public var listDepth: Int
    public var marker: String?
    /// Runs relative to the start of `text`, in scalars.
    public var runs: [InlineRun]
    /// Ids of internal link targets that point at the start of this block.
    public var anchors: [String] = []
    public init(
      text: String, style: BlockStyle = .text, quoteDepth: Int = 0, listDepth: Int = 0, marker: String? = nil,
      runs: [InlineRun] = []
    ) {
      self.text = text
      self.style = style
      self.quoteDepth = quoteDepth
      self.listDepth = listDepth
      self.marker = marker
      self.runs = runs
    }
  }

  public var blocks: [Block] = []
  public init() {}

  /// One cell of a table: its text and inline runs (relative to the cell's text, in scalars).
  public struct Cell {
    public var text: String
    public var runs: [InlineRun]
    public init(text: String, runs: [InlineRun] = []) {
      self.text = text
      self.runs = runs
    }
  }

  /// A table block: rows of cells joined into the text `BlockStyle.table` describes, with the
  /// cells' runs moved to their place in it. Tabs and line breaks in a cell become spaces.
  public static func table(
    rows: [[Cell]], shape: TableShape, quoteDepth: Int = 0, listDepth: Int = 0
  ) -> Block {
    var text = ""
    var runs: [InlineRun] = []
    var offset = 0
    for (r, row) in rows.enumerated() {
      if r > 0 {
        text += "\n"
        offset += 1
      }
      for (c, cell) in row.enumerated() {
        if c > 0 {
          text += "\t"
          offset += 1
        }
        var clean = String.UnicodeScalarView()
        for scalar in cell.text.unicodeScalars {
          clean.append(scalar == "\t" || scalar == "\n" || scalar == "\r" ? " " : scalar)
        }
        text += String(clean)
        for run in cell.runs {
          runs.append(
            InlineRun(range: (run.range.lowerBound + offset)..<(run.range.upperBound + offset), style: run.style))
        }
        offset += clean.count
      }
    }
    return Block(text: text, style: .table(shape), quoteDepth: quoteDepth, listDepth: listDepth, runs: runs)
  }

  public mutating func append(_ block: Block) {
    blocks.append(block)
  }

  /// The article. `title` (from front matter or a `<title>`) wins; else the first level-1
  /// heading (or first heading); else the plain-text headline rules.
  public func build(path: String, title explicitTitle: String? = nil, byline: [String] = []) -> Article {
    var text = ""
    var paragraphs: [(Range<Int>, Int, Int, Block)] = []  // scalars, utf8 start, utf8 end
    var runs: [InlineRun] = []
    var anchors: [String: Int] = [:]
    var scalarOffset = 0
    var words = 0
    for block in blocks {
      if !paragraphs.isEmpty {
        text += "\n\n"
        scalarOffset += 2
      }
      let utf8Start = text.utf8.count
      let count = block.text.unicodeScalars.count
      text += block.text
      paragraphs.append((scalarOffset..<(scalarOffset + count), utf8Start, text.utf8.count, block))
      for run in block.runs {
        runs.append(
          InlineRun(
            range: (run.range.lowerBound + scalarOffset)..<(run.range.upperBound + scalarOffset), style: run.style))
      }
      words += TextScan.wordCount(block.text)
      for id in block.anchors where anchors[id] == nil { anchors[id] = scalarOffset }
      scalarOffset += count
    }
    let utf8 = text.utf8
    var result: [Paragraph] = paragraphs.map { scalars, lo, hi, block in
      var p = Paragraph(
        scalars: scalars,
        indices: utf8.index(utf8.startIndex, offsetBy: lo)..<utf8.index(utf8.startIndex, offsetBy: hi), kind: .body)
      p.block = block.style
      p.quoteDepth = block.quoteDepth
      p.listDepth = block.listDepth
      p.marker = block.marker
      return p
    }
    var title = explicitTitle.map { String(TextScan.trimmed($0)) } ?? ""
    var titleParagraph: Int?
    if !title.isEmpty {
      // A heading that repeats the given title is the headline (shown once, at the top).
      let key = title.lowercased()
      titleParagraph = result.indices.prefix(8).first { index in
        guard case .heading = result[index].block else { return false }
        return TextScan.trimmed(text[result[index].indices]).lowercased() == key
      }
    }
    if title.isEmpty {
      let headings = result.indices.filter { if case .heading = result[$0].block { return true } else { return false } }
      let h1 = headings.first { result[$0].block == .heading(1) }
      if let index = h1 ?? headings.first {
        titleParagraph = index
        title = String(text[result[index].indices])
      }
    }
    if title.isEmpty {
      let found = TitleFinder.find(text: text, paragraphs: result, path: path)
      title = found.title
      titleParagraph = found.paragraph
    }
    if let t = titleParagraph {
      result[t].kind = .title
    }
    runs.sort { $0.range.lowerBound < $1.range.lowerBound }
    var article = Article(
      path: path, text: text, paragraphs: result, title: title, titleParagraph: titleParagraph, wordCount: words,
      scalarCount: scalarOffset)
    article.runs = runs
    article.byline = byline
    article.anchors = anchors
    return article
  }
}

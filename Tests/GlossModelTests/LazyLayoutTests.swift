import Testing

@testable import GlossModel

/// Random text with what makes wrapping hard: CJK runs without spaces, emoji ZWJ sequences,
/// combining marks, no-break and wide spaces, tabs, long words and hard line breaks.
func hardText(scalars target: Int, seed: UInt64) -> String {
  var rng = SeededRandom(seed: seed)
  let pieces = [
    "the", "of", "diplomacy", "Armenia", "naïve", "café", "e\u{301}te\u{301}", "中文字符测试中文",
    "日本語の記事です", "👨‍👩‍👧", "🇦🇲🇦🇿", "👍🏽", "“quoted”", "—", "Հայերեն", "한국어", "x\u{0308}\u{0301}",
    "supercalifragilisticexpialidocious", "a", "I", "é",
  ]
  let gaps = [" ", " ", " ", " ", "  ", "\u{00A0}", "\u{3000}", "\t", " \n", "\u{2009}"]
  var out = ""
  var count = 0
  while count < target {
    let word = pieces.randomElement(using: &rng)!
    let gap = Int.random(in: 0..<40, using: &rng) == 0 ? "" : gaps.randomElement(using: &rng)!
    out += word + gap
    count += word.unicodeScalars.count + gap.unicodeScalars.count
  }
  return out
}

/// One paragraph holding exactly `text` (no parsing rules applied to it).
func oneParagraph(_ text: String) -> Article {
  var builder = ArticleBuilder()
  builder.append(.init(text: text))
  return builder.build(path: "one.md", title: "One")
}

struct LineFacts: Equatable, CustomStringConvertible {
  var start: Int?
  var text: [UInt32]
  var width: Int
  var prefix: String
  init(_ line: LayoutLine) {
    start = line.scalarStart
    text = line.text.unicodeScalars.map(\.value)
    width = line.width
    prefix = line.prefix
  }
  var description: String {
    "\(start ?? -1): \(String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init))))"
  }
}

@Suite struct LazyLayoutTests {
  /// Small checkpoints and a tiny threshold put ordinary texts on the lazy path.
  func lazy(_ article: Article, width: Int, stride: Int) -> ArticleLayout {
    ArticleLayout(article: article, width: width, lazyParagraphScalars: 8, checkpointLines: stride)
  }

  func reference(_ article: Article, width: Int) -> [LineFacts] {
    ArticleLayout(article: article, width: width, lazyParagraphScalars: .max, checkpointLines: 1)
      .lines(ofBlock: 1).map(LineFacts.init)
  }

  @Test(arguments: [1, 2, 3, 7, 13, 40, 80])
  func lazyLinesAreTheFullWrapsLines(width: Int) throws {
    for seed: UInt64 in 1...3 {
      let article = oneParagraph(hardText(scalars: 3_000, seed: seed + UInt64(width) * 10))
      let expected = reference(article, width: width)
      #expect(expected.count > 20)
      // Top down, row by row.
      let down = lazy(article, width: width, stride: 5)
      var rows: [LineFacts] = []
      var row = 0
      while let line = down.line(at: LayoutPosition(block: 1, row: row)) {
        rows.append(LineFacts(line))
        row += 1
      }
      #expect(rows == expected)
      // From the end (`G`) back up to the top, on a fresh layout.
      let up = lazy(article, width: width, stride: 7)
      var position = up.end
      #expect(position == LayoutPosition(block: 1, row: expected.count - 1))
      var backwards: [LineFacts] = []
      while position.block == 1 {
        backwards.append(LineFacts(try #require(up.line(at: position))))
        position = up.advance(position, by: -1)
      }
      #expect(Array(backwards.reversed()) == expected)
      // Random rows and offsets on another fresh layout.
      let jumps = lazy(article, width: width, stride: 4)
      let full = ArticleLayout(article: article, width: width, lazyParagraphScalars: .max, checkpointLines: 1)
      var rng = SeededRandom(seed: seed)
      for _ in 0..<60 {
        let r = Int.random(in: 0..<expected.count, using: &rng)
        #expect(jumps.line(at: LayoutPosition(block: 1, row: r)).map(LineFacts.init) == expected[r])
        let offset = Int.random(in: 0...article.scalarCount, using: &rng)
        #expect(jumps.position(forScalar: offset) == full.position(forScalar: offset), "offset \(offset)")
      }
    }
  }

  /// Quote bars, list markers, heading levels and link lines under the paragraph: the
  /// same rows lazily as at once, for every block.
  @Test func prefixesAndLinkLinesAreKept() throws {
    var builder = ArticleBuilder()
    let text = hardText(scalars: 1_500, seed: 30)
    builder.append(.init(text: "A heading " + text.prefix(300), style: .heading(2)))
    builder.append(
      .init(
        text: text, quoteDepth: 1, listDepth: 2, marker: "12.",
        runs: [InlineRun(range: 5..<9, style: .link("https://example.com/a/long/path?query=1"))]))
    builder.append(.init(text: String(text.prefix(200)), listDepth: 1, marker: "•"))
    let article = builder.build(path: "f.md", title: "Formatted")
    for width in [9, 33, 80] {
      let full = ArticleLayout(article: article, width: width, lazyParagraphScalars: .max, checkpointLines: 1)
      let lazy = lazy(article, width: width, stride: 3)
      #expect(full.blockCount == lazy.blockCount)
      for block in 0..<full.blockCount {
        let rows = full.rowCount(ofBlock: block)
        #expect(lazy.rowCount(ofBlock: block) == rows)
        for row in (0..<rows).reversed() {
          let position = LayoutPosition(block: block, row: row)
          #expect(lazy.line(at: position).map(LineFacts.init) == full.line(at: position).map(LineFacts.init))
        }
      }
      #expect(full.lines(ofBlock: 2).contains { $0.pieces.contains { $0.kind == .linkLabel(1) } })
    }
  }

  @Test func scrollingBackUpFromTheEndOfAHugeParagraph() throws {
    let article = oneParagraph(hardText(scalars: 400_000, seed: 9))
    let layout = ArticleLayout(article: article, width: 61)
    let expected = reference(article, width: 61)
    let end = layout.end
    #expect(end.row == expected.count - 1)
    var position = end
    for k in 0..<300 {
      #expect(LineFacts(try #require(layout.line(at: position))) == expected[expected.count - 1 - k])
      position = layout.advance(position, by: -1)
    }
    let near = try #require(expected[expected.count - 1000].start)
    #expect(layout.position(forScalar: near + 1) == LayoutPosition(block: 1, row: expected.count - 1000))
  }

  @Test func clampTopLooksOnlyAsFarAsTheScreen() {
    let article = oneParagraph(hardText(scalars: 50_000, seed: 4))
    let layout = ArticleLayout(article: article, width: 50)
    let top = LayoutPosition(block: 1, row: 10)
    #expect(layout.clampTop(top, height: 30) == top)
    #expect(layout.clampTop(layout.end, height: 30) == layout.bottomTop(height: 30))
    #expect(layout.advance(layout.bottomTop(height: 30), by: 29) == layout.end)
    #expect(layout.isAtEnd(layout.end))
    #expect(!layout.isAtEnd(top))
  }
}

@Suite struct LayoutValueTests {
  func sample() -> Article {
    var text = "A Headline For Testing the Layout\n\n"
    for i in 0..<40 {
      text += "Paragraph \(i) " + String(repeating: "lorem ipsum dolor ", count: 3 + i % 9) + "end.\n\n"
    }
    return Article(path: "s.txt", string: text)
  }

  /// Finding W16: 120 → 60 → 45 → 200 → 120 columns comes back to the same row, blank rows
  /// between paragraphs included, and keeps the paragraph at every width on the way.
  @Test func resizingThereAndBackComesBackToTheSameRow() {
    var layout = ArticleLayout(article: sample(), width: 120)
    var position = LayoutPosition(block: 1, row: 0)
    var checked = 0
    var blanks = 0
    while position != layout.end {
      layout.setWidth(120)
      let offset = layout.scalarOffset(at: position)
      let paragraph = layout.paragraph(forBlock: position.block)
      let isBlank = layout.line(at: position) == nil
      var chained = position
      for width in [60, 45, 200] {
        layout.setWidth(width)
        let there = layout.position(forScalar: offset)
        #expect(layout.paragraph(forBlock: there.block) == paragraph, "row \(position) at \(width)")
        #expect((layout.line(at: there) == nil) == isBlank, "a blank row stays a blank row")
        // As the reader did it: each width's offset taken from the row shown at the last one.
        chained = layout.position(forScalar: layout.scalarOffset(at: chained))
        #expect(layout.paragraph(forBlock: chained.block) == paragraph, "chained \(position) at \(width)")
      }
      layout.setWidth(120)
      #expect(layout.position(forScalar: offset) == position)
      position = layout.advance(position, by: 1)
      checked += 1
      if isBlank { blanks += 1 }
    }
    #expect(checked > 100)
    #expect(blanks > 30)
  }

  @Test func copiesAtOtherWidthsNeverShareLines() throws {
    let article = sample()
    let wide = ArticleLayout(article: article, width: 70)
    var narrow = wide
    narrow.setWidth(20)
    let position = LayoutPosition(block: 3, row: 1)
    let a = try #require(wide.line(at: position))
    let b = try #require(narrow.line(at: position))
    #expect(wide.width == 70 && narrow.width == 20)
    #expect(b.width <= 20 && a.width > 20)
    #expect(wide.lines(ofBlock: 3) == ArticleLayout(article: article, width: 70).lines(ofBlock: 3))
    #expect(narrow.lines(ofBlock: 3) == ArticleLayout(article: article, width: 20).lines(ofBlock: 3))
  }
}

@Suite struct WindowedNavigationTests {
  /// In a long paragraph each motion looks only at a window around the cursor; where the
  /// answer is within reach it is the whole paragraph's answer.
  @Test func windowsGiveTheWholeParagraphsAnswers() {
    let text = hardText(scalars: 6_000, seed: 21).replacingOccurrences(of: "\n", with: " ")
      .replacingOccurrences(of: "the ", with: "the. ").replacingOccurrences(of: "a ", with: "a! ")
    let article = oneParagraph(text)
    let whole = TextNavigation(article: article, reach: .max / 4)
    let windowed = TextNavigation(article: article, reach: 200)
    var rng = SeededRandom(seed: 5)
    var compared = 0
    for _ in 0..<400 {
      let offset = Int.random(in: 0..<article.scalarCount, using: &rng)
      #expect(windowed.snap(offset) == whole.snap(offset))
      #expect(windowed.graphemeEnd(at: offset) == whole.graphemeEnd(at: offset))
      #expect(windowed.word(at: offset) == whole.word(at: offset))
      let next = whole.nextWord(after: offset)
      if next - offset < 100 { #expect(windowed.nextWord(after: offset) == next) }
      let previous = whole.previousWord(before: offset)
      if offset - previous < 100 { #expect(windowed.previousWord(before: offset) == previous) }
      if let sentence = whole.sentence(at: offset), sentence.count < 150, sentence.contains(offset) {
        #expect(windowed.sentence(at: offset) == sentence)
        compared += 1
      }
    }
    #expect(compared > 50)
  }

  @Test func motionsInAHugeParagraphStayLocal() {
    let article = oneParagraph(String(repeating: "word ", count: 400_000))
    let nav = TextNavigation(article: article)
    let middle = 1_000_000
    #expect(nav.snap(middle) == middle)
    #expect(nav.nextWord(after: middle - 2) == middle)
    #expect(nav.previousWord(before: middle + 1) == middle)
    #expect(nav.word(at: middle + 1) == middle..<(middle + 4))
    #expect(nav.graphemeEnd(at: middle) == middle + 1)
  }
}

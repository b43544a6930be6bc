import Testing

@testable import GlossModel

@Suite struct TextScanTests {
  /// One definition: whitespace is Unicode's White_Space, and the other classes are carved
  /// out of it.
  @Test func whitespaceClassesComeFromOneDefinition() {
    var breaking = 0
    for value in UInt32(0)...0x10FFFF {
      guard let s = Unicode.Scalar(value) else { continue }
      #expect(TextScan.isWhitespace(s) == s.properties.isWhitespace, "U+\(String(value, radix: 16))")
      #expect(
        TextScan.isBreakingSpace(s)
          == (TextScan.isWhitespace(s) && !TextScan.isLineSeparator(s) && !TextScan.isNoBreakSpace(s)))
      #expect(!TextScan.isLineSeparator(s) || TextScan.isWhitespace(s))
      #expect(!TextScan.isNoBreakSpace(s) || TextScan.isWhitespace(s))
      if TextScan.isBreakingSpace(s) { breaking += 1 }
    }
    #expect(breaking == 14)
    #expect(TextScan.isWhitespace("\r\n" as Character))
    #expect(!TextScan.isWhitespace(" \u{301}" as Character))
    #expect(TextScan.isCollapsibleSpace("\r\n" as Character))
    #expect(!TextScan.isCollapsibleSpace("\u{A0}" as Character))
    #expect(TextScan.trimmed("\u{3000} a\u{A0}b\u{A0}\n") == "a\u{A0}b")
    #expect(TextScan.trimmed(" \t ").isEmpty)
  }

  @Test func occurrencesOverlappingOrNot() {
    let text = Array("aaaa".unicodeScalars.map(\.value))
    let pattern = Array("aa".unicodeScalars.map(\.value))
    #expect(TextScan.occurrences(of: pattern, in: text) == [0..<2, 1..<3, 2..<4])
    #expect(TextScan.occurrences(of: pattern, in: text, overlapping: false) == [0..<2, 2..<4])
    #expect(TextScan.occurrences(of: [], in: text).isEmpty)
    #expect(TextScan.occurrences(of: text + text, in: text).isEmpty)
  }

  @Test func foldedOccurrencesForgiveCaseQuotesDashesAndSpaces() {
    let text = "Azerbaijan’s border — Baku’s\u{00A0}port. AZERBAIJAN's"
    let found = TextScan.foldedOccurrences(of: "azerbaijan's", in: text)
    #expect(found == [0..<12, 35..<47])
    #expect(TextScan.foldedOccurrences(of: "border - baku's port", in: text) == [13..<33])
  }

  @Test func wordsMayBeSeparatedByAnyWhitespace() {
    let text = Array("one  two\n\nthree\u{00A0}four one two three".unicodeScalars.map(\.value))
    #expect(TextScan.occurrences(ofWords: "one two three four", in: text) == [0..<20])
    #expect(TextScan.occurrences(ofWords: " one\ttwo ", in: text) == [0..<8, 21..<28])
    #expect(TextScan.occurrences(ofWords: "   ", in: text).isEmpty)
  }

  /// A Japanese article was "2 words": ideographs and kana are each a word.
  @Test func ideographsAndKanaAreWords() {
    #expect(TextScan.wordCount("日本語の記事です") == 8)
    #expect(TextScan.wordCount("Tokyo 東京 is big") == 5)
    #expect(TextScan.wordCount("  naïve\u{00A0}café\u{3000}x ") == 3)
    #expect(TextScan.wordCount("") == 0)
    #expect(TextScan.wordCount("「東京」、晴れ。") == 4)
    let japanese = Article(path: "ja.txt", string: "東京の天気\n\n今日は晴れです。明日は雨。")
    #expect(japanese.wordCount == 5 + 11)
    var builder = ArticleBuilder()
    builder.append(.init(text: "東京の天気"))
    builder.append(.init(text: "Rain in Tokyo 東京"))
    #expect(builder.build(path: "ja.md").wordCount == 5 + 5)
  }
}

@Suite struct ScalarIndexTests {
  /// Scalar offsets to string indices through the marks every 64 Ki scalars and the
  /// eight-bytes-a-step count, in a text of one, two, three and four-byte scalars.
  @Test func longTextsMapEveryOffsetAsCountingDoes() {
    let text = hardText(scalars: 300_000, seed: 3)
    let article = oneParagraph(text)
    let scalars = article.text.unicodeScalars
    var rng = SeededRandom(seed: 8)
    var offsets = [0, 1, 65_535, 65_536, 65_537, 131_072, article.scalarCount - 1, article.scalarCount]
    offsets += (0..<300).map { _ in Int.random(in: 0...article.scalarCount, using: &rng) }
    for offset in offsets {
      #expect(
        article.stringIndex(forScalar: offset) == scalars.index(scalars.startIndex, offsetBy: offset), "\(offset)")
    }
    #expect(article.stringIndex(forScalar: article.scalarCount + 10) == article.text.endIndex)
  }
}

@Suite struct ScreenSearchTests {
  /// A screen's matches come from folding that screen's text only, and are the paragraph's.
  @Test func matchesInARangeAreTheParagraphsMatchesThere() {
    let article = oneParagraph(hardText(scalars: 20_000, seed: 12))
    let all = ArticleSearch.matches(of: "THE", inParagraph: 0, of: article)
    #expect(all.count > 100)
    var rng = SeededRandom(seed: 2)
    for _ in 0..<200 {
      let lo = Int.random(in: 0..<article.scalarCount, using: &rng)
      let range = lo..<min(article.scalarCount, lo + Int.random(in: 1...3_000, using: &rng))
      #expect(ArticleSearch.matches(of: "THE", in: range, of: article) == all.filter { $0.overlaps(range) })
    }
  }

  /// `n` and `N` looking a piece at a time give the matches the whole paragraphs give.
  @Test func findInPiecesAgreesWithWholeParagraphs() {
    var builder = ArticleBuilder()
    for seed: UInt64 in 1...4 { builder.append(.init(text: hardText(scalars: 3_000, seed: seed + 40))) }
    let article = builder.build(path: "p.md", title: "Pieces")
    let all = (0..<article.paragraphs.count).flatMap { ArticleSearch.matches(of: "the", inParagraph: $0, of: article) }
    #expect(all.count > 50)
    var rng = SeededRandom(seed: 6)
    for _ in 0..<200 {
      let offset = Int.random(in: -1...article.scalarCount, using: &rng)
      let next = all.first { $0.lowerBound > offset } ?? all.first!
      let previous = all.last { $0.lowerBound < offset } ?? all.last!
      #expect(ArticleSearch.find("the", in: article, from: offset, forward: true, chunk: 97)?.range == next)
      #expect(ArticleSearch.find("the", in: article, from: offset, forward: false, chunk: 97)?.range == previous)
      #expect(ArticleSearch.find("the", in: article, from: offset, forward: true)?.range == next)
    }
  }
}

@Suite struct ByteSearchTests {
  @Test func byteOffsetsFromAStartAndEdges() {
    #expect(TextScan.byteOffset(of: "é", in: "café café") == 3)
    #expect(TextScan.byteOffset(of: "é", in: "café café", from: 4) == 9)
    #expect(TextScan.byteOffset(of: "é", in: "café café", from: 10) == nil)
    #expect(TextScan.byteOffset(of: "x", in: "") == nil)
    #expect(TextScan.byteOffset(of: "", in: "abc", from: 2) == 2)
    #expect(TextScan.byteOffset(of: "a", in: "abc", from: 4) == nil)
    #expect(TextScan.containsBytes("main content", "content"))
    #expect(!TextScan.containsBytes("main", "content"))
  }
}

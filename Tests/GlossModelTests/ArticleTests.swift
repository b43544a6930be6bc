import Foundation
import Testing

@testable import GlossModel

/// The bundled sample library, read from the repository.
func bundledArticle(_ name: String) throws -> Article {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("articles").appendingPathComponent(name)
  return Article(path: name, data: try Data(contentsOf: url))
}

func paragraphTexts(_ article: Article) -> [String] {
  article.paragraphs.map { String(article.string(of: $0)) }
}

@Suite struct ParagraphTests {
  @Test func blankLinesSeparateParagraphs() {
    let article = Article(path: "a.txt", string: "First one.\n\nSecond one.\n\n\n\nThird.\n")
    #expect(paragraphTexts(article) == ["First one.", "Second one.", "Third."])
    #expect(article.text == "First one.\n\nSecond one.\n\nThird.")
  }

  @Test func onePerLineWithoutBlankLinesBecomesParagraphs() throws {
    let article = try bundledArticle("baku-and-tehran-diverging-geopolitical-choices.txt")
    #expect(article.paragraphs.count == 21)
    #expect(paragraphTexts(article)[1].hasPrefix("But the short-term rapprochement"))
  }

  @Test func hardWrappedProseIsJoined() {
    let text = """
      This paragraph was wrapped by an editor at about seventy columns so that
      it reads well in a terminal, and the reader should put it back together
      into one paragraph.

      Second paragraph.
      """
    let article = Article(path: "w.txt", string: text)
    #expect(article.paragraphs.count == 2)
    #expect(paragraphTexts(article)[0].contains("columns so that it reads well"))
  }

  @Test func rewrappingDoesNotChangeTheText() {
    let a = Article(
      path: "a.txt",
      string:
        "One two three four five six seven eight nine ten eleven twelve thirteen\nfourteen fifteen sixteen seventeen eighteen nineteen twenty.\n"
    )
    let b = Article(
      path: "a.txt",
      string:
        "One two three four five six seven eight nine ten eleven\ntwelve thirteen fourteen fifteen sixteen seventeen eighteen\nnineteen twenty.\n"
    )
    #expect(a.text == b.text)
  }

  @Test func shortIndependentLinesStaySeparate() {
    let article = Article(path: "n.txt", string: "Analysis | Europe\nDonald Trump Iran\n")
    #expect(paragraphTexts(article) == ["Analysis | Europe", "Donald Trump Iran"])
  }

  @Test func crlfBomAndTrailingSpacesAreHandled() {
    let data = Data([0xEF, 0xBB, 0xBF]) + Data("Title line here\r\n\r\nBody text.   \r\nMore.\rLast.".utf8)
    let article = Article(path: "c.txt", data: data)
    #expect(!article.text.contains("\r"))
    #expect(!article.text.hasPrefix("\u{FEFF}"))
    #expect(paragraphTexts(article) == ["Title line here", "Body text.", "More.", "Last."])
  }

  @Test func invalidUTF8BecomesReplacementCharacters() {
    let data = Data("caf".utf8) + Data([0xC3]) + Data(" ok \u{FF}".utf8) + Data([0xFF, 0xFE])
    let article = Article(path: "bad.txt", data: data)
    #expect(article.text.contains("\u{FFFD}"))
    #expect(article.text.hasPrefix("caf\u{FFFD} ok"))
  }

  @Test func emptyFileHasFileNameTitle() {
    let article = Article(path: "notes/empty-file.txt", data: Data())
    #expect(article.paragraphs.isEmpty)
    #expect(article.title == "empty-file")
    #expect(article.wordCount == 0)
  }

  @Test func scalarOffsetsMatchTheText() {
    let article = Article(path: "u.txt", string: "Ա՛ emoji 😀 here\n\n中文 text — “quoted”\n\nلغت فارسی")
    for paragraph in article.paragraphs {
      let start = article.text.unicodeScalars.index(
        article.text.unicodeScalars.startIndex, offsetBy: paragraph.scalars.lowerBound)
      let end = article.text.unicodeScalars.index(start, offsetBy: paragraph.scalars.count)
      #expect(String(article.text.unicodeScalars[start..<end]) == String(article.string(of: paragraph)))
    }
    #expect(article.scalarCount == article.text.unicodeScalars.count)
  }

  @Test func wordCountAndReadingTime() {
    let words = Array(repeating: "word", count: 460).joined(separator: " ")
    let article = Article(path: "w.txt", string: words)
    #expect(article.wordCount == 460)
    #expect(article.readingMinutes == 2)
  }
}

@Suite struct TitleTests {
  @Test(arguments: [
    ("why-the-us-must-not-support-azerbaijans-war.txt", "Why the U.S. Must Not Support Azerbaijan’s War"),
    ("us-should-stay-away-from-azerbaijan-iran-tensions.txt", "The US should stay away from Azerbaijan-Iran tensions"),
    (
      "west-moral-responsibility-peace-in-nagorno-karabakh.txt",
      "The West has a moral responsibility to help build peace in Nagorno-Karabakh"
    ),
    (
      "iran-and-azerbaijan-escalating-tensions.txt",
      "This year has witnessed a rapid escalation of tensions between Iran and Azerbaijan"
    ),
    (
      "baku-and-tehran-diverging-geopolitical-choices.txt",
      "As tensions subsided following weeks of saber-rattling and…"
    ),
  ])
  func bundledArticleTitles(file: String, title: String) throws {
    let article = try bundledArticle(file)
    #expect(article.title == title)
  }

  @Test func navigationAboveTheHeadlineIsPreamble() throws {
    let article = try bundledArticle("why-the-us-must-not-support-azerbaijans-war.txt")
    #expect(article.titleParagraph == 1)
    #expect(article.paragraphs[0].kind == .preamble)
    #expect(article.paragraphs[1].kind == .title)
    #expect(article.paragraphs[2].kind == .body)
  }

  @Test func duplicatedCaptionIsNotATitle() throws {
    let article = try bundledArticle("iran-and-azerbaijan-escalating-tensions.txt")
    #expect(article.titleParagraph == nil)
    #expect(!article.title.contains("Foreign Minister"))
  }

  @Test func noHeadlineFallsBackToFirstWordsWithEllipsis() {
    let long = String(repeating: "Lorem ipsum dolor sit amet consectetur ", count: 10)
    let article = Article(path: "x.txt", string: long)
    #expect(article.title.hasSuffix("…"))
    #expect(DisplayWidth.of(article.title) <= 61)
  }
}

@Suite struct StringIndexTests {
  @Test func everyScalarOffsetMapsToTheSameIndexAsCounting() {
    let article = Article(path: "i.txt", string: "Ա՛ “one” 😀 two\n\nthree 中文\n\nfour é")
    let scalars = article.text.unicodeScalars
    for offset in 0...article.scalarCount {
      #expect(
        article.stringIndex(forScalar: offset) == scalars.index(scalars.startIndex, offsetBy: offset),
        "offset \(offset)")
    }
  }
}

@Suite struct CanonicalTextReuseTests {
  /// Input already in canonical form is kept as is; anything else is rebuilt; both parse the
  /// same way from a string and from bytes.
  @Test(arguments: [
    "A Headline Here\n\nBody “para” — 中文 😀.\n\nAnother one.",
    "\u{FEFF}A Headline Here\n\nBody para.",
    "A Headline Here\r\n\r\nBody para.  \n\n\n\nWrapped line\n",
    "",
    "one",
  ])
  func sameArticleEitherWay(input: String) {
    let fromString = Article(path: "c.txt", string: input)
    let fromData = Article(path: "c.txt", data: Data(input.utf8))
    #expect(fromString.text == fromData.text)
    #expect(fromString.paragraphs.map(\.scalars) == fromData.paragraphs.map(\.scalars))
    #expect(fromString.title == fromData.title && fromString.wordCount == fromData.wordCount)
    for p in fromString.paragraphs {
      #expect(fromString.text.unicodeScalars[p.indices].count == p.scalars.count)
    }
  }

  @Test func canonicalInputIsKeptByteForByte() {
    let input = "A Headline Here\n\nBody para one.\n\nBody para two."
    #expect(Article(path: "c.txt", string: input).text == input)
    #expect(Article(path: "c.txt", string: "\u{FEFF}" + input).text == input)
  }
}

@Suite struct SortedSearchTests {
  @Test func partitioningIndexFindsTheFirstElementNotBefore() {
    let values = [1, 3, 3, 5, 8]
    #expect(values.partitioningIndex { $0 < 3 } == 1)
    #expect(values.partitioningIndex { $0 < 0 } == 0)
    #expect(values.partitioningIndex { $0 < 100 } == 5)
    #expect([Int]().partitioningIndex { $0 < 1 } == 0)
    #expect(values[2...].partitioningIndex { $0 <= 3 } == 3, "slices keep their indices")
  }

  @Test func overlappingLooksOnlyWhereSpansCanReach() {
    let spans = [0..<2, 1..<10, 4..<5, 6..<7, 9..<12]
    #expect(spans.elements(overlapping: 5..<7, maxLength: 9, span: { $0 }) == [1..<10, 6..<7])
    #expect(spans.elements(overlapping: 12..<13, maxLength: 9, span: { $0 }).isEmpty)
    #expect(spans.elements(overlapping: 0..<1, maxLength: 9, span: { $0 }) == [0..<2])
  }
}

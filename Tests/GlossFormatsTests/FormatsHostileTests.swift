import Foundation
import GlossModel
import Testing

@testable import GlossFormats

@Suite struct FrontMatterTests {
  func article(_ markdown: String) -> Article {
    MarkdownReader.article(path: "f.md", data: Data(markdown.utf8))
  }

  @Test func listsQuotedAndMultiLineValues() {
    let a = article(
      """
      ---
      title: 'It''s a "Title": with colons'
      author:
        - Jane Doe
        - John Roe
      date: 2024-05-01
      source: >
        https://example.com/
        folded
      tags: [a, b]
      extra: { nested: mapping }
      ---

      Body paragraph.
      """)
    #expect(a.title == "It's a \"Title\": with colons")
    #expect(a.byline == ["Jane Doe, John Roe · 2024-05-01 · https://example.com/ folded"])
    #expect(paragraphTexts(a) == ["Body paragraph."])
  }

  @Test func plainMultiLineAndDoubleQuotedEscapes() {
    let a = article("---\ntitle: A title that\n  goes on\nauthor: \"Ann \\u00C9mile\"\ndate: ~\n---\nBody.\n")
    #expect(a.title == "A title that goes on")
    #expect(a.byline == ["Ann Émile"])
  }

  @Test(arguments: [
    "---\ntitle: [unclosed\nauthor: x\n---\n\nBody words here.\n",
    "---\n- just\n- a list\n---\n\nBody words here.\n",
    "---\ntitle: \"open\n---\n\nBody words here.\n",
  ])
  func malformedFrontMatterIsShownAsTextNotLost(markdown: String) {
    let a = article(markdown)
    #expect(a.text.contains("Body words here."))
    #expect(a.byline.isEmpty)
    #expect(a.text.contains("just") || a.text.contains("unclosed") || a.text.contains("open"))
  }

  @Test func emptyFrontMatterIsDropped() {
    let a = article("---\n\n---\nBody words here.\n")
    #expect(paragraphTexts(a) == ["Body words here."])
  }
}

@Suite struct TextDecodingTests {
  @Test func byteOrderMarksPickTheEncoding() {
    #expect(TextDecoding.string(Data([0xFF, 0xFE, 0x41, 0x00, 0x3C, 0xD8, 0x89, 0xDF])) == "A🎉")
    #expect(TextDecoding.string(Data([0xFE, 0xFF, 0x00, 0x41, 0xD8, 0x3C, 0xDF, 0x89])) == "A🎉")
    #expect(TextDecoding.string(Data([0xEF, 0xBB, 0xBF, 0x41])) == "A")
    #expect(TextDecoding.string(Data([0x41, 0x42])) == "AB")
  }

  @Test func brokenInputBecomesReplacementCharacters() {
    // A lone surrogate, and an odd last byte.
    #expect(TextDecoding.string(Data([0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8, 0x42, 0x00, 0x43])) == "A\u{FFFD}B\u{FFFD}")
    #expect(TextDecoding.string(Data([0x41, 0xC3, 0x28, 0xFF])) == "A\u{FFFD}(\u{FFFD}")
    #expect(TextDecoding.string(Data([0xFF, 0xFE])) == "")
  }

  @Test func binaryIsANulInTheFirstKilobytesOfNonUTF16Data() {
    #expect(TextDecoding.isBinary(Data([0x41, 0, 0x42])))
    #expect(!TextDecoding.isBinary(Data([0xFF, 0xFE, 0x41, 0x00])))
    #expect(!TextDecoding.isBinary(Data(repeating: 0x41, count: TextDecoding.binaryProbeLength) + Data([0])))
    #expect(!TextDecoding.isBinary(Data("plain text".utf8)))
  }

  @Test func fileSystemNamesShowOddBytesVisibly() {
    #expect(FileSystemPath(bytes: Array("latin".utf8) + [0xE9] + Array(".txt".utf8)).displayString == "latin\\xE9.txt")
    #expect(FileSystemPath(bytes: Array("café".utf8)).displayString == "café")
    #expect(FileSystemPath(bytes: [0xC3]).displayString == "\\xC3")
  }

  @Test func articleFormatsByExtension() {
    #expect(ArticleFormat(path: "a/B.MD") == .markdown)
    #expect(ArticleFormat(path: "x.htm") == .html)
    #expect(ArticleFormat(path: "notes.text") == .text)
    #expect(ArticleFormat(extension: "png") == nil)
    #expect(ArticleFormat.allExtensions == ["txt", "text", "md", "markdown", "html", "htm"])
  }
}

@Suite struct MarkdownDepthTests {
  @Test(arguments: [">", "- ", "1. ", "*", "[", "**", "> - "])
  func deeplyNestedMarkdownKeepsItsWords(marker: String) {
    let body = "# Title\n\nBefore.\n\n" + String(repeating: marker, count: 100_000) + "deepword\n"
    let a = MarkdownReader.article(path: "deep.md", data: Data(body.utf8))
    #expect(a.text.contains("Before."))
    #expect(a.text.contains("deepword"))
  }

  @Test(arguments: ["[", "{", "- "])
  func deeplyNestedFrontMatterIsTextNotACrash(marker: String) {
    let deep = String(repeating: marker, count: 100_000)
    let a = MarkdownReader.article(path: "f.md", data: Data("---\ntitle: \(deep)x\n---\n\nBody words.\n".utf8))
    #expect(a.text.contains("Body words."))
    #expect(a.title != "x")
  }

  @Test func ordinaryNestingInFrontMatterStillParses() {
    let a = MarkdownReader.article(
      path: "f.md", data: Data("---\ntitle: Nested\nextra: {a: [1, [2, {b: c}]]}\nauthor: [A, B]\n---\nBody.\n".utf8))
    #expect(a.title == "Nested")
    #expect(a.byline == ["A, B"])
  }
}

import Foundation
import GlossModel
import Testing

@testable import GlossTUI

/// A plain-text article of numbered paragraphs, long enough to scroll many pages.
let numberedArticle = Source(
  path: "numbered.txt",
  text: "Numbered Paragraphs\n\n"
    + (1...300).map { "Paragraph \($0) says a few words. It has two sentences." }.joined(separator: "\n\n") + "\n")

extension Harness {
  var reader: ReaderState { state.reader! }
  /// The paragraph (0-based) the cursor is in.
  var cursorParagraph: Int? { reader.article.paragraphIndex(containing: reader.cursor) }
  /// The percentage the status line shows.
  var percent: Int? {
    (terminal.statusLine.firstMatch(of: /(\d+)%$/)?.1).flatMap { Int($0) }
  }
}

/// Counts before motions (`5j`, `3}`, `10w`, `4<C-f>`), `N%`, `NG` and `:N`, and counts that
/// are far too large.
@Suite struct CountsAndJumpsTests {
  @Test func countRepeatsALineMotionAndShowsWhileTyped() throws {
    let h = Harness([numberedArticle])
    let start = h.reader.top
    h.keys("1", "2")
    #expect(h.terminal.statusLine.hasSuffix("12  READ  0%"), "the count shows as typed: \(h.terminal.statusLine)")
    h.keys("j")
    #expect(h.reader.top == h.reader.layout.advance(start, by: 12))
    #expect(!h.terminal.statusLine.contains("12  READ"), "the count is used once")
    h.keys("j")
    #expect(h.reader.top == h.reader.layout.advance(start, by: 13))
    h.keys("5", "k")
    #expect(h.reader.top == h.reader.layout.advance(start, by: 8))
  }

  @Test func countRepeatsPagesParagraphsAndWords() throws {
    let h = Harness([numberedArticle])
    let height = h.state.geometry.bodyHeight
    h.keys("4", "<C-f>")
    #expect(h.reader.top == h.reader.layout.advance(.top, by: 4 * height))
    h.keys("g")
    let first = try #require(h.cursorParagraph)
    h.keys("3", "}")
    #expect(h.cursorParagraph == first + 3)
    #expect(h.reader.cursor == h.reader.article.paragraphs[first + 3].scalars.lowerBound)
    // 10w lands where ten w presses do.
    let other = Harness([numberedArticle])
    for _ in 0..<10 { other.keys("w") }
    h.keys("g", "1", "0", "w")
    #expect(h.reader.cursor == other.reader.cursor)
    #expect(h.reader.cursor > 0)
  }

  @Test func percentAndParagraphNumbersJump() throws {
    let h = Harness([numberedArticle])
    h.keys("5", "0", "%")
    let half = try #require(h.percent)
    #expect((48...51).contains(half), "50% goes half way: \(h.terminal.statusLine)")
    h.keys("1", "2", "G")
    #expect(h.cursorParagraph == 11, "12G: the twelfth paragraph (1-based)")
    #expect(h.readerPane.contains("Paragraph 11 says"), "paragraph 1 is the headline: \(h.readerPane)")
    #expect(h.topLine.hasPrefix("Paragraph 11 says"))
    h.keys("G")
    #expect(h.percent == 100)
    h.keys("g")
    #expect(h.percent == 0)
    h.keys("%")
    #expect(h.state.message?.contains("type a number first") == true)
    h.keys("1", "0", "0", "%")
    #expect(h.percent == 100)
  }

  @Test func colonPromptGoesToAParagraph() throws {
    let h = Harness([numberedArticle])
    h.keys(":")
    #expect(h.terminal.statusLine == ":")
    h.type("40")
    h.keys("<Enter>")
    #expect(h.cursorParagraph == 39)
    #expect(h.topLine.hasPrefix("Paragraph 39 says"))
    h.keys(":")
    h.type("forty")
    h.keys("<Enter>")
    #expect(h.state.messageIsError)
    #expect(h.terminal.statusLine.contains(":forty is not a paragraph number"))
    #expect(h.cursorParagraph == 39)
    h.keys(":")
    h.type("7")
    h.keys("<Esc>")
    #expect(h.state.prompt == nil)
    #expect(h.cursorParagraph == 39, "Esc cancels")
    h.keys(":")
    h.type("99999999999999999999999")
    h.keys("<Enter>")
    #expect(h.cursorParagraph == h.reader.article.paragraphs.count - 1, "a huge number goes to the last")
  }

  @Test func escClearsAPendingCount() throws {
    let h = Harness([numberedArticle])
    let start = h.reader.top
    h.keys("5", "<Esc>")
    #expect(!h.terminal.statusLine.contains("5  READ"))
    h.keys("j")
    #expect(h.reader.top == h.reader.layout.advance(start, by: 1))
  }

  @Test(arguments: ["j", "}", "w", ")", "<C-f>", "<C-d>", "G", "%"])
  func hugeCountsSaturate(motion: String) throws {
    let h = Harness([numberedArticle])
    let began = Date()
    for digit in "99999999999" { h.keys(String(digit)) }
    #expect(h.state.moving.count == MovingState.maximumCount)
    h.keys(motion)
    #expect(Date().timeIntervalSince(began) < 10, "no hang")
    #expect(h.percent == 100, "\(motion) with a huge count goes to the end: \(h.terminal.statusLine)")
    h.keys("9", "9", "9", "9", "9", "9", "9", "9", "9", "k")
    #expect(h.percent == 0)
  }

  @Test func wordCountsBeyondTheLimitStopThere() throws {
    let long = Source(
      path: "long.txt",
      text: "Long\n\n"
        + (1...1_500).map { "Paragraph \($0) says a few words. It has two sentences." }
        .joined(separator: "\n\n"))
    let h = Harness([long])
    #expect(h.reader.article.wordCount > 12_000)
    h.keys("1", "2", "0", "0", "0", "w")
    let limited = Harness([long])
    limited.keys("1", "0", "0", "0", "0", "w")
    #expect(h.reader.cursor == limited.reader.cursor, "12000w moves as far as 10000w")
    #expect(h.percent.map { $0 > 50 && $0 < 90 } == true, "\(h.terminal.statusLine)")
  }

  @Test func countsRepeatHighlightJumps() throws {
    let h = Harness([numberedArticle])
    for paragraph in [3, 6, 9] {
      h.keys(":")
      h.type("\(paragraph)")
      h.keys("<Enter>", "s", "h")
    }
    let starts = h.state.articleAnnotations.map(\.start)
    #expect(starts.count == 3)
    h.keys("g", "2", "]")
    #expect(h.reader.cursor == starts[1])
    #expect(h.state.message?.hasPrefix("highlight 2 of 3") == true)
    h.keys("9", "]")
    #expect(h.reader.cursor == starts[2], "a larger count stops at the last")
    h.keys("2", "[")
    #expect(h.reader.cursor == starts[0])
  }

  @Test func countsMoveTheArticleList() throws {
    let h = Harness((1...8).map { Source(path: "a\($0).txt", text: "Article \($0)\n\nSome text.\n") })
    h.keys("<Tab>")
    #expect(h.state.focus == .list)
    h.keys("3", "j")
    #expect(h.state.list.cursor == 3)
    h.keys("6", "G")
    #expect(h.state.list.cursor == 5)
    h.keys("9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "9", "j")
    #expect(h.state.list.cursor == 7)
    h.keys("2", "g")
    #expect(h.state.list.cursor == 1)
  }

  @Test func digitsAreCountsAndCPicksTheColour() throws {
    let h = Harness([numberedArticle])
    h.keys("}", "v", "w")
    h.keys("3")
    #expect(h.state.annotations.isEmpty, "a digit no longer colours")
    #expect(h.terminal.statusLine.contains("3  VISUAL"))
    h.keys("<Esc>")
    #expect(h.state.reader?.selectionAnchor != nil, "Esc cleared the count, not the selection")
    h.keys("c")
    #expect(h.terminal.statusLine.contains("c  VISUAL"))
    h.keys("x")
    #expect(h.state.message?.contains("1 yellow, 2 green, 3 blue, 4 pink, 5 purple") == true)
    #expect(h.state.annotations.isEmpty)
    h.keys("c", "<Esc>")
    #expect(h.state.message == "c cancelled")
    h.keys("c", "2")
    let a = try #require(h.state.annotations.first)
    #expect(a.color == .green)
    #expect(h.stored[a.id]?.color == .green)
    h.keys("c", "5")
    #expect(h.stored[a.id]?.color == .purple)
  }

  @Test func colorWorksWhereverItIsBound() throws {
    let keymap = try Keymap.parse("bind global C color", file: "k.conf")
    let h = Harness([numberedArticle], keymap: keymap)
    h.keys("}", "s", "C", "4")
    #expect(h.state.annotations.first?.color == .pink)
  }
}

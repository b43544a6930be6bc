import Foundation
import GlossModel
import GlossStore
import Testing

@testable import GlossTUI

/// A Markdown article with headings at three levels, each followed by enough text to scroll.
let headedArticle = Source(
  path: "guide.md",
  text: """
    # The Guide

    An introduction paragraph.

    ## Getting Started

    \((1...30).map { "Start paragraph \($0) with some words." }.joined(separator: "\n\n"))

    ### Installing

    \((1...30).map { "Install paragraph \($0) with some words." }.joined(separator: "\n\n"))

    ## Using It Every Day

    \((1...30).map { "Usage paragraph \($0) with some words." }.joined(separator: "\n\n"))

    """)

/// The table of contents (`O`) and the section and percentage on the status line.
@Suite struct OutlineTests {
  @Test func outlineListsHeadingsByLevelAndEnterJumps() throws {
    let h = Harness([headedArticle])
    h.keys("O")
    let outline = try #require(h.state.moving.outline)
    #expect(outline.entries.map(\.title) == ["The Guide", "Getting Started", "Installing", "Using It Every Day"])
    #expect(outline.entries.map(\.level) == [1, 2, 2 + 1, 2])
    let screen = h.terminal.lastFrame
    #expect(h.screen.contains("Contents"))
    let getting = try #require(screen.locate("Getting Started").first)
    let installing = try #require(screen.locate("Installing").first)
    #expect(installing.x == getting.x + 2, "indented by level")
    #expect(h.screen.contains("▸ The Guide"), "the current section is marked")
    h.keys("j", "j", "j")
    #expect(h.state.moving.outline?.selected == 3)
    h.keys("<Enter>")
    #expect(h.state.moving.outline == nil)
    #expect(h.topLine.hasPrefix("Using It Every Day"))
    #expect(h.terminal.statusLine.contains("› Using It Every Day"), "\(h.terminal.statusLine)")
    h.keys("'", "'")
    #expect(h.percent == 0, "the outline jump is in the jump list")
  }

  @Test func theOutlineClosesWhenTheArticleIsReadAgain() throws {
    let h = Harness([headedArticle])
    h.keys("O")
    #expect(h.state.moving.outline != nil)
    let changed = Library.parse(path: "guide.md", data: Data(("# New\n\nOnly this now.\n").utf8))
    h.dispatch(.articleReloaded(changed))
    h.run()
    #expect(h.state.moving.outline == nil, "its places were the old text's")
    h.keys("<Enter>")
    #expect(h.state.reader?.article.text == changed.text)
  }

  @Test func outlineClosesWithEscOAndQ() throws {
    let h = Harness([headedArticle])
    for close in ["<Esc>", "O", "q"] {
      h.keys("O")
      #expect(h.state.moving.outline != nil)
      h.keys("k")
      h.keys(close)
      #expect(h.state.moving.outline == nil, "\(close) closes")
      #expect(!h.quit)
      #expect(!h.screen.contains("Contents"))
    }
    h.keys("O", "x")
    #expect(h.state.message?.contains("Enter goes there") == true)
  }

  @Test func outlineMarksTheSectionBeingRead() throws {
    let h = Harness([headedArticle])
    h.keys("/")
    h.type("Install paragraph 3 ")
    h.keys("<Enter>")
    #expect(h.terminal.statusLine.contains("The Guide › Installing"), "\(h.terminal.statusLine)")
    h.keys("O")
    #expect(h.state.moving.outline?.current == 2)
    #expect(h.state.moving.outline?.selected == 2, "the current section is chosen at first")
    #expect(h.screen.contains("▸     Installing"))
  }

  @Test func aLongOutlineOpensAtTheCurrentSection() throws {
    let parts = (1...80).map { "## Part \($0)\n\nText of part \($0) in a sentence." }.joined(separator: "\n\n")
    let h = Harness([Source(path: "parts.md", text: "# Parts\n\n" + parts + "\n")], size: Size(width: 100, height: 24))
    h.keys("G", "O")
    let outline = try #require(h.state.moving.outline)
    // The section of the top line: the last screen starts a few parts before the end.
    let current = try #require(outline.current)
    #expect(current > 70)
    #expect(h.terminal.statusLine.contains("› " + outline.entries[current].title))
    #expect(outline.scroll > 0 && outline.scroll <= current && current < outline.scroll + h.state.outlineRows)
    #expect(h.screen.contains("▸   " + outline.entries[current].title))
    h.keys("g", "<Enter>")
    #expect(h.percent == 0)
    h.keys("O", "G", "k", "<Enter>")
    let cursorParagraph = try #require(h.cursorParagraph)
    #expect(h.reader.article.paragraphs[cursorParagraph].block == .heading(2))
    #expect(Outline.entry(cursorParagraph, in: h.reader.article).title == "Part 79")
  }

  @Test func theStatusLineKeepsMessagesAndSaveStatusWithTheSection() throws {
    let h = Harness([headedArticle], size: Size(width: 60, height: 20))
    h.keys(":")
    h.type("40")
    h.keys("<Enter>")
    h.keys("m", "1")
    let status = h.terminal.statusLine
    #expect(status.contains("a letter a–z"), "\(status)")
    #expect(status.hasSuffix("READ  " + String(h.percent ?? -1) + "%"))
    #expect(DisplayWidth.of(status) <= 60)
  }

  @Test func anArticleWithoutHeadingsSaysSo() throws {
    let h = Harness([Source(path: "plain.md", text: "Just some words in a sentence.\n\nAnd some more words here.\n")])
    h.keys("O")
    #expect(h.state.moving.outline?.entries.isEmpty == true)
    #expect(h.screen.contains("This article has no headings."))
    h.keys("<Enter>")
    #expect(h.state.moving.outline == nil)
  }

  @Test func plainTextListsItsHeadline() throws {
    let h = Harness([numberedArticle])
    h.keys("O")
    #expect(h.state.moving.outline?.entries.map(\.title) == ["Numbered Paragraphs"])
  }

  @Test(arguments: [40, 60, 100])
  func statusLineShowsSectionAndPercentAtNarrowWidths(width: Int) throws {
    let hostile = Source(
      path: "hostile.md",
      text: "# Top\n\nintro\n\n## Evil \u{1B}[31mred\u{202E} heading 漢字漢字 with a long tail of words\n\n"
        + (1...40).map { "Body \($0)." }.joined(separator: "\n\n") + "\n")
    let h = Harness([hostile], size: Size(width: width, height: 20))
    h.keys(":")
    h.type("10")
    h.keys("<Enter>")
    let status = h.terminal.statusLine
    #expect(status.hasSuffix("%"), "\(status)")
    #expect(h.percent.map { $0 > 0 && $0 < 100 } == true, "\(status)")
    #expect(status.contains("›"), "the section shows: \(status)")
    #expect(status.contains("Evil"), "\(status)")
    #expect(DisplayWidth.of(status) <= width)
    let frame = h.terminal.lastFrame
    let raw = (0..<frame.width).flatMap { frame[$0, frame.height - 1].text.unicodeScalars }
      .filter { $0 == "\u{1B}" || $0 == "\u{202E}" }
    #expect(raw.isEmpty, "control and bidi characters are shown escaped")
    h.keys("O")
    #expect(!h.screen.unicodeScalars.contains("\u{1B}"))
    #expect(!h.screen.unicodeScalars.contains("\u{202E}"))
  }
}

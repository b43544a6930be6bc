import GlossModel
import Testing

@testable import GlossTUI

func longArticle(_ name: String = "long.txt", paragraphs: Int = 40) -> Source {
  var text = "A Long Article About Many Things\n\n"
  for i in 0..<paragraphs {
    text += "Paragraph \(i) begins here and " + String(repeating: "goes on and on ", count: 15) + "until it ends.\n\n"
  }
  return Source(path: name, text: text)
}

@Suite struct StateTests {
  @Test func linesAndPagesScrollTheReader() {
    let h = Harness([longArticle()])
    #expect(h.state.reader?.top == .top)
    h.keys("j", "j", "j")
    #expect(h.state.reader?.top == LayoutPosition(block: 1, row: 0))
    h.keys("k")
    #expect(h.state.reader?.top == LayoutPosition(block: 0, row: 2))
    h.keys("g", "<Space>")
    let layout = h.state.reader!.layout
    #expect(h.state.reader!.top == layout.advance(.top, by: 29))
    h.keys("<C-b>")
    #expect(h.state.reader!.top == .top)
    h.keys("G")
    #expect(h.state.reader!.top == layout.bottomTop(height: 29))
    h.keys("j")
    #expect(h.state.reader!.top == layout.bottomTop(height: 29), "cannot scroll past the end")
    #expect(h.screen.hasSuffix("READ  100%"))
  }

  @Test func listSelectsAndOpensArticles() {
    let h = Harness([longArticle("a.txt"), longArticle("b.txt"), longArticle("c.txt")])
    h.keys("<Tab>")
    #expect(h.state.focus == .list)
    h.keys("j", "j")
    #expect(h.state.list.cursor == 2)
    h.keys("<Enter>")
    #expect(h.state.reader?.entryIndex == 2)
    #expect(h.state.focus == .reader)
    #expect(h.savedPositions["a.txt"] == 0, "the position of the article left is saved")
  }

  @Test func readingPositionIsRestoredWhenReopened() {
    let h = Harness([longArticle("a.txt"), longArticle("b.txt")])
    h.keys("<Space>", "<Space>")
    let line = h.topLine
    h.keys("<Tab>", "j", "<Enter>", "<Tab>", "k", "<Enter>")
    #expect(h.state.reader?.entryIndex == 0)
    #expect(h.topLine == line)
  }

  @Test func quitAndInterruptSaveThePosition() {
    let h = Harness([longArticle("a.txt")])
    h.keys("<Space>")
    let offset = h.state.currentPosition!.offset
    #expect(offset > 0)
    h.keys("q")
    #expect(h.quit)
    #expect(h.savedPositions["a.txt"] == offset)
    let i = Harness([longArticle("a.txt")])
    i.send(.interrupt)
    #expect(i.quit)
    let c = Harness([longArticle("a.txt")])
    c.keys("<C-c>")
    #expect(c.quit)
  }

  @Test func searchMovesToMatchesAndWraps() {
    let article = Source(
      path: "s.txt",
      text: "Title Of The Search Test\n\n" + (0..<30).map { "Line \($0) plain words." }.joined(separator: "\n\n")
        + "\n\nThe needle is here.\n\nMore words.\n\nA second needle.\n\n"
        + (0..<30).map { "Tail \($0) words." }.joined(separator: "\n\n"))
    let h = Harness([article])
    h.keys("/")
    h.type("NEEDLE")
    #expect(h.screen.hasSuffix("/NEEDLE"))
    h.keys("<Enter>")
    #expect(h.state.search?.pattern == "NEEDLE")
    #expect(h.topLine == "The needle is here.")
    h.keys("n")
    #expect(h.topLine == "A second needle.")
    h.keys("n")
    #expect(h.topLine == "The needle is here.")
    #expect(h.state.message == "search hit the end, continued from the top")
    h.keys("N")
    #expect(h.topLine == "A second needle.")
    h.keys("/")
    h.type("zebra")
    h.keys("<Enter>")
    #expect(h.state.message == "pattern not found: zebra")
    #expect(h.state.messageIsError)
  }

  @Test func promptEditingKeys() throws {
    let h = Harness([longArticle()])
    h.keys("/")
    h.type("hello big world")
    h.keys("<C-w>")
    #expect(try #require(h.state.prompt).text == "hello big ")
    h.keys("<Left>", "<Left>", "<Backspace>")
    #expect(try #require(h.state.prompt).text == "hello bg ")
    h.keys("<Home>")
    h.type(">")
    h.keys("<End>")
    h.type("!")
    #expect(try #require(h.state.prompt).text == ">hello bg !")
    h.keys("<C-u>")
    h.keys("<Esc>")
    #expect(h.state.mode == .normal)
    #expect(h.state.search == nil)
  }

  @Test func helpOpensScrollsAndCloses() {
    let h = Harness([longArticle()], size: Size(width: 100, height: 20))
    h.keys("?")
    #expect(h.state.mode == .help(scroll: 0))
    #expect(h.screen.contains("Gloss keys"))
    h.keys("j")
    #expect(h.state.mode == .help(scroll: 1))
    h.keys("q")
    #expect(h.state.mode == .normal)
    #expect(!h.quit, "q closes help, it does not quit")
  }

  @Test func unboundKeySaysSo() {
    let h = Harness([longArticle()])
    h.keys("Z")
    #expect(h.state.message == "Z does nothing here — press ? for help")
  }

  @Test func resizeKeepsTheReadingPositionOnTheSameParagraph() {
    let h = Harness([longArticle()])
    for _ in 0..<40 { h.keys("j") }
    let before = h.state.reader!
    let paragraph = before.layout.paragraph(forBlock: before.top.block)
    let offset = before.layout.scalarOffset(at: before.top)
    h.send(.resize(Size(width: 60, height: 20)))
    let after = h.state.reader!
    #expect(after.layout.width == h.state.geometry.textWidth)
    #expect(after.layout.paragraph(forBlock: after.top.block) == paragraph)
    let line = after.layout.line(at: after.top)!
    #expect(line.scalarStart! <= offset && offset <= line.scalarEnd!)
  }

  @Test func mouseWheelScrollsAndClickOpens() {
    let h = Harness([longArticle("a.txt"), longArticle("b.txt")])
    h.send(.mouse(MouseEvent(kind: .wheelDown, x: 60, y: 5)))
    #expect(h.state.reader!.top == h.state.reader!.layout.advance(.top, by: 3))
    h.send(.mouse(MouseEvent(kind: .press, x: 5, y: 2)))
    #expect(h.state.reader?.entryIndex == 1)
  }
}

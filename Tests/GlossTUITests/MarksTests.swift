import Foundation
import GlossModel
import GlossStore
import Testing

@testable import GlossTUI

/// Marks (`m{a-z}`, `'{a-z}`), `''`, Ctrl-O / Ctrl-N, and marks kept with the reading
/// position across runs.
@Suite struct MarksTests {
  @Test func markAndReturnAndBackBeforeTheLastJump() throws {
    let h = Harness([numberedArticle])
    h.keys("2", "0", "G")
    let marked = h.reader.cursor
    h.keys("m")
    #expect(h.terminal.statusLine.contains("m  READ"), "waiting for the mark's name")
    h.keys("a")
    #expect(h.state.message?.contains("mark a set") == true)
    h.keys("G")
    #expect(h.percent == 100)
    h.keys("'", "a")
    #expect(h.reader.cursor == marked)
    #expect(h.topLine.hasPrefix("Paragraph 19 says"))
    h.keys("'", "'")
    #expect(h.percent == 100, "'' goes back to where the jump to the mark started")
    h.keys("'", "'")
    #expect(h.reader.cursor == marked, "and '' again returns")
    h.keys("`", "a")
    #expect(h.reader.cursor == marked, "` works as '")
  }

  @Test func unknownMarksAndBadNamesSaySo() throws {
    let h = Harness([numberedArticle])
    h.keys("'", "z")
    #expect(h.state.message?.contains("no mark z") == true)
    h.keys("m", "1")
    #expect(h.state.message?.contains("a letter a–z") == true)
    h.keys("m", "<Esc>")
    #expect(h.state.message == "m cancelled")
    h.keys("'", "'")
    #expect(h.state.message?.contains("no jump") == true)
    #expect(h.savedPositions.isEmpty, "nothing was marked")
  }

  @Test func searchesRecordJumps() throws {
    let h = Harness([numberedArticle])
    let start = h.reader.cursor
    h.keys("/")
    h.type("Paragraph 150 says")
    h.keys("<Enter>")
    #expect(h.topLine.hasPrefix("Paragraph 150 says"))
    h.keys("'", "'")
    #expect(h.reader.cursor == start)
  }

  @Test func countsRepeatSearchesAsOneJump() throws {
    let h = Harness([numberedArticle])
    let start = h.reader.cursor
    h.keys("/")
    h.type("says a few")
    h.keys("<Enter>")
    #expect(h.topLine.hasPrefix("Paragraph 1 says"))
    h.keys("3", "n")
    #expect(h.topLine.hasPrefix("Paragraph 4 says"))
    h.keys("2", "N")
    #expect(h.topLine.hasPrefix("Paragraph 2 says"))
    h.keys("<C-o>", "<C-o>")
    #expect(h.topLine.hasPrefix("Paragraph 1 says"), "3n was one jump")
    h.keys("<C-o>")
    #expect(h.reader.cursor == start)
  }

  @Test func ctrlOAndCtrlNWalkTheJumpList() throws {
    let h = Harness([numberedArticle])
    let start = h.reader.cursor
    h.keys("5", "0", "G")
    let fifty = h.reader.cursor
    h.keys("1", "0", "0", "G")
    let hundred = h.reader.cursor
    h.keys("<C-o>")
    #expect(h.reader.cursor == fifty)
    h.keys("<C-o>")
    #expect(h.reader.cursor == start)
    h.keys("<C-o>")
    #expect(h.state.message?.contains("oldest") == true)
    h.keys("<C-n>")
    #expect(h.reader.cursor == fifty)
    h.keys("<C-n>")
    #expect(h.reader.cursor == hundred)
    h.keys("<C-n>")
    #expect(h.state.message?.contains("newest") == true)
  }

  @Test func marksAreKeptWithTheReadingPositionAcrossARestart() throws {
    let first = Harness([numberedArticle])
    first.keys("3", "0", "G", "m", "b")
    let marked = first.reader.cursor
    first.keys("g")
    let stored = ReadingPositions(url: ReadingPositions.defaultURL(library: first.runner.library.root))
    #expect(stored.marks(for: numberedArticle.path) == ["b": marked], "saved when set")
    first.keys("q")
    #expect(first.quit)

    let second = Harness([numberedArticle], folder: first.folder)
    #expect(second.reader.cursor != marked)
    second.keys("'", "b")
    #expect(second.reader.cursor == marked)
    #expect(second.topLine.hasPrefix("Paragraph 29 says"))
    // The quit saved the position without losing the mark.
    let file = try String(
      contentsOf: ReadingPositions.defaultURL(library: second.runner.library.root), encoding: .utf8)
    #expect(file.contains("\"marks\""))
  }

  @Test func aMarkBeyondTheFirstPartOfALargeArticleIsKept() throws {
    // Over the size shown from its first part at start-up (the rest is read after a paint).
    let large = Source(
      path: "large.txt",
      text: "Large\n\n"
        + (1...12_000).map { "Paragraph \($0) says a few words. It has two sentences." }
        .joined(separator: "\n\n"))
    #expect(large.text.utf8.count > 512 * 1024)
    let first = Harness([large])
    first.keys("1", "0", "0", "0", "0", "G", "m", "a", "g", "q")
    #expect(first.quit)
    let marked = try #require(first.reader.marks["a"])
    let second = Harness([large], folder: first.folder)
    second.keys("'", "a")
    #expect(second.reader.article.isPartial == false)
    #expect(second.reader.cursor == marked)
    #expect(second.topLine.hasPrefix("Paragraph 9999 says"))
  }

  @Test func aMarkThatCannotBeSavedSaysSo() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("g-\(UUID().uuidString.prefix(8))")
    let url = ReadingPositions.defaultURL(library: folder.appendingPathComponent("library"))
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let corrupt = "{\"version\": 1, \"positions\": {"
    try Data(corrupt.utf8).write(to: url)
    let h = Harness([numberedArticle], folder: folder)
    h.keys("}", "m", "c")
    #expect(h.state.messageIsError)
    #expect(h.state.message?.contains("mark not saved") == true)
    #expect(try String(contentsOf: url, encoding: .utf8) == corrupt, "the unreadable file is left alone")
  }
}

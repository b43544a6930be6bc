import Foundation
import GlossApp
import GlossModel
import GlossStore
import Testing

@testable import GlossTUI

/// The library: formats, library-wide search, filtering, and a library too large to read
/// before the first screen (these were tmux tests of the binary).
@Suite struct LibraryFlowTests {
  @Test func markdownAndHTMLArticlesReadAndLibrarySearchOpensAtTheMatch() throws {
    let markdown = Source(
      path: "notes.md", text: "---\ntitle: Field Notes\n---\n\nA *formatted* note about the **Caucasus**.\n")
    let page = Source(
      path: "page.html",
      text:
        "<html><head><title>Saved Page</title><script>alert(1)</script></head><body><nav>Menu Home</nav><p>Saved page text about Baku&rsquo;s oil.</p></body></html>"
    )
    let h = Harness(try bundledSources() + [markdown, page])
    var list = h.listPane
    #expect(h.listHeader.hasPrefix("Articles (7)"))
    #expect(list.contains("Field Notes"))
    #expect(list.contains("Saved Page"))
    // Library-wide search, with straight quotes finding curly ones.
    h.keys("S")
    #expect(h.terminal.statusLine == "search library:")
    h.type("baku's oil")
    h.keys("<Enter>")
    #expect(h.listHeader.hasPrefix("“baku's oil” (1)"))
    h.keys("<Enter>")
    let reader = try #require(h.state.reader)
    #expect(reader.article.path == "page.html")
    #expect(h.state.focus == .reader)
    #expect(h.readerPane.contains("Saved page text about Baku’s oil."))
    #expect(h.terminal.statusLine.contains("READ"))
    #expect(!h.screen.contains("alert") && !h.screen.contains("Menu Home"), "scripts and navigation are left out")
    // Opened at the match: the cursor on it, and it is the current match on screen.
    let match = try range(of: "Baku’s oil", in: reader.article)
    #expect(reader.cursor == match.lowerBound)
    #expect(h.state.search?.current == match)
    #expect(
      h.terminal.lastFrame.cells(of: "Baku’s oil")?.allSatisfy { $0.style == Theme(colors: true).currentMatch } == true)
    // The list narrows as you type.
    h.keys("<Tab>", "/")
    h.type("field")
    list = h.listPane
    #expect(h.listHeader.hasPrefix("Articles (1/7) /field"))
    #expect(list.contains("Field Notes"))
    #expect(!list.contains("Saved Page"))
    h.keys("<Enter>", "<Enter>")
    #expect(h.state.reader?.article.path == "notes.md")
    #expect(h.readerPane.contains("A formatted note about the Caucasus."))
    #expect(!h.screen.contains("*formatted*"), "Markdown is rendered, not shown")
    let grid = h.terminal.lastFrame
    #expect(grid.cells(of: "formatted")?.allSatisfy { $0.style.italic } == true)
    #expect(grid.cells(of: "Caucasus")?.allSatisfy { $0.style.bold } == true)
    #expect(grid.cells(of: "note about")?.allSatisfy { !$0.style.italic && !$0.style.bold } == true)
  }

  /// A library larger than the first screen: the first screen comes from the first files;
  /// the others' titles arrive right after, between frames. A filter typed before they arrive
  /// (the keys come first) finds a late file by its title once it is read.
  @Test func aLargeLibraryFillsInItsTitlesAfterTheFirstScreen() throws {
    let sources = (0..<400).map {
      Source(
        path: String(format: "a%04d.txt", $0),
        text: "Headline Number \($0) Of The Library\n\nBody text of article \($0).\n")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("g-\(UUID().uuidString.prefix(8))")
    let root = folder.appendingPathComponent("library")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for source in sources { try writeQuickly(source.text, to: root.appendingPathComponent(source.path)) }
    let library = try Library.load(root: root, lazy: true)
    let unread = library.entries.filter(\.isPending).count
    #expect(unread == 400 - Library.eagerCount)
    // A terminal that keeps every frame, and how many titles were still unread at each; the
    // filter is typed ahead, as keys that have already arrived when the first frame is drawn.
    let terminal = RecordingTerminal(width: 100, height: 30)
    terminal.typeAhead = [.key(.named(.tab)), .key(.char("/"))] + "number 399 of".map { .key(.char($0)) }
    #expect(terminal.typeAheadCount == 15)
    let runner = AppRunner(
      library: library, positions: ReadingPositions(url: ReadingPositions.defaultURL(library: library.root)),
      store: AnnotationStore.openForReading(url: AnnotationStore.defaultURL(library: library.root)), keymap: nil,
      size: Size(width: 100, height: 30), colors: true, open: nil,
      exportDirectory: folder.appendingPathComponent("exports"), clock: { Date(timeIntervalSince1970: 1_000_000) })
    terminal.onDraw = { [unowned runner] in "\(runner.library.entries.filter(\.isPending).count)" }
    func run() { runUntilTheScriptEnds(runner, on: terminal) }
    run()
    let first = try #require(terminal.frames.first)
    #expect(terminal.notes.first == "\(unread)", "the first screen was drawn before the other titles were read")
    #expect(first.text.contains("Articles (400)"))
    #expect(first.text.contains("Headline Number 0 Of The Library"))
    // The keys were handled before any more titles were read: nothing matched yet.
    let typed = try #require(terminal.notes.lastIndex(of: "\(unread)"))
    #expect(typed == terminal.typeAheadCount, "the first frame and one for each key, then titles are read")
    #expect(terminal.frames[typed].text.contains("Articles (0/400) /number 399"), "\(terminal.frames[typed].text)")
    // Then every title was read, in several steps with a frame after each, and the filter
    // found the late one.
    #expect(terminal.notes.last == "0")
    #expect(terminal.notes[typed...].count > 2)
    let screen = terminal.inner.text
    #expect(screen.contains("Articles (1/400) /number 399"), "\(screen)")
    #expect(screen.contains("Headline Number 399 Of"))
    #expect(!screen.contains("a0399"), "the title replaced the file name shown while it was being read")
    terminal.inner.keys("<Enter>", "<Enter>")
    run()
    #expect(runner.state.reader?.article.path == "a0399.txt")
    #expect(terminal.inner.text.contains("Body text of article 399."))
  }
}

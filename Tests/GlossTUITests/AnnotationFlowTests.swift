import Foundation
import GlossModel
import GlossStore
import Testing

@testable import GlossTUI

/// Annotating sessions through the real run loop on the in-memory terminal, with the store on
/// disk and second runs on the same folder (these were tmux tests of the binary).
@Suite struct AnnotationFlowTests {
  @Test func selectHighlightTagWithCompletionNoteAndSeeItAgain() throws {
    let sources = try bundledSources()
    let stayAway = try #require(sources.first { $0.path == Bundled.stayAway }).article
    let h = Harness(sources, open: Bundled.whyTheUS)
    // A tag already in the library, for completion.
    let earlier = Annotation(
      article: stayAway, range: try range(of: "reckless driving", in: stayAway), tags: ["diplomacy"], now: h.now)
    try h.storeAnnotations([earlier])
    // Cursor to "Eldar Mamedov warns…", select three words, highlight.
    h.keys("}", "}")
    #expect(h.cursorWord == "Eldar")
    h.keys("v", "w", "w", "h")
    #expect(h.terminal.statusLine.contains("highlighted 3 words"), "\(h.terminal.statusLine)")
    let made = try #require(h.state.annotations.first { $0.article == Bundled.whyTheUS })
    #expect(made.quote == "Eldar Mamedov warns")
    h.keys("t")
    #expect(h.terminal.statusLine == "tags:")
    h.type("dip")
    h.keys("<Tab>")
    #expect(h.terminal.statusLine == "tags: diplomacy", "completed from the library's tags")
    h.type(", Armenia")
    h.keys("<Enter>")
    #expect(h.terminal.statusLine.contains("tagged #diplomacy #Armenia"))
    h.keys("a")
    #expect(h.terminal.statusLine == "note:")
    h.type("Mamedov is the source")
    h.keys("<Enter>")
    #expect(h.terminal.statusLine.contains("note saved"))
    h.keys("c", "4")
    #expect(h.terminal.statusLine.contains("colour set to pink"))
    #expect(!h.terminal.statusLine.contains("UNSAVED"))
    h.keys("q")
    #expect(h.quit)

    // On disk, as the status line said.
    let stored = try #require(h.stored[made.id])
    #expect(stored.quote == "Eldar Mamedov warns")
    #expect(stored.tags == ["diplomacy", "Armenia"])
    #expect(stored.note == "Mamedov is the source")
    #expect(stored.color == .pink)
    #expect(h.stored[earlier.id] == earlier, "the other annotation is untouched")
    #expect(h.stored.count == 2)

    // Start again: the highlight is drawn in its colour, and listed with its tags and note.
    let again = Harness(sources, open: Bundled.whyTheUS, folder: h.folder)
    let cells = try #require(again.terminal.lastFrame.cells(of: "Eldar Mamedov warns"))
    #expect(cells.allSatisfy { $0.style == Theme(colors: true).highlight(.pink) }, "\(cells.map(\.style))")
    #expect(again.terminal.lastFrame.cells(of: "against")?.first?.style.background == .default, "only the quote")
    again.keys("A")
    let list = again.listPane
    #expect(again.listHeader == "Annotations (1)")
    #expect(list.contains("“Eldar Mamedov warns”"))
    #expect(list.contains("#diplomacy #Armenia · ✎ M"), "tags, then the note (cut to the pane):\n\(list)")
  }

  @Test func editedArticleIsReanchoredAndDeletedPassageOrphaned() throws {
    let original = Source(
      path: "story.txt",
      text:
        "A Headline Worth Keeping\n\nThe first paragraph is about the weather.\n\nThe passage everyone remembers is this one, about the treaty signed in spring.\n\nA closing paragraph.\n"
    )
    let first = Harness([original])
    let treaty = Annotation(
      article: original.article, range: try range(of: "the treaty signed in spring", in: original.article),
      color: .green,
      now: first.now)
    let weather = Annotation(
      article: original.article, range: try range(of: "about the weather", in: original.article), now: first.now)
    try first.storeAnnotations([treaty, weather])
    #expect(first.stored.count == 2)

    // Edited while gloss was not running: text inserted before, the weather sentence deleted.
    let edited = Source(
      path: "story.txt",
      text:
        "A Headline Worth Keeping\n\nA new opening paragraph was added by the editor.\n\nThe first paragraph was rewritten entirely.\n\nThe passage everyone remembers is this one, about the treaty signed in spring.\n\nA closing paragraph.\n"
    )
    let h = Harness([edited], folder: first.folder)
    #expect(h.state.message == "1 highlight no longer found in the text — listed as orphaned (A)")
    #expect(h.terminal.statusLine.contains("listed as orphaned"))
    // The green highlight moved with its text.
    let grid = h.terminal.lastFrame
    let cells = try #require(grid.cells(of: "about the treaty"), "\(grid.text)")
    #expect(cells.prefix(6).allSatisfy { $0.style.background == .default }, "\(cells.map(\.style))")
    #expect(cells.suffix(6).allSatisfy { $0.style.background == .green }, "\(cells.map(\.style))")
    h.keys("A")
    let list = h.listPane
    #expect(h.listHeader == "Annotations (2)", "both listed, the orphan too:\n\(list)")
    let orphanedRow = try #require(list.split(separator: "\n").firstIndex { $0.contains("Orphaned") })
    let weatherRow = try #require(list.split(separator: "\n").firstIndex { $0.contains("about the weather") })
    #expect(weatherRow > orphanedRow, "the deleted passage is listed under Orphaned")
    h.keys("q")
    #expect(h.quit)

    // Nothing is dropped: one relocated to its new place, one orphaned.
    let stored = h.stored
    #expect(stored.count == 2)
    let moved = try #require(stored[treaty.id])
    #expect(moved.anchor == .relocated)
    #expect(moved.color == .green)
    #expect(moved.range == (try range(of: "the treaty signed in spring", in: edited.article)))
    #expect(moved.range != treaty.range)
    #expect(stored[weather.id]?.anchor == .orphaned)
    #expect(stored[weather.id]?.quote == "about the weather")
  }

  /// The same edit made while the article is open: the next key reads it again and moves the
  /// highlights with their text.
  @Test func articleEditedWhileOpenIsReadAgainAndReanchored() throws {
    let original = Source(
      path: "story.txt",
      text:
        "A Headline Worth Keeping\n\nThe first paragraph is about the weather.\n\nThe treaty signed in spring matters.\n"
    )
    let h = Harness([original])
    let treaty = Annotation(
      article: original.article, range: try range(of: "treaty signed in spring", in: original.article), color: .green,
      now: h.now)
    let weather = Annotation(
      article: original.article, range: try range(of: "about the weather", in: original.article), now: h.now)
    try h.storeAnnotations([treaty, weather])
    let edited = "A Headline Worth Keeping\n\nA new opening paragraph.\n\nThe treaty signed in spring matters.\n"
    try writeQuickly(edited, to: h.libraryFolder.appendingPathComponent("story.txt"))
    h.keys("j")
    #expect(h.readerPane.contains("A new opening paragraph."))
    #expect(!h.readerPane.contains("about the weather"))
    #expect(h.state.annotations.first { $0.id == treaty.id }?.anchor == .relocated)
    #expect(h.state.annotations.first { $0.id == weather.id }?.anchor == .orphaned)
    let grid = h.terminal.lastFrame
    #expect(
      grid.cells(of: "treaty signed in spring")?.allSatisfy { $0.style.background == .green } == true, "\(grid.text)")
    #expect(
      h.stored[treaty.id]?.range
        == (try range(of: "treaty signed in spring", in: Source(path: "story.txt", text: edited).article)))
    #expect(h.stored[weather.id]?.anchor == .orphaned)
  }

  /// Ctrl-C with annotations that could not be saved: they go to a recovery file, and gloss
  /// leaves saying where.
  @Test func interruptWithUnsavedAnnotationsWritesThemToARecoveryFile() throws {
    let corrupt = "{ \"version\": 1, \"annotations\": [ oops"
    let h = Harness(try bundledSources(), store: corrupt, open: Bundled.whyTheUS)
    h.keys("}", "h")
    #expect(h.terminal.statusLine.contains("UNSAVED 1"))
    h.send(.interrupt)
    #expect(h.quit)
    let folder = h.storeFile.deletingLastPathComponent()
    let recovered = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasPrefix("annotations.recovery-") })
    #expect(
      h.runner.exitWarnings == ["1 unsaved annotation written to \(folder.appendingPathComponent(recovered).path)"])
    #expect(try Data(contentsOf: h.storeFile) == Data(corrupt.utf8))
  }

  /// A store that cannot be read is never written; annotating still works, in memory, and says
  /// so; quitting asks what to do with what is not saved.
  @Test func corruptStoreKeepsAnnotationsInMemoryAndAsksBeforeQuitting() throws {
    let corrupt = "{ \"version\": 1, \"annotations\": [ oops"
    let h = Harness(try bundledSources(), store: corrupt, open: Bundled.whyTheUS)
    let storeFile = h.storeFile
    // Said at start-up, and on the status line for as long as it lasts.
    #expect(h.state.messageIsError)
    #expect(h.state.message?.hasPrefix("annotations cannot be saved: ") == true, "\(h.state.message ?? "nil")")
    #expect(h.terminal.statusLine.contains("NOT SAVING"))

    h.keys("}", "h")
    let made = try #require(h.state.annotations.first)
    #expect(made.article == Bundled.whyTheUS)
    let grid = h.terminal.lastFrame
    let firstWords = made.quote.split(separator: " ").prefix(3).joined(separator: " ")
    #expect(grid.cells(of: firstWords)?.allSatisfy { $0.style.background == .yellow } == true, "\(grid.text)")
    #expect(h.terminal.statusLine.contains("UNSAVED 1"))
    #expect(h.state.messageIsError)
    #expect(h.state.message?.hasPrefix("not saved, 1 change kept in memory: ") == true, "\(h.state.message ?? "nil")")
    #expect(try Data(contentsOf: storeFile) == Data(corrupt.utf8))

    h.keys("q")
    #expect(!h.quit)
    #expect(h.state.mode == .confirmQuit)
    #expect(h.state.message == "1 annotation not saved: r retry, e export them to a file, Q quit anyway")
    #expect(h.terminal.statusLine.contains("QUIT?"))
    // Retrying cannot help here: still asking, still in memory.
    h.keys("r")
    #expect(!h.quit)
    #expect(h.state.mode == .confirmQuit)
    #expect(h.terminal.statusLine.contains("UNSAVED 1"))
    #expect(try Data(contentsOf: storeFile) == Data(corrupt.utf8))
    // Any other key keeps reading.
    h.keys("j")
    #expect(!h.quit)
    #expect(h.state.mode == .normal)
    #expect(h.state.message == "not quitting — the unsaved annotations are still in memory")
    h.keys("q", "Q")
    #expect(h.quit)
    #expect(h.runner.exitWarnings == ["quit with 1 annotation not saved"])
    #expect(try Data(contentsOf: storeFile) == Data(corrupt.utf8), "byte for byte untouched")
    let folder = try FileManager.default.contentsOfDirectory(atPath: storeFile.deletingLastPathComponent().path)
    // The lock file is how another gloss knows the store is being read; nothing else appears.
    #expect(
      folder.sorted() == ["annotations.json", "annotations.json.lock", "positions.json"], "no backup or temporary file")
  }

  /// After `r` fails, gloss is still asking (QUIT?), so the status line must still say what the
  /// keys are; today it shows only the save error, and the user has to remember r, e and Q.
  @Test
  func aFailedRetryStillOffersTheChoices() throws {
    let corrupt = "{ \"version\": 1, \"annotations\": [ oops"
    let h = Harness(try bundledSources(), store: corrupt, open: Bundled.whyTheUS)
    h.keys("}", "h", "q", "r")
    #expect(h.state.mode == .confirmQuit)
    #expect(h.terminal.statusLine.contains("QUIT?"))
    #expect(
      h.terminal.statusLine.contains("r retry, e export them to a file, Q quit anyway"), "\(h.terminal.statusLine)")
  }

  @Test func corruptStoreExportsWhatIsNotSavedWhenAsked() throws {
    let corrupt = "{ \"version\": 1, \"annotations\": [ oops"
    let h = Harness(try bundledSources(), store: corrupt, open: Bundled.whyTheUS)
    h.keys("}", "h", "q", "e")
    #expect(h.quit)
    let folder = h.storeFile.deletingLastPathComponent()
    let recovered = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasPrefix("annotations.recovery-")
    }
    #expect(recovered.count == 1)
    let name = try #require(recovered.first)
    #expect(h.runner.exitWarnings == ["1 unsaved annotation written to \(folder.appendingPathComponent(name).path)"])
    let written = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    #expect(written.contains(try #require(h.state.annotations.first).quote))
    #expect(try Data(contentsOf: h.storeFile) == Data(corrupt.utf8), "byte for byte untouched")
  }

  @Test func exportKeyWritesTheFileAndSaysWhere() throws {
    let sources = try bundledSources()
    let why = try #require(sources.first { $0.path == Bundled.whyTheUS }).article
    let h = Harness(sources, open: Bundled.whyTheUS)
    try h.storeAnnotations([
      Annotation(
        article: why, range: try range(of: "Lyon, France", in: why), tags: ["Europe"], note: "see *also* <this>",
        now: h.now)
    ])
    h.keys("E")
    let expected = h.exportDirectory.appendingPathComponent("why-the-us-must-not-support-azerbaijans-war.md").path
    #expect(h.state.prompt?.text == expected, "suggested in the export folder, never inside the library")
    #expect(h.terminal.statusLine == "export to: \(expected)")
    #expect(!expected.hasPrefix(h.libraryFolder.path))
    h.keys("<Enter>")
    #expect(h.state.message == "exported 1 annotation to \(expected)")
    #expect(h.terminal.statusLine.contains("exported 1 annotation to"))
    let written = try String(contentsOfFile: expected, encoding: .utf8)
    #expect(written.contains("> Lyon, France"))
    #expect(written.contains("see \\*also\\* \\<this\\>"))
    #expect(written.contains("#Europe"))
    #expect(written.contains("Why the U.S. Must Not Support Azerbaijan’s War"))
    let inLibrary = try FileManager.default.subpathsOfDirectory(atPath: h.libraryFolder.path).filter {
      $0.hasSuffix(".md")
    }
    #expect(inLibrary.isEmpty, "nothing written into the library")
    h.keys("q")
    #expect(h.quit)
  }

  /// Control characters and bidi overrides in a file name, a title, a tag and a note are drawn as
  /// visible text, never sent: every cell of every screen is inert, and the screen is laid out
  /// as usual (nothing cleared or moved by them).
  @Test func hostileFileNamesTitlesTagsAndNotesAreInert() throws {
    let evil = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}"
    let shown = "^[]0;pwned^G^[[2J<U+009B>31m<U+202E>"
    let titled = Source(
      path: "evil\u{1B}[31mname.txt", text: "Title \(evil) Here Now\n\nBody text with a passage to tag.\n")
    let untitled = Source(path: "\u{1B}]0;file\u{07}.txt", text: "")
    let h = Harness([titled, untitled], open: titled.path)
    try h.storeAnnotations([
      Annotation(
        article: titled.article, range: try range(of: "a passage", in: titled.article),
        tags: Tags.normalized(["tag\(evil)"]),
        now: h.now),
      Annotation(
        article: titled.article, range: try range(of: "to tag", in: titled.article), note: "note \(evil) end",
        now: h.now),
    ])
    #expect(h.terminal.lastFrame.isInert)
    var list = h.listPane
    #expect(h.listHeader.hasPrefix("Articles (2)"))
    #expect(list.contains("Title ^[]0;pwned^G"), "the title is shown escaped:\n\(list)")
    #expect(list.contains("^[]0;file^G"), "a file name as title is shown escaped:\n\(list)")
    #expect(h.readerPane.contains("Title \(shown) Here Now"))
    #expect(h.readerPane.contains("Body text with a passage to tag."))
    #expect(h.terminal.statusLine.hasPrefix(" Title ^[]0;pwned^G"))
    h.keys("A")
    #expect(h.terminal.lastFrame.isInert)
    list = h.listPane
    #expect(h.listHeader == "Annotations (2)", "the screen was not cleared:\n\(list)")
    #expect(list.contains("#tag^[]0;pwned^G"), "\(list)")
    #expect(list.contains("note ^[]0;pwned^G"), "\(list)")
    h.keys("}", "]")
    #expect(h.terminal.lastFrame.isInert)
    #expect(h.terminal.statusLine.contains("highlight 1 of 2  #tag\(shown)"), "\(h.terminal.statusLine)")
    #expect(h.listHeader == "Annotations (2)")
    #expect(h.readerPane.contains("Body text with a passage to tag."))
    #expect(h.text(try #require(h.state.annotationUnderCursor).range) == "a passage")
    h.keys("<Tab>")
    #expect(h.terminal.lastFrame.isInert)
  }
}

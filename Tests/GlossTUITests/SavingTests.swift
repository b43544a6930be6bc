import Foundation
import GlossApp
import GlossModel
import GlossStore
import Testing

@testable import GlossTUI

/// Nothing shown as kept unless it is on disk: a failed save comes back to the state as a
/// message, stays on screen until saved, and quitting with unsaved work asks.
@Suite struct SavingTests {
  /// A harness whose store cannot be written: its folder is a regular file.
  func unwritable() throws -> (Harness, blocker: URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("g-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let blocker = folder.appendingPathComponent("blocker")
    try Data("not a folder".utf8).write(to: blocker)
    let h = Harness([annotatable], storeURL: blocker.appendingPathComponent("annotations.json"), folder: folder)
    return (h, blocker)
  }

  @Test func aFailedSaveArrivesAsAMessageAndStaysOnScreen() throws {
    let (h, _) = try unwritable()
    h.keys("}", "h")
    #expect(h.state.annotations.count == 1, "the highlight is shown")
    #expect(h.stored.isEmpty, "and is not on disk")
    #expect(h.state.session.save.unsaved.count == 1)
    let failure = try #require(h.state.session.save.failure)
    #expect(h.state.messageIsError)
    #expect(h.terminal.statusLine.contains("not saved"))
    #expect(h.terminal.statusLine.contains("UNSAVED 1"))
    // The message goes with the next key; the marker stays until the change is saved.
    h.keys("j")
    #expect(h.state.message == nil)
    #expect(h.terminal.statusLine.contains("UNSAVED 1"))
    #expect(h.state.session.save.failure == failure)
  }

  @Test func quitWithUnsavedWorkAsksAndRetrySavesThenQuits() throws {
    let (h, blocker) = try unwritable()
    h.keys("}", "h", "q")
    #expect(!h.quit, "q does not drop unsaved annotations")
    #expect(h.state.mode == .confirmQuit)
    #expect(h.state.message == "1 annotation not saved: r retry, e export them to a file, Q quit anyway")
    #expect(h.terminal.statusLine.contains("QUIT?"))
    h.keys("r")
    #expect(!h.quit, "the retry failed: still asking")
    #expect(h.state.mode == .confirmQuit)
    // The problem is fixed (the folder can be made now): r saves, then quits.
    try FileManager.default.removeItem(at: blocker)
    h.keys("r")
    #expect(h.quit)
    #expect(h.state.session.save.isClean)
    #expect(h.stored.count == 1, "on disk now")
  }

  @Test func anyOtherKeyCancelsTheQuit() throws {
    let (h, _) = try unwritable()
    h.keys("}", "h", "q", "<Esc>")
    #expect(!h.quit)
    #expect(h.state.mode == .normal)
    #expect(h.state.message?.hasPrefix("not quitting") == true)
  }

  @Test func exportingTheUnsavedWorkWritesARecoveryFileThatImports() throws {
    let (h, blocker) = try unwritable()
    h.keys("}", "h", "q", "e")
    #expect(h.quit)
    let warning = try #require(h.runner.exitWarnings.first { $0.contains("unsaved annotation") })
    let path = try #require(warning.split(separator: " ").last.map(String.init))
    #expect(!path.hasPrefix(blocker.path), "not inside the unwritable folder")
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let incoming = try Interchange.read(data, file: path, library: h.runner.library.root)
    #expect(incoming.count == 1)
    #expect(incoming.first?.quote == "The first sentence is short.")
    try? FileManager.default.removeItem(atPath: path)
  }

  @Test func quitAnywayLeavesWithAWarning() throws {
    let (h, _) = try unwritable()
    h.keys("}", "h", "q", "Q")
    #expect(h.quit)
    #expect(h.runner.exitWarnings.contains("quit with 1 annotation not saved"))
  }

  @Test(arguments: [InputEvent.interrupt, .terminate(signal: 15), .terminate(signal: 1)])
  func signalsAndCtrlCWriteUnsavedWorkToARecoveryFile(event: InputEvent) throws {
    let (h, _) = try unwritable()
    h.keys("}", "h")
    h.send(event)
    #expect(h.quit)
    let warning = try #require(h.runner.exitWarnings.first { $0.contains("written to") })
    let path = try #require(warning.split(separator: " ").last.map(String.init))
    #expect(FileManager.default.fileExists(atPath: path))
    try? FileManager.default.removeItem(atPath: path)
  }

  @Test func quittingWithEverythingSavedDoesNotAsk() {
    let h = Harness([annotatable])
    h.keys("}", "h", "q")
    #expect(h.quit)
    #expect(h.stored.count == 1)
  }

  @Test func anUnreadableStoreKeepsNewHighlightsInMemoryAndLeavesTheFileAlone() throws {
    let corrupt = #"{"annotations": ["#
    let h = Harness([annotatable], store: corrupt)
    #expect(h.terminal.statusLine.contains("NOT SAVING"))
    h.keys("}", "h")
    #expect(h.state.annotations.count == 1)
    #expect(h.terminal.statusLine.contains("UNSAVED 1"))
    let file = AnnotationStore.defaultURL(library: h.runner.library.root)
    #expect(try String(contentsOf: file, encoding: .utf8) == corrupt, "never overwritten")
  }

  @Test func aReadOnlyStoreIsNeverReplaced() throws {
    let first = Harness([annotatable])
    first.keys("}", "h")
    let file = AnnotationStore.defaultURL(library: first.runner.library.root)
    let before = try Data(contentsOf: file)
    #expect(first.stored.count == 1)
    // Made read-only by its owner: a rename over it would succeed (and root may write anything).
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path) }
    let h = Harness([annotatable], folder: first.folder)
    #expect(h.terminal.statusLine.contains("NOT SAVING"), "\(h.terminal.statusLine)")
    h.keys("}", "}", "h")
    #expect(h.state.annotations.count == 2)
    #expect(h.terminal.statusLine.contains("UNSAVED 1"), "\(h.terminal.statusLine)")
    #expect(try Data(contentsOf: file) == before, "never replaced")
    #expect(!FileManager.default.fileExists(atPath: file.path + ".bak"))
    // The command line refuses the same way.
    var store = try AnnotationStore(url: file)
    #expect(store.readOnlyReason?.contains("read-only") == true)
    #expect(throws: (any Error).self) {
      try store.apply(upserts: [h.state.annotations[1]], deletions: [])
    }
    #expect(try Data(contentsOf: file) == before)
  }
}

/// Prompts: Ctrl-C cancels (the text comes back with Up), pastes are one insertion and never
/// submit, a long text costs what fits on screen.
@Suite struct PromptTests {
  @Test func ctrlCInAPromptCancelsItAndUpBringsTheTextBack() throws {
    let h = Harness([annotatable])
    h.keys("}", "s", "a")
    h.type("a thought worth keeping")
    h.send(.interrupt)
    #expect(!h.quit, "Ctrl-C in a prompt does not quit")
    #expect(h.state.prompt == nil)
    #expect(h.state.annotations.isEmpty)
    h.keys("a", "<Up>")
    #expect(try #require(h.state.prompt).text == "a thought worth keeping")
    h.keys("<Enter>")
    #expect(h.state.annotations.first?.note == "a thought worth keeping")
  }

  @Test func aTenThousandCharacterPasteIsFastAndItsNewlinesDoNotSubmit() throws {
    let h = Harness([annotatable])
    h.keys("}", "s", "a")
    var rng = SeededRandom(seed: 9)
    let words = ["alpha", "βeta", "גימל", "中文", "😀", "line\nbreak"]
    var paste = ""
    while paste.count < 10_000 { paste += words.randomElement(using: &rng)! + " " }
    let clock = ContinuousClock()
    let elapsed = clock.measure { h.send(.paste(paste)) }
    #expect(elapsed < .milliseconds(500), "pasting 10,000 characters took \(elapsed)")
    let prompt = try #require(h.state.prompt)
    #expect(prompt.characters.count == paste.count)
    #expect(h.state.annotations.isEmpty, "a pasted newline does not submit")
    // Typing at the end of the long text stays cheap too.
    let typing = clock.measure { h.type("and more") }
    #expect(typing < .milliseconds(500), "typing after a long paste took \(typing)")
    h.keys("<Enter>")
    #expect(h.state.annotations.first?.note.contains("line\nbreak") == true)
  }

  @Test func aPasteIntoASingleLinePromptBecomesOneLine() throws {
    let h = Harness([annotatable])
    h.keys("/")
    h.send(.paste("second\nsentence"))
    #expect(try #require(h.state.prompt).text == "second sentence")
  }
}

/// Less and vim habits around annotating and files that change.
@Suite struct ReaderHabitsTests {
  @Test func highlightingTheSameSentenceTwiceAddsNothing() {
    let h = Harness([annotatable])
    h.keys("}", "h", "h", "h")
    #expect(h.state.annotations.count == 1)
    #expect(h.state.message?.hasPrefix("already highlighted") == true)
    h.keys("d")
    #expect(h.state.annotations.isEmpty, "d then removes it")
  }

  @Test func anArticleChangedOnDiskIsReadAgainKeepingThePlace() throws {
    let h = Harness([annotatable])
    h.keys("}", "h")
    let url = h.runner.library.root.appendingPathComponent("notes.txt")
    let edited = annotatable.text.replacingOccurrences(of: "A third one ends it.", with: "A new ending was written.")
    try Data(("Preface added above.\n\n" + edited).utf8).write(to: url)
    h.keys("j")
    #expect(h.screen.contains("A new ending was written."))
    #expect(h.state.message?.contains("changed on disk") == true)
    let annotation = try #require(h.state.annotations.first)
    #expect(annotation.quote == "The first sentence is short.")
    let text = AnchorText(article: try #require(h.state.reader?.article))
    #expect(text.string(annotation.range) == "The first sentence is short.", "re-anchored to the new text")
  }

  @Test func exportSuggestsAFileOutsideTheLibrary() throws {
    let h = Harness([annotatable])
    h.keys("}", "h", "E")
    let suggested = try #require(h.state.prompt).text
    #expect(suggested == h.folder.appendingPathComponent("exports/notes.md").path)
    #expect(!suggested.hasPrefix(h.runner.library.root.path))
    h.keys("<Enter>")
    #expect(h.state.message?.hasPrefix("exported 1 annotation to") == true)
    #expect(FileManager.default.fileExists(atPath: suggested))
  }
}

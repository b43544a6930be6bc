import Foundation
import GlossModel
import GlossStore
import GlossTUI
import Testing

@testable import GlossApp

/// The reader renders its first frame while curses starts on another thread
/// (`AppRunner.renderAhead`); the frame drawn must be the one the state shows when it is drawn.
@Suite struct RenderAheadTests {
  let sources = [
    Source(path: "a.txt", text: "Alpha\n\nThe first article, a paragraph long enough to wrap on a narrow screen."),
    Source(path: "b.txt", text: "Beta\n\nThe second."),
  ]

  /// A runner over a fresh library of `sources`, made at `size`.
  func runner(size: Size) throws -> AppRunner {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("g-\(UUID().uuidString.prefix(8))")
    let root = folder.appendingPathComponent("library")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for source in sources { try Data(source.text.utf8).write(to: root.appendingPathComponent(source.path)) }
    let library = try Library.load(root: root, lazy: true)
    return AppRunner(
      library: library, positions: ReadingPositions(url: ReadingPositions.defaultURL(library: library.root)),
      store: AnnotationStore.openForReading(url: AnnotationStore.defaultURL(library: library.root)), keymap: nil,
      size: size, colors: true, open: nil, exportDirectory: folder.appendingPathComponent("exports"),
      clock: { Date(timeIntervalSince1970: 1_000_000) })
  }

  /// The first frame a runner draws on a 100x30 terminal, after `prepare`.
  func firstFrame(size: Size, _ prepare: (AppRunner) -> Void = { _ in }) throws -> (text: String, runner: AppRunner) {
    let runner = try runner(size: size)
    prepare(runner)
    let terminal = RecordingTerminal(width: 100, height: 30)
    runUntilTheScriptEnds(runner, on: terminal)
    let first = try #require(terminal.frames.first)
    return (first.text, runner)
  }

  @Test func theFrameRenderedAheadIsDrawnAsTheStateShowsIt() throws {
    let plain = try firstFrame(size: Size(width: 100, height: 30))
    let ahead = try firstFrame(size: Size(width: 100, height: 30)) { runner in
      runner.renderAhead()
      #expect(runner.frameAhead != nil, "rendered")
    }
    #expect(ahead.text == plain.text)
    let kept = ahead.runner.frameAhead != nil
    #expect(!kept, "drawn, and not kept")
    #expect(ahead.runner.framesRendered == 1, "the frame rendered ahead was the one drawn")
    #expect(plain.runner.framesRendered == 1)
    #expect(plain.text.contains("Alpha"))
  }

  @Test func aTerminalOfAnotherSizeIsRenderedAgain() throws {
    let plain = try firstFrame(size: Size(width: 100, height: 30))
    let ahead = try firstFrame(size: Size(width: 80, height: 24)) { $0.renderAhead() }
    #expect(ahead.text == plain.text, "the frame drawn is the terminal's size, not the guessed one")
    #expect(ahead.runner.framesRendered == 2)
  }

  @Test func aMessageAfterTheFrameIsRenderedAgain() throws {
    let ahead = try firstFrame(size: Size(width: 100, height: 30)) { runner in
      runner.renderAhead()
      runner.dispatch(.notice("Rendered after", isError: false))
      let kept = runner.frameAhead != nil
      #expect(!kept, "dropped by the message")
    }
    #expect(ahead.text.contains("Rendered after"))
  }
}

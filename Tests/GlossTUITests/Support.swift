import Foundation
import GlossApp
import GlossModel
import GlossStore
import Synchronization
import Testing

@testable import GlossTUI

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// An article file for a test library: its path in the library and its contents.
struct Source {
  var path: String
  var text: String

  init(path: String, text: String) {
    self.path = path
    self.text = text
  }

  /// The article as the library reads it.
  var article: Article { Library.parse(path: path, data: Data(text.utf8)) }
}

/// The clock the runner reads, set by tests.
final class TestClock: Sendable {
  private let time = Mutex(Date(timeIntervalSince1970: 1_000_000))
  var now: Date {
    get { time.withLock { $0 } }
    set { time.withLock { $0 = newValue } }
  }
}

/// The real app over a library written to a temporary folder, driven through the in-memory
/// terminal: every key goes through the real run loop (update, effects performed by the
/// runner, their outcomes fed back, render, draw).
struct Harness {
  let folder: URL
  let terminal: TestTerminal
  let runner: AppRunner
  let clock = TestClock()
  let sources: [Source]

  /// `store`: the annotations file's contents before start-up (nil: none). `folder`: reuse a
  /// folder an earlier harness made (its library, store and positions: a second run).
  init(
    _ sources: [Source], size: Size = Size(width: 100, height: 30), colors: Bool = true,
    keymap: Keymap = .defaults, store: String? = nil, storeURL: URL? = nil, open: String? = nil, folder: URL? = nil
  ) {
    self.sources = sources
    self.folder =
      folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("g-\(UUID().uuidString.prefix(8))")
    let library = self.folder.appendingPathComponent("library")
    try! FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
    for source in sources {
      let url = library.appendingPathComponent(source.path)
      try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      // Not Data.write: it syncs each file to disk, which makes large test libraries slow.
      #expect(FileManager.default.createFile(atPath: url.path, contents: Data(source.text.utf8)))
    }
    let storeFile = storeURL ?? AnnotationStore.defaultURL(library: library)
    if let store {
      try! FileManager.default.createDirectory(
        at: storeFile.deletingLastPathComponent(), withIntermediateDirectories: true)
      try! Data(store.utf8).write(to: storeFile)
    }
    let loaded = try! Library.load(root: library, lazy: true)
    terminal = TestTerminal(width: size.width, height: size.height)
    let clock = self.clock
    runner = AppRunner(
      library: loaded, positions: ReadingPositions(url: ReadingPositions.defaultURL(library: loaded.root)),
      store: AnnotationStore.openForReading(url: storeFile), keymap: keymap, size: size, colors: colors,
      open: loaded.entries.first { $0.path == open },
      exportDirectory: self.folder.appendingPathComponent("exports"), clock: { clock.now })
    run()
  }

  /// The bundled sample library's articles.
  static func bundled(open: String? = nil) throws -> Harness {
    let folder = repositoryRoot.appendingPathComponent("articles")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
    return Harness(
      try names.map {
        Source(path: $0, text: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
      },
      open: open)
  }

  var state: AppState { runner.state }
  var now: Date {
    get { clock.now }
    nonmutating set { clock.now = newValue }
  }

  /// Runs the loop until the script is used up (or the app quits).
  func run() { runUntilTheScriptEnds(runner, on: terminal) }

  /// Sends events through the terminal and runs the loop.
  func send(_ events: InputEvent...) {
    terminal.send(events)
    run()
  }

  /// Types keys by their keymap names ("j", "<C-f>", "<Space>") or plain characters.
  func keys(_ names: String...) {
    for name in names { terminal.send(.key(KeyChord(name: name)!)) }
    run()
  }

  func type(_ text: String) {
    terminal.type(text)
    run()
  }

  /// Sends a message as an effect's outcome would arrive.
  func dispatch(_ message: Message) { runner.dispatch(message) }

  /// Puts annotations in the store (as another gloss process would) and tells the reader.
  func storeAnnotations(_ annotations: [Annotation]) throws {
    try runner.store.apply(upserts: annotations, deletions: [], now: now)
    dispatch(.annotationsReplaced(runner.store.all))
    run()
  }

  /// The annotations file as it is on disk now, by id.
  var stored: [UUID: Annotation] {
    (try? AnnotationStore(url: runner.store.url).annotations) ?? [:]
  }

  /// Reading positions as they are on disk now.
  var savedPositions: [String: Int] {
    ReadingPositions(url: ReadingPositions.defaultURL(library: runner.library.root)).positions.mapValues(\.offset)
  }

  var quit: Bool { runner.quitRequested }
  var screen: String { terminal.text }
  var topLine: String {
    let r = state.reader!
    return String(r.layout.line(at: r.top)?.text ?? "")
  }
  var articles: [Article] {
    runner.library.entries.map { runner.library.articles[$0.path] ?? Article(path: $0.path, string: "") }
  }
}

/// Runs the app on a scripted terminal until the script is used up (or the app quits); any
/// other error is a test failure.
func runUntilTheScriptEnds(_ runner: AppRunner, on terminal: TerminalBackend) {
  do {
    try runner.run(on: terminal)
  } catch is TestTerminal.EndOfScript {
  } catch {
    Issue.record("the run loop failed: \(error)")
  }
}

/// Compares text with a stored snapshot in Tests/GlossTUITests/Snapshots. A missing or
/// different snapshot fails everywhere; GLOSS_RECORD_SNAPSHOTS=1 records anew (and fails, so
/// a recording run is never mistaken for a passing one).
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let url = repositoryRoot.appendingPathComponent("Tests/GlossTUITests/Snapshots/\(name).txt")
  if ProcessInfo.processInfo.environment["GLOSS_RECORD_SNAPSHOTS"] != nil {
    try Data((text + "\n").utf8).write(to: url)
    Issue.record(
      "recorded snapshot \(url.path); run again without GLOSS_RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
    return
  }
  let expected = try #require(
    try? String(contentsOf: url, encoding: .utf8),
    "no snapshot \(name); record it with GLOSS_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
  #expect(
    text + "\n" == expected, "snapshot \(name) differs; rerun with GLOSS_RECORD_SNAPSHOTS=1 to record",
    sourceLocation: sourceLocation)
}

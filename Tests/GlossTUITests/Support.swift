import Foundation
import GlossModel
import GlossStore
import Testing

@testable import GlossTUI

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// A state over in-memory articles, as the run loop would build it.
struct Harness {
  var state: AppState
  var articles: [Article]
  var saved: [String: Int] = [:]
  /// What the run loop would have saved to the annotation store.
  var stored: [UUID: Annotation] = [:]
  var saves = 0
  var exported: [String] = []
  var quit = false

  init(_ articles: [Article], size: Size = Size(width: 100, height: 30), colors: Bool = true, keymap: Keymap = .defaults) {
    self.articles = articles
    let entries = articles.map {
      LibraryEntry(path: $0.path, url: URL(fileURLWithPath: "/library/" + $0.path), title: $0.title, wordCount: $0.wordCount)
    }
    state = AppState(libraryPath: "/library", entries: entries, size: size, keymap: keymap, colors: colors)
    if let first = articles.first { state.show(first, entryIndex: 0, offset: nil) }
  }

  static func bundled() throws -> Harness {
    let library = try Library.load(root: repositoryRoot.appendingPathComponent("articles"))
    return Harness(library.entries.map { library.articles[$0.path]! })
  }

  /// Sends events and carries out their effects like the run loop does.
  mutating func send(_ events: InputEvent...) {
    for event in events {
      for effect in state.handle(event) {
        switch effect {
        case .quit: quit = true
        case .redraw: break
        case .openArticle(let index): state.show(articles[index], entryIndex: index, offset: saved[articles[index].path])
        case .savePosition(let path, let offset): saved[path] = offset
        case .saveAnnotations(let upserts, let deletions):
          for a in upserts { stored[a.id] = a }
          for id in deletions { stored[id] = nil }
          saves += 1
        case .exportArticle(let path): exported.append(path)
        case .searchLibrary(let query):
          state.showSearchResults(LibrarySearch.search(query, articles: articles, annotations: state.annotations), query: query)
        }
      }
    }
  }

  /// Types keys by their keymap names ("j", "<C-f>", "<Space>") or plain characters.
  mutating func keys(_ names: String...) {
    for name in names { send(.key(KeyChord(name: name)!)) }
  }

  mutating func type(_ text: String) {
    for c in text { send(.key(.char(c))) }
  }

  var screen: String { render(state).text }
  var topLine: String {
    let r = state.reader!
    return String(r.layout.line(at: r.top)?.text ?? "")
  }
}

/// Compares text with a stored snapshot in Tests/GlossTUITests/Snapshots. Set
/// GLOSS_RECORD_SNAPSHOTS=1 to record anew; a missing snapshot is recorded outside CI.
func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let url = repositoryRoot.appendingPathComponent("Tests/GlossTUITests/Snapshots/\(name).txt")
  let env = ProcessInfo.processInfo.environment
  let record = env["GLOSS_RECORD_SNAPSHOTS"] != nil
  if record || (!FileManager.default.fileExists(atPath: url.path) && env["CI"] == nil) {
    try Data((text + "\n").utf8).write(to: url)
    print("recorded snapshot \(url.path)")
    return
  }
  let expected = try String(contentsOf: url, encoding: .utf8)
  #expect(text + "\n" == expected, "snapshot \(name) differs; rerun with GLOSS_RECORD_SNAPSHOTS=1 to record", sourceLocation: sourceLocation)
}

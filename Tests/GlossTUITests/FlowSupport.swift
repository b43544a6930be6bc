import Foundation
import GlossApp
import GlossModel
import GlossStore
import Testing

@testable import GlossTUI

#if canImport(Glibc)
  import Glibc
#endif

// Helpers for the flow tests (ReaderFlowTests, AnnotationFlowTests, LibraryFlowTests): whole
// sessions of the real app on the in-memory terminal, checked on the frames it drew.

/// The bundled sample library's articles, as sources for a harness.
func bundledSources() throws -> [Source] {
  let folder = repositoryRoot.appendingPathComponent("articles")
  let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
  return try names.map {
    Source(path: $0, text: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
  }
}

/// Writes a file with plain POSIX calls: Foundation's `Data.write` syncs each file to disk,
/// which makes hundreds of files take seconds.
func writeQuickly(_ text: String, to url: URL) throws {
  let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
  guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
  defer { close(fd) }
  let bytes = Array(text.utf8)
  var written = 0
  while written < bytes.count {
    let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
    written += n
  }
}

enum Bundled {
  static let baku = "baku-and-tehran-diverging-geopolitical-choices.txt"
  static let stayAway = "us-should-stay-away-from-azerbaijan-iran-tensions.txt"
  static let nagorno = "west-moral-responsibility-peace-in-nagorno-karabakh.txt"
  static let whyTheUS = "why-the-us-must-not-support-azerbaijans-war.txt"
}

/// The scalar range of the `occurrence`th (from 1) appearance of `quote` in an article, as
/// `gloss add --quote` finds it.
func range(
  of quote: String, in article: Article, occurrence: Int = 1, sourceLocation: SourceLocation = #_sourceLocation
) throws -> Range<Int> {
  let found = QuoteFinder.occurrences(of: quote, in: AnchorText(article: article))
  #expect(found.count >= occurrence, "“\(quote)” occurs \(found.count) times", sourceLocation: sourceLocation)
  return try #require(found.dropFirst(occurrence - 1).first, sourceLocation: sourceLocation)
}

extension Grid {
  /// Where each appearance of `needle` starts on screen (column, row), top to bottom.
  func locate(_ needle: String) -> [(x: Int, y: Int)] {
    let wanted = Array(needle)
    var found: [(x: Int, y: Int)] = []
    for y in 0..<height {
      var characters: [Character] = []
      var columns: [Int] = []
      for x in 0..<width where !self[x, y].isContinuation {
        for c in self[x, y].text {
          characters.append(c)
          columns.append(x)
        }
      }
      guard characters.count >= wanted.count, !wanted.isEmpty else { continue }
      for i in 0...(characters.count - wanted.count) where Array(characters[i..<(i + wanted.count)]) == wanted {
        found.append((columns[i], y))
      }
    }
    return found
  }

  /// The cells `needle` is drawn in, at its first appearance (nil when it is not on screen).
  func cells(of needle: String) -> [Cell]? {
    guard let start = locate(needle).first else { return nil }
    var cells: [Cell] = []
    var x = start.x
    while cells.filter({ !$0.isContinuation }).count < needle.count && x < width {
      cells.append(self[x, start.y])
      x += 1
    }
    return cells.filter { !$0.isContinuation }
  }

  /// No cell holds anything a terminal would act on: control characters (C0, DEL, C1) or
  /// bidirectional overrides.
  var isInert: Bool {
    cells.allSatisfy { cell in
      // Printable ASCII (nearly every cell) needs no closer look.
      cell.text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        || cell.text.unicodeScalars.allSatisfy {
          $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) && !(0x202A...0x202E).contains($0.value)
            && !(0x2066...0x2069).contains($0.value)
        }
    }
  }
}

extension Harness {
  /// The reader's side of the last frame (right of the separator when split), without the
  /// status line, each line without the spaces around it.
  var readerPane: String {
    let grid = terminal.lastFrame
    let g = state.geometry
    return (0..<g.bodyHeight).map { y in
      var line = ""
      for x in g.readerX..<grid.width where !grid[x, y].isContinuation { line += grid[x, y].text }
      return line.trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n")
  }

  /// The list's side of the last frame (left of the separator), without the status line.
  var listPane: String {
    let grid = terminal.lastFrame
    let g = state.geometry
    return (0..<g.bodyHeight).map { y in
      var line = ""
      for x in 0..<min(g.listWidth, grid.width) where !grid[x, y].isContinuation { line += grid[x, y].text }
      while line.last == " " { line.removeLast() }
      return line
    }.joined(separator: "\n")
  }

  /// The list pane's header row (its title and count), without the padding around it.
  var listHeader: String {
    String(listPane.prefix { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
  }

  /// The exports folder the harness's runner suggests.
  var exportDirectory: URL { folder.appendingPathComponent("exports") }
  var libraryFolder: URL { folder.appendingPathComponent("library") }
  var storeFile: URL { runner.store.url }
}

/// A terminal that keeps every frame drawn (as a `TestTerminal` keeps only the last) and what
/// the app's library looked like at each, for tests about what came first.
final class RecordingTerminal: TerminalBackend {
  let inner: TestTerminal
  private(set) var frames: [Grid] = []
  /// Called at each draw; its results are kept in `notes`, one per frame.
  var onDraw: () -> String = { "" }
  private(set) var notes: [String] = []
  /// Input that has already arrived (a user typing ahead): handed out by `pollEvent` before
  /// the app turns to background work.
  var typeAhead: [InputEvent] = [] {
    didSet { typeAheadCount = max(typeAheadCount, typeAhead.count) }
  }
  /// How many events were typed ahead.
  private(set) var typeAheadCount = 0

  init(width: Int, height: Int) { inner = TestTerminal(width: width, height: height) }

  var size: Size { inner.size }
  func nextEvent() throws -> InputEvent? { try inner.nextEvent() }
  func pollEvent() throws -> InputEvent? { typeAhead.isEmpty ? nil : typeAhead.removeFirst() }
  func draw(_ grid: Grid, fullRepaint: Bool) throws {
    frames.append(grid)
    notes.append(onDraw())
    try inner.draw(grid, fullRepaint: fullRepaint)
  }
}

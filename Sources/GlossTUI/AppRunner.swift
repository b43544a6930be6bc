import Foundation
import GlossModel
import GlossStore

/// What the run loop needs from a terminal: input events and a place to draw a grid.
public protocol TerminalBackend: AnyObject {
  var size: Size { get }
  /// The next input, or nil when nothing arrived within the backend's poll interval.
  func nextEvent() throws -> InputEvent?
  /// Shows a frame; only cells that changed since the last frame need to be sent.
  func draw(_ grid: Grid, fullRepaint: Bool) throws
  /// Input that has already arrived, without waiting (nil when there is none).
  func pollEvent() throws -> InputEvent?
}

extension TerminalBackend {
  public func pollEvent() throws -> InputEvent? { nil }
}

/// The run loop: key → command (keymap) → new state → effects → grid → screen.
public final class AppRunner {
  public private(set) var state: AppState
  public private(set) var library: Library
  public private(set) var positions: ReadingPositions
  public let store: AnnotationStore
  /// The clock, replaceable in tests.
  public var clock: () -> Date = { Date() }
  /// Problems to tell the user on stderr after the terminal is restored.
  public private(set) var exitWarnings: [String] = []

  /// `keymap` nil: the built-in defaults.
  public init(library: Library, positions: ReadingPositions, store: AnnotationStore, keymap: Keymap?, size: Size, colors: Bool, open: LibraryEntry?) {
    self.library = library
    self.positions = positions
    self.store = store
    state = AppState(libraryPath: library.root.path, entries: library.entries, size: size, keymap: keymap, colors: colors)
    state.annotations = store.all
    state.annotationsReadOnly = store.readOnlyReason
    state.lastRead = positions.positions.mapValues(\.updated)
    let initial = open.flatMap { entry in library.entries.firstIndex(where: { $0.path == entry.path }) }
      ?? (library.entries.isEmpty ? nil : 0)
    // A very long article is shown from its first part, so the first screen paints at once;
    // `run` reads the rest right after that paint.
    if let index = initial { openArticle(index, allowPartial: true) }
    var notes: [String] = []
    if !library.skipped.isEmpty {
      let n = library.skipped.count
      notes.append("skipped \(n) file\(n == 1 ? "" : "s") that \(n == 1 ? "is" : "are") not .txt/.md articles")
    }
    if let reason = positions.readOnlyReason { notes.append(reason) }
    if let reason = store.readOnlyReason { notes.append("annotations are read-only: " + reason) }
    if !notes.isEmpty {
      state.message = notes.joined(separator: "; ")
      state.messageIsError = positions.readOnlyReason != nil || store.readOnlyReason != nil
    }
  }

  func openArticle(_ index: Int, allowPartial: Bool = false) {
    let entry = state.entries[index]
    // A remembered position beyond the first part needs the whole article to land on.
    let saved = positions.offset(for: entry.path) ?? 0
    if let read = library.describeNow(entry.path) { syncEntries([read]) }
    let partialLength = library.articles[entry.path]?.scalarCount ?? 0
    if !allowPartial || saved > partialLength * 3 / 4 { completeArticle(entry.path) }
    guard let article = library.articles[entry.path] else {
      state.message = "cannot open \(entry.path)"
      state.messageIsError = true
      return
    }
    reanchor(article)
    state.show(article, entryIndex: index, offset: positions.offset(for: entry.path))
  }

  /// Writes the open article's annotations as Markdown and says where.
  func exportArticle(to path: String) {
    guard let article = state.reader?.article else { return }
    let annotations = state.annotations.filter { $0.article == article.path }
    let markdown = MarkdownExport.render(
      .init(title: article.title, source: article.path, annotations: annotations), exported: clock())
    var expanded = path
    if expanded.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
      expanded = home + expanded.dropFirst(1)
    }
    let url = URL(fileURLWithPath: expanded, relativeTo: library.root).standardizedFileURL
    do {
      try AtomicFile.write(Data(markdown.utf8), to: url)
      let n = annotations.count
      state.message = "exported \(n) annotation\(n == 1 ? "" : "s") to \(url.path)"
      state.messageIsError = false
    } catch {
      state.message = "export failed: \(error)"
      state.messageIsError = true
    }
  }

  /// Reads the rest of a partly read article; if it is the one on screen, swaps it in,
  /// keeping the reading position and the cursor.
  func completeArticle(_ path: String) {
    guard library.articles[path]?.isPartial == true, let full = library.complete(path) else { return }
    if let index = state.entries.firstIndex(where: { $0.path == path }) {
      state.entries[index].wordCount = full.wordCount
      state.entries[index].wordCountIsEstimate = false
    }
    if state.reader?.article.path == path {
      reanchor(full)
      state.replaceArticle(full)
    }
  }

  /// Re-anchors the article's annotations to its current text and writes back what moved.
  func reanchor(_ article: Article) {
    let mine = store.annotations(forArticle: article.path)
    guard !mine.isEmpty else { return }
    let text = AnchorText(article: article)
    let changed = zip(mine, mine.map { Anchoring.reanchored($0, in: text) }).filter { $0 != $1 }.map(\.1)
    guard !changed.isEmpty else { return }
    if store.readOnlyReason == nil { try? store.apply(upserts: changed, deletions: []) }
    let byID = Dictionary(changed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    state.annotations = state.annotations.map { byID[$0.id] ?? $0 }
    let orphaned = changed.filter(\.isOrphaned).count
    if orphaned > 0 {
      state.message = "\(orphaned) highlight\(orphaned == 1 ? "" : "s") no longer found in the text — listed as orphaned (A)"
      state.messageIsError = false
    }
  }

  /// Applies one event and its effects. Returns false when the app should quit.
  @discardableResult
  public func apply(_ event: InputEvent) -> (keepRunning: Bool, fullRepaint: Bool) {
    var keepRunning = true
    var full = false
    state.now = clock()
    for effect in state.handle(event) {
      switch effect {
      case .quit:
        keepRunning = false
      case .redraw:
        full = true
      case .openArticle(let index):
        openArticle(index)
      case .saveAnnotations(let upserts, let deletions):
        do {
          try store.apply(upserts: upserts, deletions: deletions, now: state.now)
          // The merged store also holds what other gloss processes saved meanwhile; when there
          // was nothing from them, the state already matches it (and keeps its indexes).
          if store.lastSaveMergedOutsideChanges { state.annotations = store.all }
        } catch {
          state.message = "\(error)"
          state.messageIsError = true
          state.annotations = store.all
        }
      case .exportArticle(let path):
        exportArticle(to: path)
      case .searchLibrary(let query):
        if library.hasPending {
          _ = library.describePending()
          syncEntries()
        }
        let articles = library.entries.compactMap { library.articles[$0.path] }
        state.showSearchResults(LibrarySearch.search(query, articles: articles, annotations: state.annotations), query: query)
      case .savePosition(let path, let offset):
        state.lastRead[path] = state.now
        if let problem = positions.set(offset, for: path) {
          if keepRunning && !state.handleQuitPending(event) {
            state.message = problem
            state.messageIsError = true
          }
          if !exitWarnings.contains(problem) { exitWarnings.append(problem) }
        }
      }
    }
    return (keepRunning, full)
  }

  /// Copies titles and word counts read since into the state's list. The state's list was
  /// made from the library's, so an entry has the same index in both (checked by path).
  func syncEntries(_ indices: [Int]? = nil) {
    for i in indices ?? Array(library.entries.indices) {
      let entry = library.entries[i]
      let j = state.entries.indices.contains(i) && state.entries[i].path == entry.path
        ? i : state.entries.firstIndex { $0.path == entry.path }
      if let j, state.entries[j] != entry { state.entries[j] = entry }
    }
  }

  /// Runs until quit. The backend restores the terminal itself; warnings are in `exitWarnings`.
  public func run(on backend: TerminalBackend) throws {
    var full = true
    if backend.size != state.size { _ = apply(.resize(backend.size)) }
    var dirty = true
    while true {
      if dirty {
        try backend.draw(render(state), fullRepaint: full)
        full = false
        dirty = false
      }
      if let path = state.reader?.article.path, state.reader?.article.isPartial == true {
        completeArticle(path)
        dirty = true
        continue
      }
      // The rest of a large library, read a few files at a time between keys.
      var event: InputEvent?
      if library.hasPending {
        syncEntries(library.describePending(limit: 20))
        dirty = true
        guard let pendingKey = try backend.pollEvent() else { continue }
        event = pendingKey
      } else {
        event = try backend.nextEvent()
      }
      // Nothing arrived within the poll interval: nothing changed, nothing to draw.
      guard let event else { continue }
      let result = apply(event)
      if !result.keepRunning { return }
      full = result.fullRepaint
      dirty = true
    }
  }
}

extension AppState {
  func handleQuitPending(_ event: InputEvent) -> Bool {
    if case .interrupt = event { return true }
    return false
  }
}

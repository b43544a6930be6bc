import GlossModel
import GlossStore
import GlossTUI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The run loop: input or an effect's outcome → message → `update` → new state + effects →
/// grid → screen.
public final class AppRunner {
  public private(set) var state: AppState
  public private(set) var library: Library
  public private(set) var positions: ReadingPositions
  public let store: AnnotationStore
  /// Where `E` suggests writing exports (never inside the library).
  public let exportDirectory: URL
  /// The clock, replaceable in tests.
  public var clock: () -> Date
  /// Problems to tell the user on stderr after the terminal is restored.
  public private(set) var exitWarnings: [String] = []
  public private(set) var quitRequested = false
  /// Work for the time between keys (the rest of a partly read article), in order.
  private var background: [Effect] = []
  private var fullRepaint = false
  /// The open article, whose file is looked at for changes.
  private var watchedPath: String?
  /// The first frame, rendered before `run` (`renderAhead`) while the terminal starts on
  /// another thread; dropped by any message, since the state it shows has changed.
  private(set) var frameAhead: Grid?
  /// Frames rendered so far, ahead or in the loop (the tests count them).
  private(set) var framesRendered = 0

  // Links and the clipboard (LinkEffects.swift).
  /// Opens an external link in a browser; tests replace it so that none is started.
  public var linkOpener: @Sendable (String) -> LinkOpening = { ExternalOpener.open($0) }
  /// Copies text with a clipboard command (wl-copy, xclip, xsel) when the terminal is not
  /// used; tests replace it.
  public var clipboardCommand: @Sendable (String) -> ClipboardCommandResult = { ClipboardCommand.copy($0) }
  /// The environment read for the clipboard choice (TERM, GLOSS_CLIPBOARD, TMUX).
  public lazy var environment = ProcessInfo.processInfo.environment
  /// The terminal being run on, for clipboard writes (OSC 52).
  weak var terminal: TerminalBackend?

  /// `keymap` nil: the built-in defaults. `open`: the article to show first (else the first).
  public init(
    library: Library, positions: ReadingPositions, store: AnnotationStore, keymap: Keymap?, size: Size,
    colors: Bool, open: LibraryEntry?, exportDirectory: URL, clock: @escaping () -> Date = { Date() }
  ) {
    self.library = library
    self.positions = positions
    self.store = store
    self.exportDirectory = exportDirectory
    self.clock = clock
    state = AppState(
      libraryPath: library.root.path, entries: library.entries.map(\.summary), size: size, keymap: keymap,
      colors: colors)
    dispatch(.annotationsReplaced(store.all))
    dispatch(.readingHistory(positions.positions.mapValues(\.updated)))
    var notes: [String] = []
    if let skipped = library.skippedSummary { notes.append(skipped + " (gloss list names them)") }
    if let reason = positions.readOnlyReason { notes.append(reason) }
    if let reason = store.readOnlyReason {
      dispatch(.saveFailed(reason: reason, pending: 0))
      notes.append("annotations cannot be saved: " + reason)
    }
    let initial = open.flatMap { entry in library.entries.firstIndex { $0.path == entry.path } }
    if let index = initial ?? (library.entries.isEmpty ? nil : 0) {
      // A very long article is shown from its first part, so the first screen paints at once;
      // the rest is read right after that paint.
      perform(openArticle(index, cursor: nil, allowPartial: true))
    }
    if !notes.isEmpty {
      dispatch(
        .notice(notes.joined(separator: "; "), isError: positions.readOnlyReason != nil || store.readOnlyReason != nil))
    }
  }

  // MARK: - The loop

  /// Sends a message through `update` and performs the effects, feeding their outcomes back
  /// until nothing is left.
  public func dispatch(_ message: Message) {
    frameAhead = nil
    var queue = [message]
    while !queue.isEmpty {
      let next = queue.removeFirst()
      for effect in state.update(next, at: clock()) {
        queue += perform(effect)
      }
    }
  }

  private func perform(_ messages: [Message]) {
    for message in messages { dispatch(message) }
  }

  /// Renders the first frame now, for `run` to draw as it is if nothing changes before: the
  /// reader renders it while curses starts on another thread. (A terminal of another size
  /// than the one given at `init` is a resize, which renders again.)
  public func renderAhead() {
    frameAhead = renderFrame()
  }

  private func renderFrame() -> Grid {
    framesRendered += 1
    return render(state)
  }

  /// Runs until quit (or until a test terminal's script ends). The backend restores the
  /// terminal itself; warnings are in `exitWarnings`.
  public func run(on backend: TerminalBackend) throws {
    terminal = backend
    if backend.size != state.size { dispatch(.input(.resize(backend.size))) }
    var dirty = true
    var lastCheck = clock()
    while !quitRequested {
      if dirty {
        let frame = frameAhead ?? renderFrame()
        frameAhead = nil
        try backend.draw(frame, fullRepaint: fullRepaint)
        fullRepaint = false
        dirty = false
      }
      // Input that has arrived comes before anything else (a paste typed key by key is
      // handled whole before the next frame).
      if let event = try backend.pollEvent() {
        handleInput(event)
        dirty = true
        continue
      }
      // Between keys: the rest of a partly read article, then titles of a large library.
      if !background.isEmpty {
        if case .completeArticle(let path) = background.removeFirst() { perform(completeArticle(path)) }
        dirty = true
        continue
      }
      if library.hasPending {
        let read = library.describePending(limit: 20)
        dispatch(.entriesRead(read.map { library.entries[$0].summary }))
        dirty = true
        continue
      }
      guard let event = try backend.nextEvent() else {
        // Nothing arrived within the poll interval: look for changes every couple of seconds.
        if clock().timeIntervalSince(lastCheck) >= 2 {
          lastCheck = clock()
          if checkWatchedArticle() { dirty = true }
        }
        continue
      }
      handleInput(event)
      dirty = true
    }
  }

  /// A key, then a look at the open article's file (so that a change shows with this key).
  private func handleInput(_ event: InputEvent) {
    dispatch(.input(event))
    if case .key = event { checkWatchedArticle() }
  }

  // MARK: - Effects

  /// Performs one effect; returns the messages that report its outcome.
  func perform(_ effect: Effect) -> [Message] {
    switch effect {
    case .quit:
      quitRequested = true
      return []
    case .redraw:
      fullRepaint = true
      return []
    case .openArticle(let index, let cursor):
      return openArticle(index, cursor: cursor, allowPartial: false)
    case .completeArticle:
      if background.contains(effect) { return [] }
      background.append(effect)
      return []
    case .savePosition(let path, let offset):
      if let problem = positions.set(offset, for: path, now: clock()) { return [.positionSaveFailed(problem)] }
      return []
    case .saveAnnotations(let upserts, let deletions):
      do {
        try store.apply(upserts: upserts, deletions: deletions, now: clock())
        return savedMessages()
      } catch {
        return [.saveFailed(reason: "\(error)", pending: state.session.save.unsaved.count)]
      }
    case .retrySave:
      do {
        try store.retrySave()
        return savedMessages()
      } catch {
        return [.saveFailed(reason: "\(error)", pending: state.session.save.unsaved.count)]
      }
    case .suggestExportPath(let articlePath):
      let name = MarkdownExport.fileName(forArticlePath: articlePath)
      return [.exportPathSuggested(exportDirectory.appendingPathComponent(name).path)]
    case .exportArticle(let path, let articlePath, let title):
      return export(to: path, articlePath: articlePath, title: title)
    case .writeRecovery:
      return writeRecovery()
    case .searchLibrary(let query):
      var messages: [Message] = []
      if library.hasPending {
        // Every article is needed: read the ones not read yet.
        messages.append(.entriesRead(library.describePending().map { library.entries[$0].summary }))
      }
      let articles = library.entries.compactMap { library.articles[$0.path] }
      let hits = LibrarySearch.search(query, articles: articles, annotations: state.annotations)
      return messages + [.searchResults(hits, query: query)]
    case .watchArticle(let path):
      watchedPath = path
      return []
    case .warnAtExit(let warning):
      if !exitWarnings.contains(warning) { exitWarnings.append(warning) }
      return []
    case .openURL, .openArticleAtAnchor, .copyToClipboard:
      return performLinkOrClipboard(effect)
    case .saveMarks(let path, let offset, let marks):
      if let problem = positions.setMarks(marks, for: path, offset: offset, now: clock()) {
        return [.positionSaveFailed("mark not saved: " + problem)]
      }
      return []
    }
  }

  /// After a successful save: the store's view when it merged changes from another process.
  private func savedMessages() -> [Message] {
    var messages: [Message] = []
    if store.lastSaveMergedOutsideChanges { messages.append(.annotationsReplaced(store.all)) }
    messages.append(.saved)
    return messages
  }

  /// Reads an article (all of it, or its first part when allowed and no remembered position
  /// lies beyond it), re-anchors its annotations and shows it.
  func openArticle(_ index: Int, cursor: Int?, allowPartial: Bool) -> [Message] {
    guard library.entries.indices.contains(index) else { return [] }
    let entry = library.entries[index]
    let saved = positions.offset(for: entry.path) ?? 0
    var messages: [Message] = []
    if let read = library.describeNow(entry.path) { messages.append(.entriesRead([library.entries[read].summary])) }
    let partialLength = library.articles[entry.path]?.scalarCount ?? 0
    if !allowPartial || saved > partialLength * 3 / 4 || (cursor ?? 0) > partialLength * 3 / 4 {
      _ = library.complete(entry.path)
    }
    guard let article = library.articles[entry.path] else {
      let reason = library.entries[index].problem ?? "the file could not be read"
      return messages + [
        .entriesRead([library.entries[index].summary]), .articleFailed(path: entry.path, reason: reason),
      ]
    }
    messages += reanchor(article)
    messages.append(
      .articleOpened(article, entryIndex: index, offset: positions.offset(for: entry.path), cursor: cursor))
    let marks = positions.marks(for: entry.path)
    if !marks.isEmpty { messages.append(.marksRead(path: entry.path, marks: marks)) }
    return messages
  }

  /// The rest of a partly read article.
  func completeArticle(_ path: String) -> [Message] {
    guard library.articles[path]?.isPartial == true, let full = library.complete(path) else { return [] }
    return reanchor(full) + [.articleCompleted(full)]
  }

  /// Re-anchors an article's annotations to its current text and writes back what moved
  /// (best effort: when the store cannot be written, they are anchored again next time).
  /// The first part of a long article is not re-anchored: an annotation beyond it would be
  /// searched for in vain (seconds, for thousands of them) and marked orphaned. The part is
  /// replaced by the whole article right after the first paint, and that is re-anchored.
  func reanchor(_ article: Article) -> [Message] {
    guard !article.isPartial else { return [] }
    let mine = state.annotations.filter { $0.article == article.path }
    guard !mine.isEmpty else { return [] }
    let changed = Anchoring.reanchoredChanges(mine, in: article)
    guard !changed.isEmpty else { return [] }
    let unsaved = state.session.save.unsaved
    if store.readOnlyReason == nil {
      try? store.apply(upserts: changed.filter { !unsaved.contains($0.id) }, deletions: [], now: clock())
    }
    return [.annotationsReanchored(changed, orphaned: changed.filter(\.isOrphaned).count)]
  }

  /// Looks at the open article's file; when it changed, reads it again. True when something
  /// was sent.
  @discardableResult
  func checkWatchedArticle() -> Bool {
    guard let path = watchedPath, library.hasChanged(path) else { return false }
    if let article = library.reload(path) {
      perform(reanchor(article) + [.articleReloaded(article)])
    } else {
      let problem = library.entries.first { $0.path == path }?.problem ?? "it cannot be read"
      dispatch(
        .notice(
          "\(path) changed on disk and cannot be read now (\(problem)) — showing the text as it was", isError: true))
    }
    return true
  }
}

import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

public enum Pane: Sendable, Equatable { case list, reader }

public enum Mode: Sendable, Equatable {
  case normal
  case help(scroll: Int)
  case prompt(Prompt)
  /// Quitting with unsaved annotations: r retries, e writes them to a file, Q quits anyway.
  case confirmQuit
  /// `f`: labels over the links on screen, waiting for the letters of one (LinkHints.swift).
  case linkHints(LinkHints)
}

/// The status line's message: a transient note, or an error, cleared by the next key.
public struct StatusLine: Sendable, Equatable {
  public private(set) var message: String?
  public private(set) var isError = false

  mutating func show(_ text: String, error: Bool) {
    message = text
    isError = error
  }

  mutating func clear() {
    message = nil
    isError = false
  }
}

/// Everything the screen shows, as a plain value made of parts with one owner each: the
/// article list, the left pane's other lists, the reader, the annotations and whether they
/// are saved, the prompt and the status line. `update(_:)` (Update.swift) is the only code
/// that changes it; it returns the effects for the app to perform.
public struct AppState: Sendable {
  public let libraryPath: String
  public internal(set) var list: ArticleList
  public internal(set) var items = ItemList()
  public internal(set) var reader: ReaderState?
  public internal(set) var session = AnnotationSession()
  public internal(set) var focus: Pane = .reader
  public internal(set) var mode: Mode = .normal
  public internal(set) var search: SearchState?
  public internal(set) var status = StatusLine()
  /// Counts, keys waiting for a second key, the table of contents (Counts.swift).
  public internal(set) var moving = MovingState()
  public internal(set) var size: Size
  /// False with NO_COLOR or a monochrome terminal: attributes only.
  public let colors: Bool
  /// Earlier texts of each kind of prompt, oldest first (Up recalls them).
  public internal(set) var promptHistory: [String: [String]] = [:]
  /// What happens when the effect under way reports back (quitting after a retried save or a
  /// recovery file).
  var quitting: QuitStep?
  /// The time of the message being handled (for annotation timestamps).
  public internal(set) var now = Date(timeIntervalSince1970: 0)
  /// The key bindings: the built-in defaults unless a keymap file gave others. (The defaults
  /// are built when first needed — the first key — rather than before the first paint.)
  public var keymap: Keymap { customKeymap ?? .defaults }
  private let customKeymap: Keymap?

  enum QuitStep: Sendable, Equatable {
    /// Quit once the retried save succeeds.
    case afterSave
    /// Quit once the recovery file is written (or could not be: a signal still ends it).
    case afterRecovery(force: Bool)
  }

  public init(libraryPath: String, entries: [ArticleSummary], size: Size, keymap: Keymap? = nil, colors: Bool = true) {
    self.libraryPath = libraryPath
    list = ArticleList(entries: entries)
    self.size = size
    customKeymap = keymap
    self.colors = colors
    if entries.isEmpty { focus = .list }
  }

  public var geometry: ScreenGeometry { ScreenGeometry(size: size, focus: focus) }

  /// The context whose bindings apply first.
  public var keyContext: KeyContext {
    if case .help = mode { return .help }
    return focus == .list ? .list : .reader
  }

  // MARK: - Views of the parts (read-only)

  public var entries: [ArticleSummary] { list.entries }
  /// The prompt being edited, if any.
  public var prompt: Prompt? {
    if case .prompt(let prompt) = mode { return prompt }
    return nil
  }
  public var promptKind: Prompt.Kind? { prompt?.kind }
  public var listOrder: [Int] { list.order }
  public var message: String? { status.message }
  public var messageIsError: Bool { status.isError }
  public var annotations: [Annotation] { session.all }
  public var leftPane: LeftPane { items.pane }
  /// The open article's annotations, in reading order (orphaned ones last).
  public var articleAnnotations: [Annotation] { session.index.all }
  public var articleIndex: ArticleAnnotations { session.index }
  public var tagCounts: [(tag: String, count: Int)] { session.tagCounts }

  /// The annotations the left pane lists in its current mode.
  public var listedAnnotations: [Annotation] {
    switch items.pane {
    case .articleAnnotations: return articleAnnotations
    case .taggedAnnotations(let tag): return AnnotationQueries.withTag(tag, in: session.all)
    case .articles, .tags, .searchResults: return []
    }
  }

  var leftPaneItemCount: Int {
    switch items.pane {
    case .articles: return list.entries.count
    case .tags: return tagCounts.count
    case .articleAnnotations, .taggedAnnotations: return listedAnnotations.count
    case .searchResults: return items.searchHits.count
    }
  }

  /// The innermost annotation containing the cursor, in the open article.
  public var annotationUnderCursor: Annotation? {
    guard let r = reader else { return nil }
    return session.index.overlapping(r.cursor..<(r.cursor + 1)).filter { $0.range.contains(r.cursor) }
      .min { $0.range.count < $1.range.count }
  }

  /// The reading position to remember for the open article.
  public var currentPosition: (path: String, offset: Int)? {
    guard let reader else { return nil }
    return (reader.article.path, reader.topOffset)
  }

  /// Rows of the list pane that show entries (one header row above them).
  var listRows: Int { max(1, geometry.bodyHeight - 1) }

  var helpPage: Int { max(1, geometry.bodyHeight - 4) }
  var maxHelpScroll: Int { max(0, HelpText.lines(for: keymap).count - helpPage) }

  mutating func setMessage(_ text: String, error: Bool) { status.show(text, error: error) }
}

import Foundation
import GlossModel
import GlossStore

/// Terminal size in cells.
public struct Size: Sendable, Equatable {
  public var width: Int
  public var height: Int
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }
}

/// Input, already decoded from the terminal.
public enum InputEvent: Sendable, Equatable {
  case key(KeyChord)
  case resize(Size)
  case mouse(MouseEvent)
  /// Ctrl-C, SIGINT, SIGTERM or SIGHUP: leave cleanly, whatever the keymap says.
  case interrupt
  case paste(String)
}

public struct MouseEvent: Sendable, Equatable {
  public enum Kind: Sendable, Equatable { case press, release, wheelUp, wheelDown }
  public var kind: Kind
  public var x: Int
  public var y: Int
  public init(kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}

/// What the run loop must do after a state change.
public enum Effect: Sendable, Equatable {
  case quit
  /// Load and show the library entry at this index.
  case openArticle(Int)
  /// Remember the reading position (Unicode scalar offset) of an article.
  case savePosition(path: String, offset: Int)
  /// Repaint the whole terminal.
  case redraw
  /// Save annotation changes (new or changed annotations, and deletions by id).
  case saveAnnotations(upserts: [Annotation], deletions: [UUID])
  /// Export the open article's annotations as Markdown to a path.
  case exportArticle(path: String)
  /// Search the whole library (the run loop has every article) and show the results.
  case searchLibrary(String)
}

public enum Pane: Sendable, Equatable { case list, reader }

/// Orders for the article list.
public enum ListSort: String, CaseIterable, Sendable {
  case file = "file name"
  case title = "title"
  case recent = "recently read"
  case annotated = "most annotated"
}

/// The article being read, with its lazy layout and the top row of the screen.
public struct ReaderState: Sendable {
  public var entryIndex: Int
  public var layout: ArticleLayout
  public var top: LayoutPosition
  /// The cursor: a Unicode scalar offset on a grapheme boundary.
  public var cursor: Int = 0
  /// Where a selection started (`v`), or nil when nothing is being selected.
  public var selectionAnchor: Int?
  public var article: Article { layout.article }
  public var navigation: TextNavigation { TextNavigation(article: layout.article) }

  /// The selected scalar range (whole grapheme clusters), if selecting.
  public var selection: Range<Int>? {
    guard let anchor = selectionAnchor else { return nil }
    let nav = navigation
    let lo = min(anchor, cursor)
    let last = max(anchor, cursor)
    // The selection takes in the whole word under its far end (as `v` then `w` does in vim).
    var hi = nav.graphemeEnd(at: last)
    if let word = nav.word(at: last), word.contains(last) { hi = max(hi, word.upperBound) }
    return lo..<max(hi, lo)
  }
}

/// The bottom-line editor (search for now).
public struct Prompt: Sendable, Equatable {
  /// What a tag or note prompt applies to.
  public enum Target: Sendable, Equatable {
    case selection(Range<Int>)
    case annotation(UUID)
  }
  public enum Kind: Sendable, Equatable {
    case search
    case tags(Target)
    case note(Target)
    case exportPath
    case listFilter
    case librarySearch
  }
  public var kind: Kind
  public var text: String = ""
  /// Cursor position in characters.
  public var cursor: Int = 0
  /// Tab completion: the partial tag being completed and which candidate is shown.
  public var completion: (partial: String, index: Int)?

  public init(kind: Kind, text: String = "") {
    self.kind = kind
    self.text = text
    cursor = text.count
  }

  public var label: String {
    switch kind {
    case .search: return "/"
    case .tags: return "tags: "
    case .note: return "note: "
    case .exportPath: return "export to: "
    case .listFilter: return "filter: "
    case .librarySearch: return "search library: "
    }
  }

  public static func == (a: Prompt, b: Prompt) -> Bool {
    a.kind == b.kind && a.text == b.text && a.cursor == b.cursor && a.completion?.partial == b.completion?.partial
      && a.completion?.index == b.completion?.index
  }
}

/// What the left pane shows.
public enum LeftPane: Sendable, Equatable {
  case articles
  /// The open article's annotations (orphaned ones in their own section).
  case articleAnnotations
  /// Choosing a tag.
  case tags
  /// Every annotation in the library with a tag.
  case taggedAnnotations(String)
  /// Matches of a library-wide search.
  case searchResults
}

/// One step of annotation history: each change's before and after (nil: absent).
public struct AnnotationChange: Sendable, Equatable {
  public var before: Annotation?
  public var after: Annotation?
}

public struct SearchState: Sendable, Equatable {
  public var pattern: String
  /// The match the reader was taken to last (scalar offsets).
  public var current: Range<Int>?
}

public enum Mode: Sendable, Equatable {
  case normal
  case help(scroll: Int)
  case prompt(Prompt)
}

/// The open article's annotations: live ones in reading order (start, then creation), then
/// orphaned ones by creation. Drawing a line asks only for the annotations that overlap it,
/// by binary search, so 10,000 highlights in one article cost nothing per frame.
public struct ArticleAnnotations: Sendable {
  public private(set) var all: [Annotation] = []
  public private(set) var liveCount = 0
  /// No live annotation is longer than this (an upper bound: kept through removals).
  private var maxSpan = 0

  init(_ mine: [Annotation]) {
    let live = mine.filter { !$0.isOrphaned }.sorted(by: ArticleAnnotations.liveOrder)
    all = live + mine.filter(\.isOrphaned).sorted(by: ArticleAnnotations.orphanOrder)
    liveCount = live.count
    maxSpan = live.lazy.map(\.range.count).max() ?? 0
  }

  static func liveOrder(_ a: Annotation, _ b: Annotation) -> Bool {
    (a.start, a.created, a.id.sortKey) < (b.start, b.created, b.id.sortKey)
  }

  static func orphanOrder(_ a: Annotation, _ b: Annotation) -> Bool {
    (a.created, a.id.sortKey) < (b.created, b.id.sortKey)
  }

  public var live: ArraySlice<Annotation> { all[..<liveCount] }

  /// Live annotations that overlap a scalar range, in reading order.
  public func overlapping(_ range: Range<Int>) -> [Annotation] {
    live.elements(overlapping: range, maxLength: maxSpan, span: \.range)
  }

  /// One annotation added, changed or removed, keeping the order without sorting again.
  mutating func replace(_ id: UUID, with new: Annotation?) {
    if let i = all.firstIndex(where: { $0.id == id }) {
      all.remove(at: i)
      if i < liveCount { liveCount -= 1 }
    }
    guard let new else { return }
    if new.isOrphaned {
      all.insert(new, at: all[liveCount...].partitioningIndex { !ArticleAnnotations.orphanOrder(new, $0) })
    } else {
      all.insert(new, at: live.partitioningIndex { ArticleAnnotations.liveOrder($0, new) })
      liveCount += 1
      maxSpan = max(maxSpan, new.range.count)
    }
  }
}

/// Lists derived from the annotations, computed once per change instead of on every key
/// and every frame. Keyed by the annotations' version and the article, so copies of a
/// state that share it never see each other's lists.
final class DerivedCache: @unchecked Sendable {
  private let lock = NSLock()
  private var key: (UUID, String)?
  private var value = ArticleAnnotations([])

  func articleAnnotations(version: UUID, path: String, compute: () -> ArticleAnnotations) -> ArticleAnnotations {
    lock.lock()
    defer { lock.unlock() }
    if let key, key.0 == version, key.1 == path { return value }
    value = compute()
    key = (version, path)
    return value
  }

  /// Takes the cached value for exactly this version and article, if there is one, leaving
  /// the cache empty (so that the caller's copy is the only one and patching it copies
  /// nothing).
  func take(version: UUID, path: String) -> ArticleAnnotations? {
    lock.lock()
    defer { lock.unlock() }
    guard let key, key.0 == version, key.1 == path else { return nil }
    let taken = value
    value = ArticleAnnotations([])
    self.key = nil
    return taken
  }

  func store(_ new: ArticleAnnotations, version: UUID, path: String) {
    lock.lock()
    defer { lock.unlock() }
    value = new
    key = (version, path)
  }
}

/// Where things are on screen for a given size.
public struct ScreenGeometry: Sendable, Equatable {
  public static let minimumWidth = 30
  public static let minimumHeight = 6
  /// Below this width one pane is shown at a time.
  public static let splitWidth = 70
  public static let maxMeasure = 78

  public var size: Size
  public var tooSmall: Bool
  public var split: Bool
  /// Rows available to the panes (all but the status line).
  public var bodyHeight: Int
  public var listX: Int
  public var listWidth: Int
  public var readerX: Int
  public var readerWidth: Int
  /// Where the text column starts, and its width (the reading measure).
  public var textX: Int
  public var textWidth: Int
  public var showsList: Bool
  public var showsReader: Bool

  public init(size: Size, focus: Pane) {
    self.size = size
    tooSmall = size.width < ScreenGeometry.minimumWidth || size.height < ScreenGeometry.minimumHeight
    split = size.width >= ScreenGeometry.splitWidth
    bodyHeight = max(1, size.height - 1)
    if split {
      listX = 0
      listWidth = min(40, max(24, size.width * 3 / 10))
      readerX = listWidth + 1
      readerWidth = size.width - readerX
      showsList = true
      showsReader = true
    } else {
      listX = 0
      listWidth = size.width
      readerX = 0
      readerWidth = size.width
      showsList = focus == .list
      showsReader = focus == .reader
    }
    textWidth = max(10, min(ScreenGeometry.maxMeasure, readerWidth - 4))
    textX = readerX + max(0, (readerWidth - textWidth) / 2)
  }
}

/// Everything the screen shows, as a plain value. `handle(_:)` is the only way it changes
/// in response to input; it returns the effects for the run loop to carry out.
public struct AppState: Sendable {
  public var libraryPath: String
  public var entries: [LibraryEntry]
  /// Position of the cursor in `listOrder` (the visible, sorted and filtered list).
  public var listCursor = 0
  public var listSort: ListSort = .file
  /// Typed with `/` in the list: narrows it to titles and file names containing the text.
  public var listFilter = ""
  /// When each article was last read (from the reading positions), for sorting.
  public var lastRead: [String: Date] = [:]
  /// Results of the last library-wide search (`S`).
  public var searchHits: [SearchHit] = []
  public var searchHitsQuery = ""
  public var listTop = 0
  public var reader: ReaderState?
  public var focus: Pane = .reader
  public var mode: Mode = .normal
  public var search: SearchState?
  /// A transient message for the status line, cleared by the next key.
  public var message: String?
  public var messageIsError = false
  public var size: Size
  /// The key bindings: the built-in defaults unless a keymap file gave others. (The defaults
  /// are built when first needed — the first key — rather than before the first paint.)
  public var keymap: Keymap {
    get { customKeymap ?? .defaults }
    set { customKeymap = newValue }
  }
  private var customKeymap: Keymap?
  /// False with NO_COLOR or a monochrome terminal: attributes only.
  public var colors: Bool
  /// Every annotation in the library (kept in step with the store by the run loop).
  public var annotations: [Annotation] = [] {
    didSet { annotationsVersion = UUID() }
  }
  /// Changes whenever `annotations` does (unique across copies of the state), so derived
  /// lists can be cached.
  public private(set) var annotationsVersion = UUID()
  let derived = DerivedCache()
  /// Why annotations cannot be changed (the store could not be read), or nil.
  public var annotationsReadOnly: String?
  public var undoStack: [[AnnotationChange]] = []
  public var redoStack: [[AnnotationChange]] = []
  public var leftPane: LeftPane = .articles
  /// Cursor and scroll of the left pane when it lists annotations or tags.
  public var itemCursor = 0
  public var itemTop = 0
  /// Where to put the cursor when the article being opened is shown (a jump from a list).
  public var pendingCursor: Int?
  /// Where a mouse drag started in the reader.
  public var dragStart: Int?
  /// The time, set by the run loop before each event (for annotation timestamps).
  public var now = Date(timeIntervalSince1970: 0)

  public init(libraryPath: String, entries: [LibraryEntry], size: Size, keymap: Keymap? = nil, colors: Bool = true) {
    self.libraryPath = libraryPath
    self.entries = entries
    self.size = size
    self.customKeymap = keymap
    self.colors = colors
    if entries.isEmpty { focus = .list }
  }

  public var geometry: ScreenGeometry { ScreenGeometry(size: size, focus: focus) }

  /// Entry indices in the order the list shows them: filtered by `listFilter` (title or
  /// path, with search folding), sorted by `listSort`.
  public var listOrder: [Int] {
    var order = Array(entries.indices)
    let filter = SearchFolding.fold(listFilter.trimmingCharacters(in: .whitespaces))
    if !filter.isEmpty {
      order = order.filter {
        !SearchFolding.occurrences(of: filter, in: SearchFolding.fold(entries[$0].title)).isEmpty
          || !SearchFolding.occurrences(of: filter, in: SearchFolding.fold(entries[$0].path)).isEmpty
      }
    }
    switch listSort {
    case .file:
      break
    case .title:
      order.sort { entries[$0].title.localizedStandardCompare(entries[$1].title) == .orderedAscending }
    case .recent:
      order.sort { (lastRead[entries[$0].path] ?? .distantPast, -$0) > (lastRead[entries[$1].path] ?? .distantPast, -$1) }
    case .annotated:
      var counts: [String: Int] = [:]
      for a in annotations { counts[a.article, default: 0] += 1 }
      order.sort { (counts[entries[$0].path] ?? 0, -$0) > (counts[entries[$1].path] ?? 0, -$1) }
    }
    return order
  }

  /// The context whose bindings apply first.
  public var keyContext: KeyContext {
    if case .help = mode { return .help }
    return focus == .list ? .list : .reader
  }

  // MARK: - Opening articles

  /// Shows an article (after the run loop loaded it), at a remembered scalar offset.
  public mutating func show(_ article: Article, entryIndex: Int, offset: Int?) {
    let layout = ArticleLayout(article: article, width: geometry.textWidth)
    var top = LayoutPosition.top
    if let offset, offset > 0 {
      top = layout.clampTop(layout.position(forScalar: min(offset, article.scalarCount)), height: geometry.bodyHeight)
    }
    reader = ReaderState(entryIndex: entryIndex, layout: layout, top: top)
    if pendingCursor == nil, var search {
      search.current = nil
      self.search = search
    }
    if let target = pendingCursor {
      pendingCursor = nil
      let snapped = reader!.navigation.snap(target)
      reader!.cursor = snapped
      revealCursor()
    } else {
      clampCursorToView()
    }
    listCursor = listOrder.firstIndex(of: entryIndex) ?? listCursor
    scrollListToCursor()
  }

  /// Replaces the open article with a fuller version of itself (same offsets), keeping the
  /// top of the screen, the cursor and the selection.
  public mutating func replaceArticle(_ article: Article) {
    guard var r = reader else { return }
    let offset = r.layout.scalarOffset(at: r.top)
    let header = r.top.block == 0 && r.top.row == 0
    let layout = ArticleLayout(article: article, width: geometry.textWidth)
    r.layout = layout
    r.top = header ? .top : layout.clampTop(layout.position(forScalar: offset), height: geometry.bodyHeight)
    reader = r
  }

  /// The reading position to remember for the open article.
  public var currentPosition: (path: String, offset: Int)? {
    guard let reader else { return nil }
    return (reader.article.path, reader.layout.scalarOffset(at: reader.top))
  }

  // MARK: - Input

  public mutating func handle(_ event: InputEvent) -> [Effect] {
    switch event {
    case .interrupt:
      return quitEffects()
    case .resize(let newSize):
      resize(to: newSize)
      return [.redraw]
    case .mouse(let mouse):
      return handleMouse(mouse)
    case .paste:
      return []
    case .key(let key):
      if case .prompt(var prompt) = mode {
        return handlePromptKey(key, prompt: &prompt)
      }
      message = nil
      messageIsError = false
      if key == .ctrl("c") { return quitEffects() }
      guard let command = keymap.command(for: key, in: keyContext) else {
        if case .help = mode { return [] }
        setMessage("\(key) does nothing here — press ? for help", error: false)
        return []
      }
      return perform(command)
    }
  }

  public mutating func perform(_ command: Command) -> [Effect] {
    if case .help(let scroll) = mode {
      switch command {
      case .lineDown: mode = .help(scroll: min(scroll + 1, maxHelpScroll))
      case .lineUp: mode = .help(scroll: max(0, scroll - 1))
      case .pageDown, .halfPageDown: mode = .help(scroll: min(scroll + helpPage, maxHelpScroll))
      case .pageUp, .halfPageUp: mode = .help(scroll: max(0, scroll - helpPage))
      case .top: mode = .help(scroll: 0)
      case .bottom: mode = .help(scroll: maxHelpScroll)
      case .help, .cancel: mode = .normal
      case .quit: return quitEffects()
      case .redraw: return [.redraw]
      default: break
      }
      return []
    }
    let height = geometry.bodyHeight
    switch command {
    case .quit:
      return quitEffects()
    case .help:
      mode = .help(scroll: 0)
    case .cancel:
      if reader?.selectionAnchor != nil {
        reader?.selectionAnchor = nil
        setMessage("selection cancelled", error: false)
      } else if search != nil {
        search = nil
        setMessage("search cleared", error: false)
      }
    case .redraw:
      return [.redraw]
    case .switchPane:
      focus = focus == .list ? .reader : .list
      if focus == .reader && reader == nil {
        focus = .list
        setMessage("no article open — choose one and press Enter", error: false)
      }
    case .search:
      mode = .prompt(Prompt(kind: .search))
    case .searchNext, .searchPrevious:
      searchAgain(forward: command == .searchNext)
    case .toggleAnnotationList:
      leftPane = leftPane == .articles ? .articleAnnotations : .articles
      itemCursor = 0
      itemTop = 0
      if leftPane == .articles { scrollListToCursor() }
      if !geometry.split { focus = .list }
    case .filterByTag:
      if tagCounts.isEmpty {
        setMessage("no tags yet — tag a highlight with t", error: false)
      } else {
        leftPane = .tags
        itemCursor = 0
        itemTop = 0
        focus = .list
      }
    case .openArticle:
      if focus == .list && leftPane != .articles { return activateItem() }
      let order = listOrder
      guard listCursor < order.count else { return [] }
      return open(entryIndex: order[listCursor])
    case .lineDown: move(by: 1)
    case .lineUp: move(by: -1)
    case .pageDown: move(by: focus == .list ? max(1, height - 2) : max(1, height))
    case .pageUp: move(by: focus == .list ? -max(1, height - 2) : -max(1, height))
    case .halfPageDown: move(by: max(1, height / 2))
    case .halfPageUp: move(by: -max(1, height / 2))
    case .top:
      if focus == .list {
        move(by: -Int.max / 2)
      } else {
        reader?.top = .top
        if let first = visibleRange?.lowerBound { reader?.cursor = first }
        clampCursorToView()
      }
    case .bottom:
      if focus == .list {
        move(by: Int.max / 2)
      } else if var r = reader {
        r.top = r.layout.bottomTop(height: height)
        let lastLine = r.layout.line(at: r.layout.end) ?? r.layout.line(at: r.layout.advance(r.layout.end, by: -1))
        if let start = lastLine?.scalarStart { r.cursor = start }
        reader = r
        clampCursorToView()
      }
    case .wordNext, .wordPrevious, .sentenceNext, .sentencePrevious, .paragraphNext, .paragraphPrevious:
      moveCursor(command)
    case .select, .selectSentence, .selectParagraph:
      select(command)
    case .highlight, .colorYellow, .colorGreen, .colorBlue, .colorPink, .colorPurple, .tag, .note,
      .deleteAnnotation, .undo, .redo, .nextAnnotation, .previousAnnotation:
      return annotate(command)
    case .searchLibrary:
      mode = .prompt(Prompt(kind: .librarySearch, text: searchHitsQuery))
    case .filterList:
      leftPane = .articles
      focus = .list
      mode = .prompt(Prompt(kind: .listFilter, text: listFilter))
    case .sortList:
      let all = ListSort.allCases
      listSort = all[(all.firstIndex(of: listSort)! + 1) % all.count]
      let current = reader?.entryIndex
      listCursor = current.flatMap { listOrder.firstIndex(of: $0) } ?? 0
      scrollListToCursor()
      setMessage("sorted by \(listSort.rawValue) — o for the next order", error: false)
    case .export:
      guard let r = reader else {
        setMessage("no article open", error: false)
        return []
      }
      let base = libraryPath.hasSuffix("/") ? libraryPath : libraryPath + "/"
      mode = .prompt(Prompt(kind: .exportPath, text: base + "exports/" + MarkdownExport.slug(r.article.path) + ".md"))
    }
    return []
  }

  /// Opens a library entry (saving the position of the article left).
  mutating func open(entryIndex: Int) -> [Effect] {
    var effects: [Effect] = []
    if reader?.entryIndex == entryIndex {
      focus = .reader
      if let target = pendingCursor {
        pendingCursor = nil
        let snapped = reader!.navigation.snap(target)
        reader?.cursor = snapped
        reader?.selectionAnchor = nil
        revealCursor()
      }
      return effects
    }
    if let position = currentPosition {
      effects.append(.savePosition(path: position.path, offset: position.offset))
    }
    effects.append(.openArticle(entryIndex))
    focus = .reader
    return effects
  }

  func quitEffects() -> [Effect] {
    var effects: [Effect] = []
    if let position = currentPosition {
      effects.append(.savePosition(path: position.path, offset: position.offset))
    }
    effects.append(.quit)
    return effects
  }

  mutating func setMessage(_ text: String, error: Bool) {
    message = text
    messageIsError = error
  }

  // MARK: - Moving

  mutating func move(by rows: Int) {
    if focus == .list {
      if leftPane == .articles {
        setListCursor(rows > Int.max / 4 ? listOrder.count - 1 : rows < -Int.max / 4 ? 0 : listCursor + rows)
      } else {
        let count = leftPaneItemCount
        guard count > 0 else { return }
        itemCursor = rows > Int.max / 4 ? count - 1 : rows < -Int.max / 4 ? 0 : min(max(0, itemCursor + rows), count - 1)
        scrollItemsToCursor()
      }
      return
    }
    guard var r = reader else { return }
    let height = geometry.bodyHeight
    let target = r.layout.advance(r.top, by: rows)
    r.top = rows > 0 ? r.layout.clampTop(target, height: height) : target
    reader = r
    clampCursorToView()
  }

  /// Scalar range of the article text shown on screen.
  var visibleRange: Range<Int>? {
    guard let r = reader else { return nil }
    var first: Int?
    var last: Int?
    var position = r.top
    for row in 0..<geometry.bodyHeight {
      if row > 0 {
        let next = r.layout.advance(position, by: 1)
        if next == position { break }
        position = next
      }
      if let line = r.layout.line(at: position), let start = line.scalarStart {
        if first == nil { first = start }
        last = line.scalarEnd
      }
    }
    guard let first, let last else { return nil }
    return first..<max(first, last)
  }

  /// The cursor follows the view: when scrolling takes it off screen it moves to the
  /// nearest visible line.
  mutating func clampCursorToView() {
    guard var r = reader, let visible = visibleRange else { return }
    if r.cursor < visible.lowerBound {
      r.cursor = r.navigation.snap(visible.lowerBound)
    } else if r.cursor >= visible.upperBound {
      let lastLine = r.layout.position(forScalar: max(visible.lowerBound, visible.upperBound - 1))
      r.cursor = r.navigation.snap(r.layout.line(at: lastLine)?.scalarStart ?? visible.lowerBound)
    }
    reader = r
  }

  /// The view follows the cursor: scroll just enough to show it.
  mutating func revealCursor() {
    guard var r = reader else { return }
    let height = geometry.bodyHeight
    let cursorRow = r.layout.position(forScalar: r.cursor)
    if let visible = visibleRange, visible.contains(r.cursor) || (visible.isEmpty && visible.lowerBound == r.cursor) {
      return
    }
    if cursorRow < r.top {
      r.top = cursorRow
    } else {
      r.top = r.layout.clampTop(r.layout.advance(cursorRow, by: -(height - 1)), height: height)
    }
    reader = r
  }

  mutating func moveCursor(_ command: Command) {
    guard var r = reader else { return }
    let nav = r.navigation
    switch command {
    case .wordNext: r.cursor = nav.nextWord(after: r.cursor)
    case .wordPrevious: r.cursor = nav.previousWord(before: r.cursor)
    case .sentenceNext: r.cursor = nav.nextSentence(after: r.cursor)
    case .sentencePrevious: r.cursor = nav.previousSentence(before: r.cursor)
    case .paragraphNext: r.cursor = nav.nextParagraph(after: r.cursor)
    case .paragraphPrevious: r.cursor = nav.previousParagraph(before: r.cursor)
    default: break
    }
    reader = r
    revealCursor()
  }

  mutating func select(_ command: Command) {
    guard var r = reader else { return }
    switch command {
    case .select:
      if r.selectionAnchor == nil {
        r.selectionAnchor = r.cursor
        setMessage("selecting — move to extend, h to highlight, Esc to cancel", error: false)
      } else {
        r.selectionAnchor = nil
      }
    case .selectSentence, .selectParagraph:
      let range = command == .selectSentence ? r.navigation.sentence(at: r.cursor) : r.navigation.paragraphRange(at: r.cursor)
      guard let range, !range.isEmpty else { return }
      r.selectionAnchor = range.lowerBound
      r.cursor = r.navigation.snap(range.upperBound - 1)
    default: break
    }
    reader = r
  }

  mutating func setListCursor(_ index: Int) {
    let count = listOrder.count
    guard count > 0 else {
      listCursor = 0
      return
    }
    listCursor = min(max(0, index), count - 1)
    scrollListToCursor()
  }

  /// Rows of the list pane that show entries (one header row above them).
  var listRows: Int { max(1, geometry.bodyHeight - 1) }

  mutating func scrollListToCursor() {
    if listCursor < listTop { listTop = listCursor }
    if listCursor >= listTop + listRows { listTop = listCursor - listRows + 1 }
    listTop = max(0, min(listTop, max(0, listOrder.count - listRows)))
  }

  mutating func resize(to newSize: Size) {
    let anchor: (offset: Int, header: Bool)? = reader.map {
      ($0.layout.scalarOffset(at: $0.top), $0.top.block == 0)
    }
    size = newSize
    scrollListToCursor()
    guard var r = reader, let anchor else { return }
    r.layout.setWidth(geometry.textWidth)
    let position = anchor.header ? LayoutPosition.top : r.layout.position(forScalar: anchor.offset)
    r.top = r.layout.clampTop(position, height: geometry.bodyHeight)
    reader = r
  }

  mutating func handleMouse(_ mouse: MouseEvent) -> [Effect] {
    let g = geometry
    guard !g.tooSmall else { return [] }
    if case .help = mode {
      switch mouse.kind {
      case .wheelDown: return perform(.lineDown)
      case .wheelUp: return perform(.lineUp)
      case .press: mode = .normal
      case .release: break
      }
      return []
    }
    let pane: Pane = g.split ? (mouse.x < g.listWidth ? .list : .reader) : focus
    switch mouse.kind {
    case .wheelDown, .wheelUp:
      let step = mouse.kind == .wheelDown ? 3 : -3
      let saved = focus
      focus = pane
      if pane == .list { setListCursor(listCursor + step / 3) } else { move(by: step) }
      focus = saved
      return []
    case .press:
      if pane == .list {
        focus = .list
        let row = mouse.y - 1
        if row >= 0 && mouse.y < g.bodyHeight {
          if leftPane == .articles {
            let index = listTop + row
            if index < listOrder.count {
              setListCursor(index)
              return perform(.openArticle)
            }
          } else {
            let index = itemTop + row / rowsPerItem
            if index < leftPaneItemCount {
              itemCursor = index
              return activateItem()
            }
          }
        }
      } else if reader != nil {
        focus = .reader
        if let offset = offset(atScreenX: mouse.x, y: mouse.y) {
          reader?.cursor = offset
          reader?.selectionAnchor = nil
          dragStart = offset
        }
      }
      return []
    case .release:
      guard pane == .reader, let start = dragStart, let end = offset(atScreenX: mouse.x, y: mouse.y) else { return [] }
      dragStart = nil
      if end != start {
        reader?.selectionAnchor = min(start, end)
        reader?.cursor = max(start, end)
      }
      return []
    }
  }

  /// The article offset shown at a screen cell (the nearest grapheme on that row).
  func offset(atScreenX x: Int, y: Int) -> Int? {
    guard let r = reader, y >= 0, y < geometry.bodyHeight else { return nil }
    let position = r.layout.advance(r.top, by: y)
    if position != r.layout.advance(r.top, by: y - 1) || y == 0 {
      guard let line = r.layout.line(at: position), let start = line.scalarStart else { return nil }
      var column = geometry.textX + DisplayWidth.of(line.prefix)
      var offset = start
      for c in line.text {
        let w = Glyph(c).width
        if x < column + w { return offset }
        column += w
        offset += c.unicodeScalars.count
      }
      return r.navigation.snap(max(start, offset - 1))
    }
    return nil
  }

  // MARK: - Search

  mutating func handlePromptKey(_ key: KeyChord, prompt: inout Prompt) -> [Effect] {
    var chars = Array(prompt.text)
    switch key {
    case .named(.esc), .ctrl("c"), .ctrl("g"):
      mode = .normal
      if case .listFilter = prompt.kind {
        listFilter = ""
        listCursor = listOrder.firstIndex(of: reader?.entryIndex ?? 0) ?? 0
        scrollListToCursor()
      }
      return []
    case .named(.enter):
      mode = .normal
      return submit(prompt)
    case .named(.tab):
      if case .tags = prompt.kind {
        complete(&prompt)
        mode = .prompt(prompt)
      }
      return []
    case .named(.backspace), .ctrl("h"):
      if prompt.cursor > 0 {
        chars.remove(at: prompt.cursor - 1)
        prompt.cursor -= 1
      } else if chars.isEmpty, case .search = prompt.kind {
        mode = .normal
        return []
      }
    case .named(.delete), .ctrl("d"):
      if prompt.cursor < chars.count { chars.remove(at: prompt.cursor) }
    case .named(.left), .ctrl("b"):
      prompt.cursor = max(0, prompt.cursor - 1)
    case .named(.right), .ctrl("f"):
      prompt.cursor = min(chars.count, prompt.cursor + 1)
    case .named(.home), .ctrl("a"):
      prompt.cursor = 0
    case .named(.end), .ctrl("e"):
      prompt.cursor = chars.count
    case .ctrl("u"):
      chars.removeFirst(prompt.cursor)
      prompt.cursor = 0
    case .ctrl("w"):
      var i = prompt.cursor
      while i > 0 && chars[i - 1] == " " { i -= 1 }
      while i > 0 && chars[i - 1] != " " { i -= 1 }
      chars.removeSubrange(i..<prompt.cursor)
      prompt.cursor = i
    case .char(let c):
      chars.insert(c, at: prompt.cursor)
      prompt.cursor += 1
    default:
      break
    }
    prompt.text = String(chars)
    prompt.completion = nil
    mode = .prompt(prompt)
    if case .listFilter = prompt.kind {
      // The list narrows as you type.
      listFilter = prompt.text
      listTop = 0
      setListCursor(0)
    }
    return []
  }

  /// Tab in the tag prompt: completes the tag being typed from the library's tags; pressing
  /// Tab again cycles through the candidates.
  mutating func complete(_ prompt: inout Prompt) {
    let text = prompt.text
    let lastComma = text.lastIndex(of: ",")
    let head = lastComma.map { String(text[...$0]) + " " } ?? ""
    let typed = String(lastComma.map { text[text.index(after: $0)...] } ?? Substring(text)).trimmingCharacters(in: .whitespaces)
    let partial = prompt.completion?.partial ?? typed
    let already = Set(Tags.parse(String(head)).map { $0.lowercased() })
    let candidates = tagCounts.map(\.tag).filter {
      $0.lowercased().hasPrefix(partial.lowercased()) && !already.contains($0.lowercased())
    }.sorted { $0.lowercased() < $1.lowercased() }
    guard !candidates.isEmpty else {
      setMessage(partial.isEmpty ? "no tags to complete yet" : "no tag starts with '\(partial)'", error: false)
      return
    }
    let index = prompt.completion.map { ($0.index + 1) % candidates.count } ?? 0
    prompt.text = head + candidates[index]
    prompt.cursor = prompt.text.count
    prompt.completion = (partial, index)
    if candidates.count > 1 {
      setMessage("\(index + 1)/\(candidates.count): " + candidates.joined(separator: ", "), error: false)
    }
  }

  mutating func submit(_ prompt: Prompt) -> [Effect] {
    switch prompt.kind {
    case .search:
      let pattern = prompt.text.isEmpty ? (search?.pattern ?? "") : prompt.text
      guard !pattern.isEmpty else { return [] }
      search = SearchState(pattern: pattern, current: nil)
      if focus == .list && reader != nil { focus = .reader }
      searchAgain(forward: true, fromTop: true)
      return []
    case .tags(let target):
      return setTags(Tags.parse(prompt.text), on: target)
    case .note(let target):
      return setNote(prompt.text, on: target)
    case .exportPath:
      let path = prompt.text.trimmingCharacters(in: .whitespaces)
      guard !path.isEmpty else { return [] }
      return [.exportArticle(path: path)]
    case .listFilter:
      listFilter = prompt.text
      if !listOrder.isEmpty { setMessage("\(listOrder.count) of \(entries.count) articles — Enter opens, Esc in the prompt clears", error: false) }
      return []
    case .librarySearch:
      let query = prompt.text.trimmingCharacters(in: .whitespaces)
      guard !query.isEmpty else { return [] }
      return [.searchLibrary(query)]
    }
  }

  mutating func searchAgain(forward: Bool, fromTop: Bool = false) {
    guard var s = search else {
      setMessage("no previous search — press / to search", error: false)
      return
    }
    guard var r = reader else {
      setMessage("no article open", error: false)
      return
    }
    let topOffset = r.layout.scalarOffset(at: r.top)
    let from: Int
    if let current = s.current, !fromTop {
      from = current.lowerBound
    } else {
      from = forward ? topOffset - 1 : topOffset
    }
    guard let found = ArticleSearch.find(s.pattern, in: r.article, from: from, forward: forward) else {
      setMessage("pattern not found: \(s.pattern)", error: true)
      s.current = nil
      search = s
      return
    }
    s.current = found.range
    search = s
    r.top = r.layout.clampTop(r.layout.position(forScalar: found.range.lowerBound), height: geometry.bodyHeight)
    r.cursor = found.range.lowerBound
    reader = r
    if found.wrapped {
      setMessage(forward ? "search hit the end, continued from the top" : "search hit the top, continued from the end", error: false)
    }
  }

  // MARK: - Help

  var helpPage: Int { max(1, geometry.bodyHeight - 4) }
  var maxHelpScroll: Int { max(0, HelpText.lines(for: keymap).count - helpPage) }
}

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
}

public struct MouseEvent: Sendable, Equatable {
  public enum Kind: Sendable, Equatable { case press, wheelUp, wheelDown }
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
}

public enum Pane: Sendable, Equatable { case list, reader }

/// The article being read, with its lazy layout and the top row of the screen.
public struct ReaderState: Sendable {
  public var entryIndex: Int
  public var layout: ArticleLayout
  public var top: LayoutPosition
  public var article: Article { layout.article }
}

/// The bottom-line editor (search for now).
public struct Prompt: Sendable, Equatable {
  public enum Kind: Sendable, Equatable { case search }
  public var kind: Kind
  public var text: String = ""
  /// Cursor position in characters.
  public var cursor: Int = 0

  public var label: String {
    switch kind {
    case .search: return "/"
    }
  }
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
  public var listCursor = 0
  public var listTop = 0
  public var reader: ReaderState?
  public var focus: Pane = .reader
  public var mode: Mode = .normal
  public var search: SearchState?
  /// A transient message for the status line, cleared by the next key.
  public var message: String?
  public var messageIsError = false
  public var size: Size
  public var keymap: Keymap
  /// False with NO_COLOR or a monochrome terminal: attributes only.
  public var colors: Bool

  public init(libraryPath: String, entries: [LibraryEntry], size: Size, keymap: Keymap = .defaults, colors: Bool = true) {
    self.libraryPath = libraryPath
    self.entries = entries
    self.size = size
    self.keymap = keymap
    self.colors = colors
    if entries.isEmpty { focus = .list }
  }

  public var geometry: ScreenGeometry { ScreenGeometry(size: size, focus: focus) }

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
    listCursor = entryIndex
    scrollListToCursor()
    if var search {
      search.current = nil
      self.search = search
    }
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
      if search != nil {
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
    case .openArticle:
      guard !entries.isEmpty else { return [] }
      var effects: [Effect] = []
      if let position = currentPosition, reader?.entryIndex != listCursor {
        effects.append(.savePosition(path: position.path, offset: position.offset))
      }
      if reader?.entryIndex == listCursor {
        focus = .reader
        return effects
      }
      effects.append(.openArticle(listCursor))
      focus = .reader
      return effects
    case .lineDown: move(by: 1)
    case .lineUp: move(by: -1)
    case .pageDown: move(by: focus == .list ? max(1, height - 2) : max(1, height))
    case .pageUp: move(by: focus == .list ? -max(1, height - 2) : -max(1, height))
    case .halfPageDown: move(by: max(1, height / 2))
    case .halfPageUp: move(by: -max(1, height / 2))
    case .top:
      if focus == .list { setListCursor(0) } else { reader?.top = .top }
    case .bottom:
      if focus == .list {
        setListCursor(entries.count - 1)
      } else if var r = reader {
        r.top = r.layout.bottomTop(height: height)
        reader = r
      }
    }
    return []
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
      setListCursor(listCursor + rows)
      return
    }
    guard var r = reader else { return }
    let height = geometry.bodyHeight
    let target = r.layout.advance(r.top, by: rows)
    r.top = rows > 0 ? r.layout.clampTop(target, height: height) : target
    reader = r
  }

  mutating func setListCursor(_ index: Int) {
    guard !entries.isEmpty else { return }
    listCursor = min(max(0, index), entries.count - 1)
    scrollListToCursor()
  }

  /// Rows of the list pane that show entries (one header row above them).
  var listRows: Int { max(1, geometry.bodyHeight - 1) }

  mutating func scrollListToCursor() {
    if listCursor < listTop { listTop = listCursor }
    if listCursor >= listTop + listRows { listTop = listCursor - listRows + 1 }
    listTop = max(0, min(listTop, max(0, entries.count - listRows)))
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
          let index = listTop + row
          if index < entries.count {
            setListCursor(index)
            return perform(.openArticle)
          }
        }
      } else if reader != nil {
        focus = .reader
      }
      return []
    }
  }

  // MARK: - Search

  mutating func handlePromptKey(_ key: KeyChord, prompt: inout Prompt) -> [Effect] {
    var chars = Array(prompt.text)
    switch key {
    case .named(.esc), .ctrl("c"), .ctrl("g"):
      mode = .normal
      return []
    case .named(.enter):
      mode = .normal
      submit(prompt)
      return []
    case .named(.backspace), .ctrl("h"):
      if prompt.cursor > 0 {
        chars.remove(at: prompt.cursor - 1)
        prompt.cursor -= 1
      } else if chars.isEmpty {
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
    mode = .prompt(prompt)
    return []
  }

  mutating func submit(_ prompt: Prompt) {
    switch prompt.kind {
    case .search:
      let pattern = prompt.text.isEmpty ? (search?.pattern ?? "") : prompt.text
      guard !pattern.isEmpty else { return }
      search = SearchState(pattern: pattern, current: nil)
      if focus == .list && reader != nil { focus = .reader }
      searchAgain(forward: true, fromTop: true)
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
    reader = r
    if found.wrapped {
      setMessage(forward ? "search hit the end, continued from the top" : "search hit the top, continued from the end", error: false)
    }
  }

  // MARK: - Help

  var helpPage: Int { max(1, geometry.bodyHeight - 4) }
  var maxHelpScroll: Int { max(0, HelpText.lines(for: keymap).count - helpPage) }
}

import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The bottom-line editor, for every prompt: search, tags, note, export path, list filter,
/// library search. Text is kept as characters so that typing and pasting cost what they
/// insert, not the length of the text (a 10 KB paste is one insertion).
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
    /// `:N`: a paragraph to go to.
    case goTo

    /// Prompts of one history share it (Up recalls earlier entries).
    var historyKey: String {
      switch self {
      case .search: return "search"
      case .tags: return "tags"
      case .note: return "note"
      case .exportPath: return "export"
      case .listFilter: return "filter"
      case .librarySearch: return "library"
      case .goTo: return "goto"
      }
    }

    /// Notes may hold several lines; every other prompt is one line.
    var allowsNewlines: Bool {
      if case .note = self { return true }
      return false
    }
  }

  /// Tab completion: the partial tag being completed and which candidate is shown.
  public struct Completion: Sendable, Equatable {
    public var partial: String
    public var index: Int
  }

  public let kind: Kind
  public private(set) var characters: [Character]
  /// Cursor position in characters.
  public private(set) var cursor: Int
  public internal(set) var completion: Completion?
  /// Which history entry is shown (nil: the text being typed).
  private var historyIndex: Int?
  private var draft: [Character] = []

  public init(kind: Kind, text: String = "") {
    self.kind = kind
    characters = Array(text)
    cursor = characters.count
  }

  public var text: String { String(characters) }

  public var label: String {
    switch kind {
    case .search: return "/"
    case .tags: return "tags: "
    case .note: return "note: "
    case .exportPath: return "export to: "
    case .listFilter: return "filter: "
    case .librarySearch: return "search library: "
    case .goTo: return ":"
    }
  }

  // MARK: - Editing

  mutating func insert(_ text: String) {
    var new = Array(text)
    if !kind.allowsNewlines {
      new = new.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" ? " " : $0 }
    } else {
      new = new.map { $0 == "\r\n" || $0 == "\r" ? "\n" : $0 }
    }
    characters.insert(contentsOf: new, at: cursor)
    cursor += new.count
    completion = nil
  }

  mutating func replaceText(_ text: String) {
    characters = Array(text)
    cursor = characters.count
  }

  /// Applies an editing key. Returns false when the key is not an editing key.
  mutating func edit(_ key: KeyChord, history: [String]) -> Bool {
    switch key {
    case .named(.backspace), .ctrl("h"):
      if cursor > 0 {
        characters.remove(at: cursor - 1)
        cursor -= 1
      }
    case .named(.delete), .ctrl("d"):
      if cursor < characters.count { characters.remove(at: cursor) }
    case .named(.left), .ctrl("b"):
      cursor = max(0, cursor - 1)
    case .named(.right), .ctrl("f"):
      cursor = min(characters.count, cursor + 1)
    case .named(.home), .ctrl("a"):
      cursor = 0
    case .named(.end), .ctrl("e"):
      cursor = characters.count
    case .ctrl("u"):
      characters.removeFirst(cursor)
      cursor = 0
    case .ctrl("k"):
      characters.removeSubrange(cursor...)
    case .ctrl("w"):
      var i = cursor
      while i > 0 && characters[i - 1].isWhitespace { i -= 1 }
      while i > 0 && !characters[i - 1].isWhitespace { i -= 1 }
      characters.removeSubrange(i..<cursor)
      cursor = i
    case .named(.up), .ctrl("p"):
      recall(older: true, history: history)
    case .named(.down), .ctrl("n"):
      recall(older: false, history: history)
    case .char(let c):
      characters.insert(c, at: cursor)
      cursor += 1
    default:
      return false
    }
    completion = nil
    return true
  }

  /// Up and Down walk the history of this kind of prompt (newest first), as in a shell.
  private mutating func recall(older: Bool, history: [String]) {
    guard !history.isEmpty else { return }
    if historyIndex == nil { draft = characters }
    var index = historyIndex.map { older ? $0 - 1 : $0 + 1 } ?? (older ? history.count - 1 : history.count)
    index = max(0, index)
    if index >= history.count {
      historyIndex = nil
      characters = draft
    } else {
      historyIndex = index
      characters = Array(history[index])
    }
    cursor = characters.count
  }

  // MARK: - Drawing

  /// The characters to draw in `room` columns so that the cursor is visible: the first index
  /// shown. Measures only what fits, not the whole text.
  public func firstVisible(room: Int) -> Int {
    var used = cursor < characters.count ? Glyph(characters[cursor]).width : 1
    var start = cursor
    while start > 0 {
      let w = Glyph(characters[start - 1]).width
      if used + w > room - 1 { break }
      used += w
      start -= 1
    }
    return start
  }
}

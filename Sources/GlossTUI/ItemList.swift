import GlossModel

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

/// The left pane when it lists something other than articles: which list, its cursor and
/// scroll, and the results of the last library-wide search.
public struct ItemList: Sendable {
  public private(set) var pane: LeftPane = .articles
  public private(set) var cursor = 0
  public private(set) var top = 0
  /// Results of the last library-wide search (`S`).
  public private(set) var searchHits: [SearchHit] = []
  public private(set) var searchQuery = ""

  /// Annotation and search items take two rows; tags one.
  public var rowsPerItem: Int {
    switch pane {
    case .articleAnnotations, .taggedAnnotations, .searchResults: return 2
    case .articles, .tags: return 1
    }
  }

  mutating func show(_ pane: LeftPane) {
    self.pane = pane
    cursor = 0
    top = 0
  }

  mutating func setSearchResults(_ hits: [SearchHit], query: String) {
    searchHits = hits
    searchQuery = query
  }

  /// Moves the cursor by `rows` items (clamped), scrolling to keep it visible.
  mutating func move(by rows: Int, count: Int, bodyHeight: Int) {
    guard count > 0 else { return }
    let target = rows > Int.max / 4 ? count - 1 : rows < -Int.max / 4 ? 0 : cursor + rows
    cursor = min(max(0, target), count - 1)
    scrollToCursor(count: count, bodyHeight: bodyHeight)
  }

  mutating func setCursor(_ index: Int, count: Int, bodyHeight: Int) {
    cursor = min(max(0, index), max(0, count - 1))
    scrollToCursor(count: count, bodyHeight: bodyHeight)
  }

  /// Keeps the cursor on an item after the list shrank.
  mutating func clamp(count: Int, bodyHeight: Int) {
    cursor = min(cursor, max(0, count - 1))
    scrollToCursor(count: count, bodyHeight: bodyHeight)
  }

  mutating func scrollToCursor(count: Int, bodyHeight: Int) {
    // The annotation list may show two more rows: the orphaned section's heading and help.
    let reserved = pane == .articleAnnotations ? 2 : 0
    let visible = max(1, (bodyHeight - 1 - reserved) / rowsPerItem)
    if cursor < top { top = cursor }
    if cursor >= top + visible { top = cursor - visible + 1 }
    top = max(0, min(top, max(0, count - visible)))
  }
}

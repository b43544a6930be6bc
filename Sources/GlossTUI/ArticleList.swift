import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Orders for the article list.
public enum ListSort: String, CaseIterable, Sendable {
  case file = "file name"
  case title = "title"
  case recent = "recently read"
  case annotated = "most annotated"
}

/// The article list of the left pane: the library's entries, the visible order (filtered
/// and sorted, kept up to date on each change rather than computed per frame), its cursor
/// and scroll.
public struct ArticleList: Sendable {
  public private(set) var entries: [ArticleSummary]
  /// Entry indices in the order the list shows them.
  public private(set) var order: [Int]
  /// Position of the cursor in `order`.
  public private(set) var cursor = 0
  /// The first visible position of `order`.
  public private(set) var top = 0
  public private(set) var sort: ListSort = .file
  /// Typed with `/`: narrows the list to titles and file names containing the text.
  public private(set) var filter = ""
  /// When each article was last read, for sorting.
  public private(set) var lastRead: [String: Date] = [:]
  /// Annotations per article, for the "most annotated" order.
  private var annotationCounts: [String: Int] = [:]
  /// Each entry's index by path (entries keep their index: the background reading of a large
  /// library finds each in constant time).
  private let indexByPath: [String: Int]

  public init(entries: [ArticleSummary]) {
    self.entries = entries
    order = Array(entries.indices)
    indexByPath = Dictionary(entries.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The entry under the cursor, if any.
  public var entryIndexAtCursor: Int? { cursor < order.count ? order[cursor] : nil }

  public func index(ofPath path: String) -> Int? { indexByPath[path] }

  // MARK: - Changes

  /// Titles and word counts read since (an entry keeps its index; found by path).
  mutating func merge(_ read: [ArticleSummary]) {
    var changed = false
    for entry in read {
      guard let i = index(ofPath: entry.path), entries[i] != entry else { continue }
      entries[i] = entry
      changed = true
    }
    if changed && (sort == .title || !filter.isEmpty) { reorder(keeping: entryIndexAtCursor) }
  }

  mutating func setWordCount(path: String, words: Int) {
    guard let i = index(ofPath: path) else { return }
    entries[i].wordCount = words
    entries[i].wordCountIsEstimate = false
  }

  mutating func setLastRead(_ dates: [String: Date]) {
    lastRead = dates
    if sort == .recent { reorder(keeping: entryIndexAtCursor) }
  }

  mutating func markRead(_ path: String, at date: Date) {
    lastRead[path] = date
    if sort == .recent { reorder(keeping: entryIndexAtCursor) }
  }

  mutating func setAnnotationCounts(_ counts: [String: Int]) {
    annotationCounts = counts
    if sort == .annotated { reorder(keeping: entryIndexAtCursor) }
  }

  /// The next order (with the annotation counts it may need), keeping the cursor on an entry.
  mutating func cycleSort(keeping entryIndex: Int?, annotationCounts counts: [String: Int]) {
    let all = ListSort.allCases
    let i = all.firstIndex(of: sort) ?? 0
    sort = all[(i + 1) % all.count]
    annotationCounts = counts
    reorder(keeping: entryIndex)
  }

  mutating func setSort(_ new: ListSort) {
    sort = new
    reorder(keeping: entryIndexAtCursor)
  }

  /// Narrows the list as the filter is typed (the cursor goes to the first match).
  mutating func setFilter(_ text: String, rows: Int) {
    filter = text
    reorder(keeping: nil)
    top = 0
    moveCursor(to: 0, rows: rows)
  }

  /// Clears the filter, putting the cursor back on an entry (the open article).
  mutating func clearFilter(keeping entryIndex: Int?, rows: Int) {
    filter = ""
    reorder(keeping: entryIndex)
    scrollToCursor(rows: rows)
  }

  mutating func moveCursor(to position: Int, rows: Int) {
    cursor = order.isEmpty ? 0 : min(max(0, position), order.count - 1)
    scrollToCursor(rows: rows)
  }

  /// Puts the cursor on an entry, when the list shows it.
  mutating func select(entryIndex: Int, rows: Int) {
    if let position = order.firstIndex(of: entryIndex) { cursor = position }
    scrollToCursor(rows: rows)
  }

  mutating func scrollToCursor(rows: Int) {
    if cursor < top { top = cursor }
    if cursor >= top + rows { top = cursor - rows + 1 }
    top = max(0, min(top, max(0, order.count - rows)))
  }

  private mutating func reorder(keeping entryIndex: Int?) {
    var order = Array(entries.indices)
    let folded = SearchFolding.fold(TextScan.trimmed(filter))
    if !folded.isEmpty {
      order = order.filter {
        !SearchFolding.occurrences(of: folded, in: SearchFolding.fold(entries[$0].title)).isEmpty
          || !SearchFolding.occurrences(of: folded, in: SearchFolding.fold(entries[$0].path)).isEmpty
      }
    }
    switch sort {
    case .file:
      break
    case .title:
      TextOrder.sort(&order) { entries[$0].title }
    case .recent:
      let dates = entries.map { lastRead[$0.path] ?? .distantPast }
      order.sort { (dates[$0], -$0) > (dates[$1], -$1) }
    case .annotated:
      let counts = entries.map { annotationCounts[$0.path] ?? 0 }
      order.sort { (counts[$0], -$0) > (counts[$1], -$1) }
    }
    self.order = order
    if let entryIndex, let position = order.firstIndex(of: entryIndex) {
      cursor = position
    } else {
      cursor = min(cursor, max(0, order.count - 1))
    }
  }
}

import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

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
    all = live + mine.filter { $0.isOrphaned }.sorted(by: ArticleAnnotations.orphanOrder)
    liveCount = live.count
    maxSpan = live.lazy.map { $0.range.count }.max() ?? 0
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
    live.elements(overlapping: range, maxLength: maxSpan) { $0.range }
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

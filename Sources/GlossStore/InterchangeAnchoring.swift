import Dispatch
import GlossModel
import Synchronization

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Import, continued: the annotation each incoming item makes, and anchoring them on every
/// core before `merge` takes them in order.
extension Interchange {
  /// A position without a quote (W3C TextPositionSelector, `#char=`): the quote is the
  /// article's text there.
  static func fillQuote(_ item: inout Incoming, articles: [String: Article], now: Date) throws {
    guard item.quote.isEmpty else { return }
    guard let article = articles[item.article], let start = item.start, let end = item.end, start < end,
      end <= article.scalarCount
    else {
      throw ImportError(
        description: "an annotation on \(item.article) has only a position, and that text is not in the "
          + "library; nothing was imported")
    }
    let made = Annotation(article: article, range: start..<end, now: now)
    (item.quote, item.prefix, item.suffix) = (made.quote, made.prefix, made.suffix)
  }

  /// The annotation an item makes, before it is anchored (records without an id, from other
  /// tools, take the id of the annotation with their quote, or a new one).
  static func unanchored(_ item: Incoming, id: UUID, existing: Annotation?, now: Date) -> Annotation {
    Annotation(
      id: id, article: item.article, start: item.start ?? -1, end: item.end ?? -1, quote: item.quote,
      prefix: item.prefix, suffix: item.suffix, color: item.color ?? existing?.color ?? .yellow, tags: item.tags,
      note: item.note, created: item.created ?? existing?.created ?? now,
      modified: item.modified ?? existing?.modified ?? now, anchor: .exact)
  }

  /// From this many annotations an import anchors them on every core first.
  static let parallelThreshold = 64

  /// Each item anchored against the store as it was before the import, on every core (a few
  /// quotes of thousands cost a search of the whole article each, and one quote's anchoring
  /// does not depend on another's): the annotation before and after, by the item's index.
  /// `merge` takes an item's result when the annotation it makes is the one anchored here (an
  /// earlier item of the same import with the same id or quote can change that, and an item
  /// whose position's quote is the article's text there: then it anchors again), so the result is
  /// the same as anchoring one by one.
  static func anchorAll(
    _ incoming: [Incoming], texts: [String: AnchorText], now: Date, threads: Int, existing: (Incoming) -> Annotation?
  ) -> [Int: (before: Annotation, after: Annotation)] {
    guard incoming.count >= parallelThreshold, threads > 1 else { return [:] }
    // The inputs first, on this thread (`existing` reads the store's state, which stays here).
    // Anchoring does not look at the id: a record without one gets its new id in `merge`.
    let placeholder = UUID()
    let work = incoming.enumerated().compactMap { i, item -> (Int, Annotation, AnchorText)? in
      guard !item.quote.isEmpty, let text = texts[item.article] else { return nil }
      let known = existing(item)
      return (i, unanchored(item, id: known?.id ?? item.id ?? placeholder, existing: known, now: now), text)
    }
    let results = Mutex<[Int: (before: Annotation, after: Annotation)]>([:])
    let next = Atomic<Int>(0)
    let chunk = 4
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      var mine: [(Int, Annotation, Annotation)] = []
      while true {
        let first = next.wrappingAdd(chunk, ordering: .relaxed).oldValue
        guard first < work.count else { break }
        for (i, annotation, text) in work[first..<min(work.count, first + chunk)] {
          mine.append((i, annotation, Anchoring.reanchored(annotation, in: text)))
        }
      }
      results.withLock { all in
        for (i, before, after) in mine { all[i] = (before, after) }
      }
    }
    return results.withLock { $0 }
  }
}

extension Annotation {
  /// The same annotation with another id (an import's early anchoring is compared, and taken,
  /// whatever id the record turns out to get).
  func identified(as id: UUID) -> Annotation {
    var copy = self
    copy.id = id
    return copy
  }
}

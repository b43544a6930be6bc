import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One step of annotation history: each change's before and after (nil: absent).
public struct AnnotationChange: Sendable, Equatable {
  public var before: Annotation?
  public var after: Annotation?
}

/// Whether what the user made is on disk: nothing pending, or how many changes are kept in
/// memory only and why the last save failed.
public struct SaveStatus: Sendable, Equatable {
  /// Annotations changed (made, edited or deleted) since the last successful save.
  public private(set) var unsaved: Set<UUID> = []
  /// Why the last save failed (nil when it succeeded or none was tried).
  public private(set) var failure: String?

  public var isClean: Bool { unsaved.isEmpty }

  mutating func changed(_ ids: [UUID]) { unsaved.formUnion(ids) }

  mutating func saved() {
    unsaved = []
    failure = nil
  }

  mutating func failed(_ reason: String) { failure = reason }
}

/// Every annotation in the library, the open article's annotations indexed for drawing, the
/// undo and redo history, and whether the changes are saved. The index is a value patched
/// on each change (one highlight among 10,000 costs no re-sort).
public struct AnnotationSession: Sendable {
  public private(set) var all: [Annotation] = []
  /// The open article's annotations, indexed (empty when no article is open).
  public private(set) var index = ArticleAnnotations([])
  /// The article `index` is for.
  public private(set) var indexedPath: String?
  public private(set) var undoStack: [[AnnotationChange]] = []
  public private(set) var redoStack: [[AnnotationChange]] = []
  public private(set) var save = SaveStatus()

  init(_ annotations: [Annotation] = []) {
    all = annotations
  }

  /// Indexes the annotations of the article now open.
  mutating func focus(on path: String?) {
    indexedPath = path
    index = ArticleAnnotations(path.map { p in all.filter { $0.article == p } } ?? [])
  }

  /// Replaces every annotation (the store's view after a merge or at start-up). Changes not
  /// yet saved stay as they are in memory.
  mutating func replaceAll(_ annotations: [Annotation]) {
    if save.isClean {
      all = annotations
    } else {
      // Changes not yet on disk win over the store's view: they are what the user did last.
      let mine = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      var merged = annotations.filter { !save.unsaved.contains($0.id) }
      merged += save.unsaved.compactMap { mine[$0] }
      all = merged
    }
    focus(on: indexedPath)
  }

  /// Annotations moved by re-anchoring (positions, orphaned).
  mutating func update(_ changed: [Annotation]) {
    let byID = Dictionary(changed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    all = all.map { byID[$0.id] ?? $0 }
    focus(on: indexedPath)
  }

  /// Applies changes, patching the index; returns the upserts and deletions to save.
  mutating func apply(_ changes: [(from: Annotation?, to: Annotation?)]) -> (upserts: [Annotation], deletions: [UUID]) {
    var upserts: [Annotation] = []
    var deletions: [UUID] = []
    for change in changes {
      if let to = change.to {
        if let i = all.firstIndex(where: { $0.id == to.id }) { all[i] = to } else { all.append(to) }
        upserts.append(to)
        index.replace(to.id, with: to.article == indexedPath ? to : nil)
      } else if let from = change.from {
        all.removeAll { $0.id == from.id }
        deletions.append(from.id)
        index.replace(from.id, with: nil)
      }
    }
    save.changed(upserts.map(\.id) + deletions)
    return (upserts, deletions)
  }

  /// Records a step for undo (clearing redo).
  mutating func record(_ step: [AnnotationChange]) {
    undoStack.append(step)
    redoStack.removeAll()
  }

  /// Takes the step to undo (or redo), moving it to the other stack.
  mutating func popStep(forward: Bool) -> [AnnotationChange]? {
    guard let step = forward ? redoStack.popLast() : undoStack.popLast() else { return nil }
    if forward { undoStack.append(step) } else { redoStack.append(step) }
    return step
  }

  mutating func saved() { save.saved() }
  mutating func saveFailed(_ reason: String) { save.failed(reason) }

  /// Tags in the library with their counts, most used first.
  public var tagCounts: [(tag: String, count: Int)] { AnnotationQueries.tagCounts(all) }

  /// Annotations per article.
  public var countsByArticle: [String: Int] {
    var counts: [String: Int] = [:]
    for a in all { counts[a.article, default: 0] += 1 }
    return counts
  }
}

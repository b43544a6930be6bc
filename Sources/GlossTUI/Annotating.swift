import Foundation
import GlossModel

/// Annotation commands: highlight, colour, tag, note, delete, undo/redo, jumps, and the
/// annotation and tag lists of the left pane.
extension AppState {
  /// The open article's annotations, in reading order (orphaned ones last).
  public var articleAnnotations: [Annotation] { articleIndex.all }

  /// The open article's annotations, indexed for drawing.
  public var articleIndex: ArticleAnnotations {
    guard let path = reader?.article.path else { return ArticleAnnotations([]) }
    return derived.articleAnnotations(version: annotationsVersion, path: path) {
      ArticleAnnotations(annotations.filter { $0.article == path })
    }
  }

  /// Tags in the library with their counts, most used first.
  public var tagCounts: [(tag: String, count: Int)] {
    var counts: [String: (tag: String, count: Int)] = [:]
    for annotation in annotations {
      for tag in annotation.tags {
        let key = tag.lowercased()
        counts[key] = (counts[key]?.tag ?? tag, (counts[key]?.count ?? 0) + 1)
      }
    }
    return counts.values.sorted { ($1.count, $0.tag.lowercased()) < ($0.count, $1.tag.lowercased()) }
  }

  /// The annotations the left pane lists in its current mode.
  public var listedAnnotations: [Annotation] {
    switch leftPane {
    case .articleAnnotations:
      return articleAnnotations
    case .taggedAnnotations(let tag):
      return annotations.filter { $0.tags.contains { $0.lowercased() == tag.lowercased() } }
        .sorted { ($0.article, $0.start) < ($1.article, $1.start) }
    case .articles, .tags, .searchResults:
      return []
    }
  }

  var leftPaneItemCount: Int {
    switch leftPane {
    case .articles: return entries.count
    case .tags: return tagCounts.count
    case .articleAnnotations, .taggedAnnotations: return listedAnnotations.count
    case .searchResults: return searchHits.count
    }
  }

  /// Annotation items take two rows (quote; tags and note); tags one.
  var rowsPerItem: Int {
    switch leftPane {
    case .articleAnnotations, .taggedAnnotations, .searchResults: return 2
    default: return 1
    }
  }

  mutating func scrollItemsToCursor() {
    let visible = max(1, (geometry.bodyHeight - 1) / rowsPerItem)
    if itemCursor < itemTop { itemTop = itemCursor }
    if itemCursor >= itemTop + visible { itemTop = itemCursor - visible + 1 }
    itemTop = max(0, min(itemTop, max(0, leftPaneItemCount - visible)))
  }

  /// Enter on a tag or an annotation in the left pane.
  mutating func activateItem() -> [Effect] {
    switch leftPane {
    case .tags:
      let tags = tagCounts
      guard itemCursor < tags.count else { return [] }
      leftPane = .taggedAnnotations(tags[itemCursor].tag)
      itemCursor = 0
      itemTop = 0
      return []
    case .articleAnnotations, .taggedAnnotations:
      let items = listedAnnotations
      guard itemCursor < items.count else { return [] }
      let annotation = items[itemCursor]
      if annotation.isOrphaned {
        setMessage("orphaned: “\(annotation.quote.prefix(40))” is no longer in the article", error: false)
        return []
      }
      guard let index = entries.firstIndex(where: { $0.path == annotation.article }) else {
        setMessage("\(annotation.article) is not in the library", error: true)
        return []
      }
      pendingCursor = annotation.start
      listCursor = listOrder.firstIndex(of: index) ?? listCursor
      return open(entryIndex: index)
    case .searchResults:
      guard itemCursor < searchHits.count else { return [] }
      let hit = searchHits[itemCursor]
      guard let index = entries.firstIndex(where: { $0.path == hit.article }) else { return [] }
      pendingCursor = hit.start
      if hit.kind == .text {
        // The match is highlighted, and n/N go on from it.
        search = SearchState(pattern: searchHitsQuery, current: hit.start..<hit.end)
      }
      listCursor = listOrder.firstIndex(of: index) ?? listCursor
      return open(entryIndex: index)
    case .articles:
      return []
    }
  }

  /// Shows the results of a library-wide search (computed by the run loop).
  public mutating func showSearchResults(_ hits: [SearchHit], query: String) {
    searchHits = hits
    searchHitsQuery = query
    guard !hits.isEmpty else {
      setMessage("no matches for “\(query)” in the library", error: true)
      return
    }
    leftPane = .searchResults
    itemCursor = 0
    itemTop = 0
    focus = .list
    let articles = Set(hits.map(\.article)).count
    setMessage("\(hits.count) match\(hits.count == 1 ? "" : "es") in \(articles) article\(articles == 1 ? "" : "s") — Enter opens", error: false)
  }

  /// The innermost annotation containing the cursor, in the open article.
  public var annotationUnderCursor: Annotation? {
    guard let r = reader else { return nil }
    return articleIndex.overlapping(r.cursor..<(r.cursor + 1)).filter { $0.range.contains(r.cursor) }
      .min { $0.range.count < $1.range.count }
  }

  // MARK: - Commands

  mutating func annotate(_ command: Command) -> [Effect] {
    guard let r = reader else {
      setMessage("no article open", error: false)
      return []
    }
    switch command {
    case .nextAnnotation, .previousAnnotation:
      let live = articleAnnotations.filter { !$0.isOrphaned }
      let target = command == .nextAnnotation
        ? live.first { $0.start > r.cursor }
        : live.last { $0.start < r.cursor && !$0.range.contains(r.cursor) } ?? live.last { $0.start < r.cursor }
      guard let target else {
        setMessage(live.isEmpty ? "no highlights in this article" : (command == .nextAnnotation ? "no more highlights below" : "no more highlights above"), error: false)
        return []
      }
      reader?.cursor = target.start
      reader?.selectionAnchor = nil
      revealCursor()
      let index = live.firstIndex(of: target)! + 1
      setMessage("highlight \(index) of \(live.count)" + (target.tags.isEmpty ? "" : "  " + hashTags(target.tags)), error: false)
      return []
    case .undo:
      return undo()
    case .redo:
      return redo()
    default:
      break
    }
    if let reason = annotationsReadOnly {
      setMessage("annotations are read-only: \(reason)", error: true)
      return []
    }
    switch command {
    case .highlight:
      let range = r.selection ?? r.navigation.sentence(at: r.cursor)
      guard let range, !range.isEmpty else {
        setMessage("nothing to highlight here", error: false)
        return []
      }
      let annotation = Annotation(article: r.article, range: range, now: now)
      reader?.selectionAnchor = nil
      reader?.cursor = range.lowerBound
      let n = annotation.wordCount
      setMessage("highlighted \(n) word\(n == 1 ? "" : "s") — t tag, a note, 1–5 colour, u undo", error: false)
      return commit([AnnotationChange(before: nil, after: annotation)])
    case .colorYellow, .colorGreen, .colorBlue, .colorPink, .colorPurple:
      let color = command.color!
      if let selection = r.selection, !selection.isEmpty {
        let annotation = Annotation(article: r.article, range: selection, color: color, now: now)
        reader?.selectionAnchor = nil
        reader?.cursor = selection.lowerBound
        setMessage("highlighted \(annotation.wordCount) words in \(color.rawValue)", error: false)
        return commit([AnnotationChange(before: nil, after: annotation)])
      }
      guard var annotation = annotationUnderCursor else {
        setMessage("nothing to colour — select text (v) or move onto a highlight", error: false)
        return []
      }
      let before = annotation
      annotation.color = color
      annotation.modified = now
      setMessage("colour set to \(color.rawValue)", error: false)
      return commit([AnnotationChange(before: before, after: annotation)])
    case .tag, .note:
      let target: Prompt.Target
      var existing = ""
      if let selection = r.selection, !selection.isEmpty {
        target = .selection(selection)
      } else if let annotation = annotationUnderCursor {
        target = .annotation(annotation.id)
        existing = command == .tag ? annotation.tags.joined(separator: ", ") : annotation.note
      } else {
        setMessage("nothing to \(command == .tag ? "tag" : "annotate") — select text (v) or move onto a highlight", error: false)
        return []
      }
      mode = .prompt(Prompt(kind: command == .tag ? .tags(target) : .note(target), text: existing))
      return []
    case .deleteAnnotation:
      guard let annotation = annotationUnderCursor else {
        setMessage("no highlight under the cursor", error: false)
        return []
      }
      setMessage("deleted — u to undo", error: false)
      return commit([AnnotationChange(before: annotation, after: nil)])
    default:
      return []
    }
  }

  func hashTags(_ tags: [String]) -> String {
    tags.map { "#" + $0 }.joined(separator: " ")
  }

  mutating func setTags(_ tags: [String], on target: Prompt.Target) -> [Effect] {
    switch target {
    case .selection(let range):
      guard let article = reader?.article else { return [] }
      let annotation = Annotation(article: article, range: range, tags: tags, now: now)
      reader?.selectionAnchor = nil
      reader?.cursor = range.lowerBound
      setMessage(tags.isEmpty ? "highlighted" : "tagged \(hashTags(tags))", error: false)
      return commit([AnnotationChange(before: nil, after: annotation)])
    case .annotation(let id):
      guard var annotation = annotations.first(where: { $0.id == id }) else { return [] }
      let before = annotation
      annotation.tags = Tags.normalized(tags)
      guard annotation.tags != before.tags else { return [] }
      annotation.modified = now
      setMessage(tags.isEmpty ? "tags removed" : "tagged \(hashTags(annotation.tags))", error: false)
      return commit([AnnotationChange(before: before, after: annotation)])
    }
  }

  mutating func setNote(_ note: String, on target: Prompt.Target) -> [Effect] {
    let note = note.trimmingCharacters(in: .whitespaces)
    switch target {
    case .selection(let range):
      guard let article = reader?.article else { return [] }
      let annotation = Annotation(article: article, range: range, note: note, now: now)
      reader?.selectionAnchor = nil
      reader?.cursor = range.lowerBound
      setMessage("note saved", error: false)
      return commit([AnnotationChange(before: nil, after: annotation)])
    case .annotation(let id):
      guard var annotation = annotations.first(where: { $0.id == id }) else { return [] }
      guard annotation.note != note else { return [] }
      let before = annotation
      annotation.note = note
      annotation.modified = now
      setMessage(note.isEmpty ? "note removed" : "note saved", error: false)
      return commit([AnnotationChange(before: before, after: annotation)])
    }
  }

  // MARK: - History

  /// Applies one step of changes to the state, records it for undo, and asks to save it.
  mutating func commit(_ changes: [AnnotationChange]) -> [Effect] {
    undoStack.append(changes)
    redoStack.removeAll()
    return apply(changes.map { ($0.before, $0.after) })
  }

  mutating func apply(_ changes: [(from: Annotation?, to: Annotation?)]) -> [Effect] {
    var upserts: [Annotation] = []
    var deletions: [UUID] = []
    // The open article's index is patched, not rebuilt (one highlight among 10,000).
    let path = reader?.article.path
    var index = path.flatMap { derived.take(version: annotationsVersion, path: $0) }
    var all = annotations
    annotations = []  // no second reference while editing: no copy of the array
    for change in changes {
      if let to = change.to {
        all.removeAll { $0.id == to.id }
        all.append(to)
        upserts.append(to)
        index?.replace(to.id, with: to.article == path ? to : nil)
      } else if let from = change.from {
        all.removeAll { $0.id == from.id }
        deletions.append(from.id)
        index?.replace(from.id, with: nil)
      }
    }
    annotations = all
    if let index, let path { derived.store(index, version: annotationsVersion, path: path) }
    if leftPane != .articles { itemCursor = min(itemCursor, max(0, leftPaneItemCount - 1)) }
    return [.saveAnnotations(upserts: upserts, deletions: deletions)]
  }

  mutating func undo() -> [Effect] { replay(forward: false) }
  mutating func redo() -> [Effect] { replay(forward: true) }

  /// Undo (restore each change's `before`, last change first) or redo (its `after`), moving
  /// the step to the other stack. Restored versions get a new `modified`, so that merges with
  /// the store keep them.
  mutating func replay(forward: Bool) -> [Effect] {
    if let reason = annotationsReadOnly {
      setMessage("annotations are read-only: \(reason)", error: true)
      return []
    }
    guard let step = forward ? redoStack.popLast() : undoStack.popLast() else {
      setMessage(forward ? "nothing to redo" : "nothing to undo", error: false)
      return []
    }
    if forward { undoStack.append(step) } else { redoStack.append(step) }
    let ordered = forward ? step : step.reversed()
    let restored = ordered.map { change -> (Annotation?, Annotation?) in
      var target = forward ? change.after : change.before
      target?.modified = now
      return (forward ? change.before : change.after, target)
    }
    let first = step.first
    if let shown = forward ? (first?.after ?? first?.before) : (first?.before ?? first?.after) { reader?.cursor = shown.start }
    setMessage(forward ? "redone" : "undone (\(undoStack.count) more)", error: false)
    return apply(restored)
  }
}

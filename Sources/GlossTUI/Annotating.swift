import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Annotation commands: highlight, colour, tag, note, delete, undo/redo, jumps, and the
/// annotation and tag lists of the left pane.
extension AppState {
  /// Enter on a tag, an annotation or a search hit in the left pane.
  mutating func activateItem() -> [Effect] {
    switch items.pane {
    case .tags:
      let tags = tagCounts
      guard items.cursor < tags.count else { return [] }
      items.show(.taggedAnnotations(tags[items.cursor].tag))
      return []
    case .articleAnnotations, .taggedAnnotations:
      let listed = listedAnnotations
      guard items.cursor < listed.count else { return [] }
      let annotation = listed[items.cursor]
      if annotation.isOrphaned {
        setMessage(
          "orphaned: “\(annotation.quote.prefix(40))” is not found in the text — d deletes, y copies the quote",
          error: false)
        return []
      }
      guard let index = list.index(ofPath: annotation.article) else {
        setMessage("\(annotation.article) is not in the library", error: true)
        return []
      }
      list.select(entryIndex: index, rows: listRows)
      return open(entryIndex: index, cursor: annotation.start)
    case .searchResults:
      guard items.cursor < items.searchHits.count else { return [] }
      let hit = items.searchHits[items.cursor]
      guard let index = list.index(ofPath: hit.article) else { return [] }
      if hit.kind == .text {
        // The match is highlighted, and n/N go on from it.
        search = SearchState(pattern: items.searchQuery, current: hit.start..<hit.end)
      }
      list.select(entryIndex: index, rows: listRows)
      return open(entryIndex: index, cursor: hit.start)
    case .articles:
      return []
    }
  }

  /// Shows the results of a library-wide search.
  mutating func showSearchResults(_ hits: [SearchHit], query: String) {
    items.setSearchResults(hits, query: query)
    guard !hits.isEmpty else {
      setMessage("no matches for “\(query)” in the library", error: true)
      return
    }
    items.show(.searchResults)
    focus = .list
    let articles = Set(hits.map(\.article)).count
    let es = hits.count == 1 ? "" : "es"
    let s = articles == 1 ? "" : "s"
    setMessage("\(hits.count) match\(es) in \(articles) article\(s) — Enter opens", error: false)
  }

  // MARK: - Commands

  mutating func annotate(_ command: Command) -> [Effect] {
    guard let r = reader else {
      setMessage("no article open", error: false)
      return []
    }
    let height = geometry.bodyHeight
    switch command {
    case .nextAnnotation, .previousAnnotation:
      let live = Array(session.index.live)
      let target =
        command == .nextAnnotation
        ? live.first { $0.start > r.cursor }
        : live.last { $0.start < r.cursor && !$0.range.contains(r.cursor) } ?? live.last { $0.start < r.cursor }
      guard let target, let position = live.firstIndex(of: target) else {
        let direction = command == .nextAnnotation ? "no more highlights below" : "no more highlights above"
        setMessage(live.isEmpty ? "no highlights in this article" : direction, error: false)
        return []
      }
      reader?.setCursor(target.start, height: height)
      let tags = target.tags.isEmpty ? "" : "  " + hashTags(target.tags)
      setMessage("highlight \(position + 1) of \(live.count)" + tags, error: false)
      return []
    case .undo:
      return replay(forward: false)
    case .redo:
      return replay(forward: true)
    case .highlight:
      let range = r.selection ?? r.navigation.sentence(at: r.cursor)
      guard let range, !range.isEmpty else {
        setMessage("nothing to highlight here", error: false)
        return []
      }
      reader?.setCursor(range.lowerBound, height: height)
      // The same passage highlighted again: nothing new (no identical duplicates).
      if let same = session.index.overlapping(range).first(where: { $0.range == range }) {
        setMessage("already highlighted (\(same.color.rawValue)) — c colour, d deletes", error: false)
        return []
      }
      let annotation = Annotation(article: r.article, range: range, now: now)
      let n = annotation.wordCount
      setMessage("highlighted \(n) word\(n == 1 ? "" : "s") — t tag, a note, c colour, u undo", error: false)
      return commit([AnnotationChange(before: nil, after: annotation)])
    case .colorYellow, .colorGreen, .colorBlue, .colorPink, .colorPurple:
      guard let color = command.color else { return [] }
      if let selection = r.selection, !selection.isEmpty {
        reader?.setCursor(selection.lowerBound, height: height)
        if var same = session.index.overlapping(selection).first(where: { $0.range == selection }) {
          let before = same
          same.color = color
          same.modified = now
          setMessage("colour set to \(color.rawValue)", error: false)
          return commit([AnnotationChange(before: before, after: same)])
        }
        let annotation = Annotation(article: r.article, range: selection, color: color, now: now)
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
        let what = command == .tag ? "tag" : "annotate"
        setMessage("nothing to \(what) — select text (v) or move onto a highlight", error: false)
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
      let screen = geometry
      reader?.setCursor(range.lowerBound, height: screen.bodyHeight)
      setMessage(tags.isEmpty ? "highlighted" : "tagged \(hashTags(annotation.tags))", error: false)
      return commit([AnnotationChange(before: nil, after: annotation)])
    case .annotation(let id):
      guard var annotation = session.all.first(where: { $0.id == id }) else { return [] }
      let before = annotation
      annotation.tags = Tags.normalized(tags)
      guard annotation.tags != before.tags else { return [] }
      annotation.modified = now
      setMessage(tags.isEmpty ? "tags removed" : "tagged \(hashTags(annotation.tags))", error: false)
      return commit([AnnotationChange(before: before, after: annotation)])
    }
  }

  mutating func setNote(_ note: String, on target: Prompt.Target) -> [Effect] {
    let note = String(TextScan.trimmed(note))
    switch target {
    case .selection(let range):
      guard let article = reader?.article else { return [] }
      let annotation = Annotation(article: article, range: range, note: note, now: now)
      let screen = geometry
      reader?.setCursor(range.lowerBound, height: screen.bodyHeight)
      setMessage("note saved", error: false)
      return commit([AnnotationChange(before: nil, after: annotation)])
    case .annotation(let id):
      guard var annotation = session.all.first(where: { $0.id == id }), annotation.note != note else { return [] }
      let before = annotation
      annotation.note = note
      annotation.modified = now
      setMessage(note.isEmpty ? "note removed" : "note saved", error: false)
      return commit([AnnotationChange(before: before, after: annotation)])
    }
  }

  // MARK: - History

  /// Applies one step of changes, records it for undo, and asks to save it.
  mutating func commit(_ changes: [AnnotationChange]) -> [Effect] {
    session.record(changes)
    return apply(changes.map { ($0.before, $0.after) })
  }

  mutating func apply(_ changes: [(from: Annotation?, to: Annotation?)]) -> [Effect] {
    let (upserts, deletions) = session.apply(changes)
    annotationsChanged()
    return [.saveAnnotations(upserts: upserts, deletions: deletions)]
  }

  /// Undo (restore each change's `before`, last change first) or redo (its `after`), moving
  /// the step to the other stack. Restored versions get a new `modified`, so that merges with
  /// the store keep them.
  mutating func replay(forward: Bool) -> [Effect] {
    guard let step = session.popStep(forward: forward) else {
      setMessage(forward ? "nothing to redo" : "nothing to undo", error: false)
      return []
    }
    let ordered = forward ? step : step.reversed()
    let restored = anchoredInOpenArticle(
      ordered.map { change -> (Annotation?, Annotation?) in
        var target = forward ? change.after : change.before
        target?.modified = now
        return (forward ? change.before : change.after, target)
      })
    let first = step.first
    let shown = forward ? (first?.after ?? first?.before) : (first?.before ?? first?.after)
    if let shown, shown.article == reader?.article.path {
      let screen = geometry
      reader?.setCursor(shown.start, height: screen.bodyHeight)
    }
    setMessage(forward ? "redone" : "undone (\(session.undoStack.count) more)", error: false)
    return apply(restored)
  }
}

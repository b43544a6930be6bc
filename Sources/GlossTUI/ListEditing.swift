import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Editing from the annotation list (`A`) and the tag view (`T`): the annotation under the
/// list's cursor is deleted, tagged, noted, recoloured and copied through the same changes
/// the reader makes (`commit`: undoable, saved by the normal save effects). Orphaned
/// annotations (not found in the text) take the same keys.
extension AppState {
  /// The annotation under the list's cursor (nil in other lists).
  var annotationAtListCursor: Annotation? {
    let listed = listedAnnotations
    return items.cursor < listed.count ? listed[items.cursor] : nil
  }

  /// A command with the list focused: nil when it is not a list edit (the caller performs it
  /// as usual).
  mutating func performInList(_ command: Command) -> [Effect]? {
    guard focus == .list else { return nil }
    switch command {
    case .undo: return replay(forward: false)
    case .redo: return replay(forward: true)
    case .deleteAnnotation, .tag, .note, .copy, .copyWithNote, .colorYellow, .colorGreen, .colorBlue, .colorPink,
      .colorPurple:
      break
    default:
      return nil
    }
    guard let annotation = annotationAtListCursor else {
      switch items.pane {
      case .articleAnnotations, .taggedAnnotations:
        setMessage("no annotation here", error: false)
      default:
        setMessage("\(command.rawValue) works on annotations: A lists this article's, T those with a tag", error: false)
      }
      return []
    }
    switch command {
    case .deleteAnnotation:
      setMessage("deleted “\(truncated(oneLine(annotation.quote), to: 30))” — u to undo", error: false)
      return commit([AnnotationChange(before: annotation, after: nil)])
    case .tag:
      mode = .prompt(
        Prompt(kind: .tags(.annotation(annotation.id)), text: annotation.tags.joined(separator: ", ")))
      return []
    case .note:
      mode = .prompt(Prompt(kind: .note(.annotation(annotation.id)), text: annotation.note))
      return []
    case .copy:
      return [.copyToClipboard(.plain(annotation.quote), what: "the quote")]
    case .copyWithNote:
      return [
        .copyToClipboard(
          .quote(annotation.quote, note: annotation.note, tags: annotation.tags),
          what: "the quote with its note and tags")
      ]
    default:
      guard let color = command.color else { return [] }
      guard color != annotation.color else {
        setMessage("already \(color.rawValue)", error: false)
        return []
      }
      var recoloured = annotation
      recoloured.color = color
      recoloured.modified = now
      setMessage("colour set to \(color.rawValue)", error: false)
      return commit([AnnotationChange(before: annotation, after: recoloured)])
    }
  }

  /// Annotations brought back by undo or redo, found again in the open article's text as it
  /// is now (the file may have changed on disk since they were removed), in one batch; the
  /// others as they are.
  func anchoredInOpenArticle(_ changes: [(Annotation?, Annotation?)]) -> [(Annotation?, Annotation?)] {
    guard let article = reader?.article, !article.isPartial else { return changes }
    let here = changes.compactMap(\.1).filter { $0.article == article.path }
    guard !here.isEmpty else { return changes }
    let found = Anchoring.reanchoredChanges(here, in: article)
    guard !found.isEmpty else { return changes }
    let moved = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    return changes.map { ($0.0, $0.1.map { moved[$0.id] ?? $0 }) }
  }

  func oneLine(_ text: String) -> String {
    text.replacing("\r\n", with: " ").replacing("\n", with: " ")
  }
}

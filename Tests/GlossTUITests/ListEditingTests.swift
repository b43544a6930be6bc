import Foundation
import GlossApp
import GlossModel
import Testing

@testable import GlossTUI

/// Editing annotations from the annotation list (A) and the tag view (T): each change goes
/// through the reader's path (undoable, saved), and is on disk when the list shows it.
@Suite struct ListEditingTests {
  static let article = Source(
    path: "a.txt",
    text: "Title\n\nFirst passage here. Second passage there.\n\nThird passage everywhere.\n")

  /// A harness with two annotations on the article, the A list shown and focused.
  func listed() throws -> (Harness, Annotation, Annotation) {
    let h = Harness([Self.article], open: "a.txt")
    let text = h.articles[0]
    let first = Annotation(
      article: text, range: try range(of: "First passage here.", in: text), tags: ["one"], note: "old note", now: h.now)
    let second = Annotation(article: text, range: try range(of: "Third passage", in: text), tags: ["one"], now: h.now)
    try h.storeAnnotations([first, second])
    h.keys("A", "<Tab>")
    #expect(h.state.focus == .list)
    #expect(h.listHeader == "Annotations (2)")
    return (h, first, second)
  }

  @Test func deleteAndUndoFromTheListAreSaved() throws {
    let (h, first, second) = try listed()
    h.keys("d")
    #expect(h.terminal.statusLine.contains("deleted “First passage here.” — u to undo"), "\(h.terminal.statusLine)")
    #expect(h.stored[first.id] == nil, "gone from disk")
    #expect(h.stored[second.id] != nil)
    #expect(h.listHeader == "Annotations (1)")
    #expect(!h.listPane.contains("First passage"))
    #expect(!h.terminal.statusLine.contains("UNSAVED"))
    h.keys("u")
    #expect(h.stored[first.id]?.quote == "First passage here.", "back on disk")
    #expect(h.listHeader == "Annotations (2)")
    h.keys("<C-r>")
    #expect(h.stored[first.id] == nil)
  }

  @Test func tagsAndNoteAreEditedWithPrefilledPrompts() throws {
    let (h, first, _) = try listed()
    h.keys("t")
    #expect(h.state.prompt?.text == "one")
    h.keys("<C-u>")
    h.type("alpha, beta")
    h.keys("<Enter>")
    #expect(h.stored[first.id]?.tags == ["alpha", "beta"])
    h.keys("a")
    #expect(h.state.prompt?.text == "old note")
    h.type(" and more")
    h.keys("<Enter>")
    #expect(h.stored[first.id]?.note == "old note and more")
    #expect(
      h.listPane.contains("#alpha #beta · ✎ old note and more") || h.listPane.contains("#alpha #beta · ✎ old"),
      "\(h.listPane)")
    #expect(h.state.focus == .list, "the list keeps the focus")
  }

  @Test func colourKeysRecolourTheListedAnnotation() throws {
    let (h, first, second) = try listed()
    h.keys("j", "c", "3")
    #expect(h.stored[second.id]?.color == .blue)
    #expect(h.stored[first.id]?.color == .yellow)
    #expect(h.terminal.statusLine.contains("colour set to blue"))
  }

  @Test func theTagViewEditsToo() throws {
    let (h, first, second) = try listed()
    h.keys("T", "<Enter>")
    #expect(h.listHeader == "#one (2)")
    h.keys("j", "d")
    #expect(h.stored[second.id] == nil)
    #expect(h.listHeader == "#one (1)")
    h.keys("y")
    #expect(h.terminal.clipboard == ["First passage here."])
    h.keys("Y")
    #expect(h.terminal.clipboard.last == "> First passage here.\n\n#one\n\nold note\n")
    #expect(h.stored[first.id] != nil)
  }

  @Test func orphanedAnnotationsHaveTheirSectionAndActions() throws {
    let h = Harness([Self.article], open: "a.txt")
    let text = h.articles[0]
    let kept = Annotation(article: text, range: try range(of: "Second passage", in: text), now: h.now)
    var lost = Annotation(article: text, range: try range(of: "Third passage", in: text), now: h.now)
    lost.quote = "A passage that was removed"
    lost.prefix = "nothing like it "
    lost.suffix = " anywhere"
    try h.storeAnnotations([kept, lost])
    // Opening the article again (a second run) re-anchors: the lost passage is orphaned.
    let again = Harness([Self.article], open: "a.txt", folder: h.folder)
    try orphanActions(again, kept: kept, lost: lost)
  }

  func orphanActions(_ h: Harness, kept: Annotation, lost: Annotation) throws {
    h.keys("A", "<Tab>")
    let pane = h.listPane
    #expect(pane.contains("Orphaned: not found in text"), "\(pane)")
    #expect(pane.contains("d deletes, y copies quote"), "\(pane)")
    h.keys("j")
    #expect(h.state.annotationAtListCursor?.id == lost.id)
    h.keys("<Enter>")
    #expect(
      h.state.message?.hasSuffix("is not found in the text — d deletes, y copies the quote") == true,
      "\(h.state.message ?? "")")
    h.keys("y")
    #expect(h.terminal.clipboard == ["A passage that was removed"])
    h.keys("d")
    #expect(h.stored[lost.id] == nil)
    #expect(h.stored[kept.id] != nil)
    #expect(!h.listPane.contains("Orphaned"))
  }

  @Test func theArticleListDoesNotDeleteTheReadersHighlight() throws {
    let h = Harness([Self.article], open: "a.txt")
    let text = h.articles[0]
    let a = Annotation(article: text, range: try range(of: "First passage here.", in: text), now: h.now)
    try h.storeAnnotations([a])
    h.keys("}")
    #expect(h.state.annotationUnderCursor?.id == a.id)
    h.keys("<Tab>", "d")
    #expect(h.stored[a.id] != nil)
    #expect(h.terminal.statusLine.contains("works on annotations"), "\(h.terminal.statusLine)")
  }
}

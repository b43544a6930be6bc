import Foundation
import GlossModel
import Testing

@testable import GlossTUI

let annotatable = Source(
  path: "notes.txt",
  text: """
    A Headline For Annotating

    The first sentence is short. The second sentence talks about diplomacy at length. A third one ends it.

    Another paragraph follows with more words to select and highlight.
    """)

extension Harness {
  func text(_ range: Range<Int>) -> String { AnchorText(article: state.reader!.article).string(range) }
  var cursorWord: String { text(state.reader!.navigation.word(at: state.reader!.cursor)!) }
}

@Suite struct AnnotatingTests {
  @Test func cursorMovesByWordSentenceAndParagraph() {
    let h = Harness([annotatable])
    #expect(h.cursorWord == "A", "the cursor starts on the first visible word")
    h.keys("}")
    #expect(h.cursorWord == "The")
    h.keys("w", "w")
    #expect(h.cursorWord == "sentence")
    h.keys(")")
    #expect(
      h.text(h.state.reader!.navigation.sentence(at: h.state.reader!.cursor)!)
        == "The second sentence talks about diplomacy at length.")
    h.keys("(")
    #expect(h.cursorWord == "The")
    h.keys("}")
    #expect(h.cursorWord == "Another")
    h.keys("b")
    #expect(h.cursorWord == "it")
  }

  @Test func selectExtendHighlightAndCursorStaysOnIt() {
    let h = Harness([annotatable])
    h.now = Date(timeIntervalSince1970: 100)
    h.keys("}", "w", "v", "w", "w")
    #expect(h.text(h.state.reader!.selection!) == "first sentence is")
    #expect(h.screen.hasSuffix("VISUAL  0%") || h.screen.contains("VISUAL"))
    h.keys("h")
    let a = try! #require(h.state.annotations.first)
    #expect(a.quote == "first sentence is")
    #expect(a.color == .yellow)
    #expect(h.state.message?.hasPrefix("highlighted 3 words") == true)
    #expect(h.stored[a.id] == a, "saved at once")
    #expect(h.state.reader?.selectionAnchor == nil)
    #expect(h.state.annotationUnderCursor?.id == a.id)
    // Colour (c then a digit) applies to the annotation under the cursor at once.
    h.keys("c", "3")
    #expect(h.state.annotations.first?.color == .blue)
    #expect(h.stored[a.id]?.color == .blue)
  }

  @Test func selectionMaySpanParagraphs() {
    let h = Harness([annotatable])
    h.keys("}", ")", ")", "v", "}", "w", "h")
    let a = h.state.annotations[0]
    #expect(a.quote == "A third one ends it.\n\nAnother paragraph")
  }

  @Test func highlightWithoutSelectionTakesTheSentence() {
    let h = Harness([annotatable])
    h.keys("}", ")")
    h.keys("h")
    #expect(h.state.annotations.map(\.quote) == ["The second sentence talks about diplomacy at length."])
    #expect(h.state.message?.hasPrefix("highlighted 8 words") == true)
  }

  @Test func selectSentenceAndParagraph() {
    let h = Harness([annotatable])
    h.keys("}", "s")
    #expect(h.text(h.state.reader!.selection!) == "The first sentence is short.")
    h.keys("<Esc>")
    #expect(h.state.reader?.selectionAnchor == nil)
    h.keys("V")
    #expect(h.text(h.state.reader!.selection!).hasSuffix("A third one ends it."))
  }

  @Test func tagWithCompletionThenNote() throws {
    let h = Harness([annotatable])
    try h.storeAnnotations([
      Annotation(article: annotatable.article, range: 0..<1, tags: ["diplomacy", "Diaspora"], now: Date())
    ])
    h.keys("}", "s", "t")
    #expect(h.state.promptKind == .tags(.selection(27..<55)))
    h.type("di")
    h.keys("<Tab>")
    #expect(try #require(h.state.prompt).text == "Diaspora")
    h.keys("<Tab>")
    #expect(try #require(h.state.prompt).text == "diplomacy", "Tab again cycles")
    h.type(", Ιστορία, foreign policy")
    h.keys("<Enter>")
    let a = try #require(h.state.annotations.first { $0.quote == "The first sentence is short." })
    #expect(a.tags == ["diplomacy", "Ιστορία", "foreign policy"])
    #expect(h.state.message == "tagged #diplomacy #Ιστορία #foreign policy")
    // The cursor is on it: a note goes to the same annotation.
    h.keys("a")
    h.type("worth quoting")
    h.keys("<Left>", "<End>", "<C-w>")
    h.type("citing")
    h.keys("<Enter>")
    let noted = try #require(h.state.annotations.first { $0.id == a.id })
    #expect(noted.note == "worth citing")
    #expect(h.stored[a.id]?.note == "worth citing")
    // Editing the note starts from the existing text; Esc cancels.
    h.keys("a")
    #expect(try #require(h.state.prompt).text == "worth citing")
    h.type(" — changed")
    h.keys("<Esc>")
    #expect(h.state.annotations.first { $0.id == a.id }?.note == "worth citing")
  }

  @Test func deleteUndoRedo() {
    let h = Harness([annotatable])
    h.keys("}", "h")
    let id = h.state.annotations[0].id
    h.keys("d")
    #expect(h.state.annotations.isEmpty)
    #expect(h.state.message == "deleted — u to undo")
    #expect(h.stored[id] == nil)
    h.keys("u")
    #expect(h.state.annotations.map(\.id) == [id])
    #expect(h.stored[id] != nil)
    h.keys("u")
    #expect(h.state.annotations.isEmpty, "undo the highlight itself")
    h.keys("<C-r>", "<C-r>")
    #expect(h.state.annotations.isEmpty, "redo the highlight, then the deletion")
    h.keys("<C-r>")
    #expect(h.state.message == "nothing to redo")
  }

  @Test func jumpBetweenAnnotationsAndMarginMarkers() {
    let h = Harness([annotatable])
    h.keys("}", "h", "}", "h", "a")
    h.type("a note")
    h.keys("<Enter>", "g")
    h.keys("]")
    #expect(h.cursorWord == "The")
    h.keys("]")
    #expect(h.cursorWord == "Another")
    #expect(h.state.message?.hasPrefix("highlight 2 of 2") == true)
    h.keys("]")
    #expect(h.state.message == "no more highlights below")
    h.keys("[")
    #expect(h.cursorWord == "The")
    let grid = render(h.state)
    let x = h.state.geometry.textX - 2
    let rows = (0..<grid.height).filter { grid[x, $0].text == "▌" || grid[x, $0].text == "✎" }
    #expect(rows.count >= 2)
    #expect(rows.contains { grid[x, $0].text == "✎" }, "a note shows a note marker")
  }

  @Test func highlightsAreBackgroundColoursOrUnderlines() {
    for colors in [true, false] {
      let h = Harness([annotatable], colors: colors)
      h.keys("}", "h", "c", "5", "}")
      let grid = render(h.state)
      let row = (0..<grid.height).first { grid.rowText($0).contains("The first sentence") }!
      let x = Array(grid.rowText(row)).firstIndex(of: "f")!
      let style = grid[x, row].style
      if colors {
        #expect(style.background == .purple)
      } else {
        #expect(style.underline && style.background == .default)
      }
    }
  }

  @Test func annotationListAndTagFilterJumpToTheAnnotation() throws {
    let other = Source(path: "other.txt", text: "Another Headline Here\n\nSome text with a tagged passage inside it.")
    let h = Harness([annotatable, other])
    try h.storeAnnotations([
      Annotation(article: other.article, range: 20..<38, tags: ["Iran"], now: Date()),
      Annotation(article: annotatable.article, range: 27..<54, tags: ["iran"], note: "first\nsecond line", now: Date()),
    ])
    h.keys("A")
    #expect(h.state.leftPane == .articleAnnotations)
    var screen = h.screen
    #expect(screen.contains("Annotations (1)"))
    #expect(screen.contains("#iran · ✎ first"))
    h.keys("T")
    #expect(h.state.leftPane == .tags)
    // One tag whatever its case, spelt as the store lists it first.
    #expect(h.screen.contains("#iran"))
    h.keys("<Enter>")
    #expect(h.state.leftPane == .taggedAnnotations("iran"))
    screen = h.screen
    #expect(screen.contains("#iran (2)"))
    h.keys("j", "<Enter>")
    #expect(h.state.reader?.article.path == "other.txt")
    #expect(h.state.reader?.cursor == 20)
    #expect(h.state.focus == .reader)
  }

  @Test func orphanedAnnotationsAreListedSeparately() throws {
    let h = Harness([annotatable])
    var orphan = Annotation(article: annotatable.article, range: 27..<54, now: Date())
    orphan.anchor = .orphaned
    orphan.quote = "a passage that was deleted"
    try h.storeAnnotations([orphan])
    h.keys("A")
    let screen = h.screen
    #expect(screen.contains("Orphaned"))
    #expect(screen.contains("“a passage that"))
    h.keys("<Tab>", "<Enter>")
    #expect(h.state.message?.hasPrefix("orphaned:") == true)
  }

  @Test func mouseClickPlacesTheCursorAndDragSelects() {
    let h = Harness([annotatable])
    let g = h.state.geometry
    let grid = render(h.state)
    let row = (0..<grid.height).first { grid.rowText($0).contains("The first sentence") }!
    let x = g.textX + 4  // on "first"
    h.send(.mouse(MouseEvent(kind: .press, x: x, y: row)))
    #expect(h.cursorWord == "first")
    h.send(.mouse(MouseEvent(kind: .release, x: g.textX + 16, y: row)))
    #expect(h.text(h.state.reader!.selection!) == "first sentence")
  }
}

/// The open article's annotation index: binary-searched queries and patched updates must
/// give what filtering and sorting everything gives.
@Suite struct ArticleAnnotationsIndexTests {
  func random(_ rng: inout SeededRandom, _ i: Int) -> Annotation {
    let start = Int.random(in: 0..<500, using: &rng)
    return Annotation(
      article: "a.txt", start: start, end: start + Int.random(in: 0...(i % 7 == 0 ? 300 : 20), using: &rng), quote: "q",
      prefix: "",
      suffix: "", created: Date(timeIntervalSince1970: Double(Int.random(in: 0..<4, using: &rng))),
      anchor: Int.random(in: 0..<10, using: &rng) == 0 ? .orphaned : .exact)
  }

  @Test func overlappingAndPatchesEqualFilteringEverything() {
    var rng = SeededRandom(seed: 3)
    var list = (0..<400).map { random(&rng, $0) }
    var index = ArticleAnnotations(list)
    for round in 0..<300 {
      switch Int.random(in: 0..<3, using: &rng) {
      case 0:
        let a = random(&rng, round)
        list.append(a)
        index.replace(a.id, with: a)
      case 1:
        let i = Int.random(in: 0..<list.count, using: &rng)
        var a = list[i]
        a.start = Int.random(in: 0..<500, using: &rng)
        a.end = a.start + Int.random(in: 0...40, using: &rng)
        a.anchor = Int.random(in: 0..<5, using: &rng) == 0 ? .orphaned : .relocated
        list[i] = a
        index.replace(a.id, with: a)
      default:
        let removed = list.remove(at: Int.random(in: 0..<list.count, using: &rng))
        index.replace(removed.id, with: nil)
      }
      #expect(index.all == ArticleAnnotations(list).all, "round \(round)")
      let lo = Int.random(in: 0..<520, using: &rng)
      let range = lo..<(lo + Int.random(in: 1...80, using: &rng))
      let expected = index.live.filter { $0.end > range.lowerBound && $0.start < range.upperBound }
      #expect(index.overlapping(range) == Array(expected), "round \(round) \(range)")
    }
  }

  @Test func runsOverlappingEqualFilteringEverything() {
    var article = Article(path: "r.txt", string: String(repeating: "word ", count: 200))
    var rng = SeededRandom(seed: 5)
    article.runs = (0..<300).map { _ in
      let start = Int.random(in: 0..<950, using: &rng)
      return InlineRun(
        range: start..<(start + Int.random(in: 1...(Bool.random(using: &rng) ? 5 : 60), using: &rng)), style: .emphasis)
    }.sorted { $0.range.lowerBound < $1.range.lowerBound }
    for lo in stride(from: 0, to: 1000, by: 7) {
      let range = lo..<(lo + 13)
      #expect(
        article.runs(overlapping: range).map(\.range) == article.runs.filter { $0.range.overlaps(range) }.map(\.range))
    }
  }
}

import Foundation
import GlossModel
import Testing

@testable import GlossTUI

/// The annotation lists (A, T) and copying, as a hostile first user uses them: copying an
/// orphan, deleting down to nothing, undoing a deletion after the article changed on disk,
/// notes and tags full of escape sequences.
@Suite struct HostileListTests {
  static let article = Source(
    path: "a.txt",
    text: "Title\n\nFirst passage here. Second passage there.\n\nThird passage everywhere.\n")

  func listed(_ annotations: (Article) throws -> [Annotation]) throws -> Harness {
    let h = Harness([Self.article], open: "a.txt")
    try h.storeAnnotations(try annotations(h.articles[0]))
    h.keys("A", "<Tab>")
    #expect(h.state.focus == .list)
    return h
  }

  @Test func copyingAnOrphanAndItsHostileNoteIsVisibleNeverRaw() throws {
    let h = try listed { _ in
      [
        Annotation(
          article: "a.txt", start: 3, end: 9, quote: "gone \u{1B}[31mred\u{202E}", prefix: "", suffix: "",
          tags: ["t\u{1B}x"], note: "note \u{9B}2J\u{07}", created: Date(timeIntervalSince1970: 5), anchor: .orphaned)
      ]
    }
    #expect(h.listPane.contains("gone"), "\(h.listPane)")
    h.keys("y")
    let plain = try #require(h.terminal.clipboard.last)
    #expect(plain == "gone ^[[31mred<U+202E>")
    h.keys("Y")
    let quote = try #require(h.terminal.clipboard.last)
    // Markdown escapes the brackets; the control characters are in their visible forms.
    #expect(quote.contains(#"\<U+202E\>"#) && quote.contains(#"\<U+009B\>2J^G"#), "\(quote)")
    #expect(!quote.unicodeScalars.contains { $0 != "\n" && Glyph.escape($0) != nil }, "\(quote)")
    // The reader without a selection: y scrolls, Y on nothing says so.
    h.keys("<Tab>", "g", "y", "Y")
    #expect(h.terminal.clipboard.count == 2)
  }

  @Test func deletingTheLastAnnotationsKeepsTheCursorInBounds() throws {
    let h = try listed { text in
      [
        Annotation(article: text, range: try range(of: "First passage", in: text), now: Date(timeIntervalSince1970: 5)),
        Annotation(article: text, range: try range(of: "Third passage", in: text), now: Date(timeIntervalSince1970: 6)),
      ]
    }
    h.keys("G", "d")
    #expect(h.listHeader == "Annotations (1)")
    h.keys("d")
    #expect(h.listHeader == "Annotations (0)" || h.listHeader.hasPrefix("Annotations"), "\(h.listHeader)")
    #expect(h.stored.isEmpty)
    h.keys("d", "y", "Y", "t", "a", "c", "3")
    #expect(h.state.message?.contains("no annotation here") == true, "\(h.state.message ?? "")")
    #expect(h.state.mode == .normal)
    h.keys("u", "u")
    #expect(h.stored.count == 2)
    h.keys("G", "d", "<C-r>", "<C-r>", "<C-r>")
    #expect(h.stored.count <= 1)
  }

  @Test func undoingADeletionAfterTheArticleChangedOnDiskFindsThePassageAgain() throws {
    let h = try listed { text in
      [Annotation(article: text, range: try range(of: "Third passage", in: text), now: Date(timeIntervalSince1970: 5))]
    }
    h.keys("d")
    #expect(h.stored.isEmpty)
    let url = h.runner.library.root.appendingPathComponent("a.txt")
    try Data(("A long preface was added above everything else.\n\n" + Self.article.text).utf8).write(to: url)
    h.keys("<Tab>", "j", "<Tab>")
    #expect(h.reader.article.text.hasPrefix("A long preface"), "read again")
    h.keys("u")
    let restored = try #require(h.stored.values.first)
    let article = h.state.reader!.article
    #expect(article.scalarSlice(restored.range) == "Third passage", "the highlight is on its passage again")
    #expect(restored.anchor != .orphaned)
  }

  @Test func tenKilobytePastesIntoTheListsTagAndNotePrompts() throws {
    let h = try listed { text in
      [Annotation(article: text, range: try range(of: "First passage", in: text), now: Date(timeIntervalSince1970: 5))]
    }
    let paste = String(repeating: "w\u{1B}[2J\u{202E}, ", count: 1_000)
    h.keys("t", "<C-u>")
    h.send(.paste(paste))
    #expect(!h.screen.unicodeScalars.contains { $0 != "\n" && Glyph.escape($0) != nil })
    h.keys("<Enter>")
    let tagged = try #require(h.stored.values.first)
    #expect(!tagged.tags.isEmpty)
    h.keys("a")
    h.send(.paste(String(repeating: "n\u{9B}\u{07}", count: 3_500)))
    h.keys("<Enter>")
    let noted = try #require(h.stored.values.first)
    #expect(noted.note.count >= 10_000)
    #expect(!h.screen.unicodeScalars.contains { $0 != "\n" && Glyph.escape($0) != nil })
  }

  @Test func deletingTheOnlyAnnotationOfATagInTheTagView() throws {
    let h = try listed { text in
      [
        Annotation(
          article: text, range: try range(of: "First passage", in: text), tags: ["solo"],
          now: Date(timeIntervalSince1970: 5))
      ]
    }
    h.keys("T", "<Enter>")
    #expect(h.listHeader == "#solo (1)", "\(h.listHeader)")
    h.keys("d")
    #expect(h.stored.isEmpty)
    h.keys("j", "k", "G", "d", "y", "<Enter>")
    #expect(h.state.mode == .normal)
    h.keys("u")
    #expect(h.stored.count == 1)
    #expect(h.listPane.contains("First passage"), "\(h.listPane)")
  }
}

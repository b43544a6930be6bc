import Foundation
import GlossModel
import Testing

@testable import GlossApp

/// A long article is first shown from its first part; its annotations are re-anchored only
/// against the whole text (against the part, those beyond it would be searched for in vain —
/// seconds for thousands — and marked orphaned).
@Suite struct PartialArticleTests {
  @Test func annotationsBeyondTheFirstPartStayPut() throws {
    let paragraph = "A paragraph of ordinary words that fills the long article, again and again.\n\n"
    let text = "A Long Article\n\n" + String(repeating: paragraph, count: 9_000) + "The closing passage of it."
    let h = Harness([Source(path: "long.txt", text: text)], open: "long.txt")
    let full = try #require(h.runner.library.articles["long.txt"])
    #expect(!full.isPartial)
    let quote = "closing passage"
    let lo = full.scalarCount - "closing passage of it.".unicodeScalars.count
    let annotation = Annotation(article: full, range: lo..<(lo + quote.unicodeScalars.count), now: h.now)
    #expect(annotation.quote == quote)
    try h.storeAnnotations([annotation])
    let before = try Data(contentsOf: h.runner.store.url)
    // The first part, as the library reads it before the first paint.
    var part = Article(path: "long.txt", string: String(text.prefix(20_000)))
    part.isPartial = true
    #expect(h.runner.reanchor(part).isEmpty)
    #expect(try Data(contentsOf: h.runner.store.url) == before)
    #expect(h.stored[annotation.id]?.anchor == .exact)
    // The whole article: nothing moved, nothing written.
    #expect(h.runner.reanchor(full).isEmpty)
    #expect(h.state.annotations.first { $0.id == annotation.id }?.isOrphaned == false)
  }
}

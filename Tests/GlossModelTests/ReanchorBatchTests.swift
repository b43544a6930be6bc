import Foundation
import Testing

@testable import GlossModel

/// The batch re-anchoring the reader and the CLI use gives what re-anchoring each annotation
/// on its own gives, and decodes the article only when something moved.
@Suite struct ReanchorBatchTests {
  let before = Article(
    path: "a.txt",
    string:
      "A Headline\n\nThe café’s first paragraph, with 😀 and 中文.\n\nThe second paragraph holds the passage.\n\nThe end.")

  func annotation(_ quote: String, in article: Article) throws -> Annotation {
    let start = try #require(article.text.range(of: quote))
    let lo = article.text.unicodeScalars.distance(from: article.text.startIndex, to: start.lowerBound)
    return Annotation(
      article: article, range: lo..<(lo + quote.unicodeScalars.count), now: Date(timeIntervalSince1970: 0))
  }

  @Test func sameResultsAsOneByOne() throws {
    let kept = try annotation("first paragraph, with 😀 and 中文", in: before)
    let moved = try annotation("holds the passage", in: before)
    let gone = try annotation("The end", in: before)
    var relocatedBefore = kept
    relocatedBefore.id = UUID()
    relocatedBefore.anchor = .relocated
    var outOfRange = moved
    outOfRange.id = UUID()
    outOfRange.start = 10_000
    outOfRange.end = 10_017
    let after = Article(
      path: "a.txt",
      string:
        "A Headline\n\nThe café’s first paragraph, with 😀 and 中文.\n\nInserted.\n\nThe second paragraph holds the passage."
    )
    let all = [kept, moved, gone, relocatedBefore, outOfRange]
    let text = AnchorText(article: after)
    let oneByOne = all.map { Anchoring.reanchored($0, in: text) }.enumerated().filter { $0.element != all[$0.offset] }
      .map(\.element)
    let batch = Anchoring.reanchoredChanges(all, in: after)
    #expect(batch == oneByOne)
    // The kept one is not reported; the one stored as relocated is now exact; the others moved
    // or were orphaned.
    #expect(batch.count == 4)
    #expect(!batch.contains { $0.id == kept.id && $0.anchor == kept.anchor })
    #expect(batch.first { $0.id == gone.id }?.isOrphaned == true)
    #expect(batch.first { $0.id == relocatedBefore.id }?.anchor == .exact)
  }

  @Test func quoteCheckedAtItsOffsetScalarByScalar() throws {
    let a = try annotation("café’s first", in: before)
    #expect(before.holdsQuote(of: a))
    var shifted = a
    shifted.start += 1
    shifted.end += 1
    #expect(!before.holdsQuote(of: shifted))
    var longer = a
    longer.end += 1
    #expect(!before.holdsQuote(of: longer))
    var negative = a
    negative.start = -1
    #expect(!before.holdsQuote(of: negative))
    #expect(Anchoring.reanchoredChanges([a], in: before).isEmpty)
  }

  @Test func farIntoALongArticle() throws {
    // Past many scalar marks, with multi-byte scalars before it.
    let long = String(repeating: "Ünïcödé 中文 😀 words. ", count: 20_000) + "\n\nThe very last passage."
    let article = Article(path: "long.txt", string: long)
    let a = try annotation("very last passage", in: article)
    #expect(a.start > 300_000)
    #expect(article.holdsQuote(of: a))
    #expect(Anchoring.reanchoredChanges([a], in: article).isEmpty)
  }
}

import Foundation
import Testing

@testable import GlossModel

/// The anchoring rules that keep annotations off the wrong passage on real revisions: a longer
/// context for repeated quotes, context agreement for short quotes and for large error budgets,
/// and words inserted inside a quote between a context that still agrees.
@Suite struct AnchoringRevisionTests {
  static let repeated = "the delegates agreed that the ceasefire line must be monitored by observers from both sides"

  static let twice = """
    Talks In The Capital

    In the morning session \(repeated) before lunch was served.

    A paragraph in between talks about the weather, the roads and the long drive north.

    In the evening session \(repeated) before the hall was closed.
    """

  func annotation(_ text: String, _ quote: String, occurrence: Int = 0) throws -> Annotation {
    let article = Article(path: "a.txt", string: text)
    let ranges = TextScan.occurrences(ofWords: quote, in: article.text.unicodeScalars.map(\.value))
    let range = try #require(ranges.dropFirst(occurrence).first)
    return Annotation(article: article, range: range, now: Date(timeIntervalSince1970: 0))
  }

  func anchor(_ a: Annotation, in text: String) -> (result: Anchoring.Result, quote: String?) {
    let anchorText = AnchorText(article: Article(path: "a.txt", string: text))
    let result = Anchoring.anchor(a, in: anchorText)
    return (result, result.range.map { anchorText.string($0) })
  }

  @Test func aRepeatedQuoteKeepsALongerContext() throws {
    let a = try annotation(Self.twice, "ceasefire line", occurrence: 1)
    #expect(a.prefix.unicodeScalars.count == Annotation.repeatedContextLength)
    #expect(a.suffix == " must be monitored by observers from both sides before the hall was closed.")
    let once = try annotation(Self.twice, "the long drive north")
    #expect(once.prefix.unicodeScalars.count == Annotation.contextLength)
    #expect(Annotation.occursTwice("aa", in: "aaa"), "overlapping copies count")
    #expect(!Annotation.occursTwice("é", in: "café"))
    #expect(!Annotation.occursTwice("", in: "anything"))
  }

  @Test func aVeryLongArticleKeepsTheLongerContextWithoutSearching() {
    let filler = String(repeating: "filler words of a very long article. ", count: 60_000)
    let text = "Title\n\n" + filler + "a unique passage here. " + filler
    #expect(text.utf8.count > Annotation.searchedTextLimit)
    let article = Article(path: "long.txt", string: text)
    let start = article.text.unicodeScalars.count / 2
    let a = Annotation(article: article, range: start..<(start + 10), now: Date(timeIntervalSince1970: 0))
    #expect(a.prefix.unicodeScalars.count == Annotation.repeatedContextLength)
    #expect(a.suffix.unicodeScalars.count == Annotation.repeatedContextLength)
  }

  @Test func theRightCopyOfARepeatedQuoteIsFoundWhenItsNearContextChanged() throws {
    let a = try annotation(Self.twice, "ceasefire line", occurrence: 1)
    // A paragraph inserted first, and the words next to the second copy's quote edited.
    let edited =
      "An opening paragraph was added to the article later, long enough to move everything.\n\n"
      + Self.twice.replacingOccurrences(
        of: "evening session the delegates agreed that the ceasefire",
        with: "evening session the delegates decided that the ceasefire")
    let (result, quote) = anchor(a, in: edited)
    let second = try #require(
      TextScan.occurrences(ofWords: "ceasefire line", in: edited.unicodeScalars.map(\.value)).last)
    #expect(quote == "ceasefire line")
    #expect(result.range == second)
  }

  @Test func aRelocatedQuoteGetsTheLongerContextWhereItRepeats() throws {
    let moved = "A new first paragraph, long enough to move every passage along.\n\n" + Self.twice
    let text = AnchorText(article: Article(path: "a.txt", string: moved))
    let a = try annotation(Self.twice, "ceasefire line", occurrence: 1)
    let relocated = Anchoring.reanchored(a, in: text)
    #expect(relocated.anchor == .relocated)
    #expect(relocated.prefix.unicodeScalars.count == Annotation.repeatedContextLength)
    // An old store's 32 characters become the longer context when the quote repeats.
    var old = a
    old.prefix = String(String.UnicodeScalarView(a.prefix.unicodeScalars.suffix(32)))
    old.suffix = String(String.UnicodeScalarView(a.suffix.unicodeScalars.prefix(32)))
    let upgraded = Anchoring.reanchored(old, in: text)
    #expect(upgraded.range == relocated.range)
    #expect(upgraded.prefix == relocated.prefix)
    #expect(upgraded.suffix == relocated.suffix)
    // A quote that occurs once keeps 32.
    let once = Anchoring.reanchored(try annotation(Self.twice, "the long drive north"), in: text)
    #expect(once.anchor == .relocated)
    #expect(once.prefix.unicodeScalars.count == Annotation.contextLength)
  }

  @Test func aStoreWithTheOldShortContextStillAnchors() throws {
    var a = try annotation(Self.twice, "ceasefire line", occurrence: 1)
    a.prefix = String(String.UnicodeScalarView(a.prefix.unicodeScalars.suffix(32)))
    a.suffix = String(String.UnicodeScalarView(a.suffix.unicodeScalars.prefix(32)))
    let moved = "A new first line.\n\n" + Self.twice
    let (result, quote) = anchor(a, in: moved)
    #expect(quote == "ceasefire line")
    #expect(result.state == .relocated)
  }

  @Test func aShortQuoteWhosePassageWasDeletedIsOrphanedNotMoved() throws {
    let text = """
      Notes On Aid

      The committee voted to suspend all military assistance until the talks resume next spring.

      Later, the ministry asked again for military assistance in a letter to the parliament.
      """
    let a = try annotation(text, "military assistance")
    let deleted = text.replacingOccurrences(
      of: "The committee voted to suspend all military assistance until the talks resume next spring.\n\n", with: "")
    #expect(anchor(a, in: deleted).result.state == .orphaned)
    // Moved with its context: still found.
    let moved = "A new first paragraph.\n\n" + text
    #expect(anchor(a, in: moved).quote == "military assistance")
    #expect(anchor(a, in: moved).result.state == .relocated)
  }

  @Test func aShortQuoteIsNotMatchedApproximatelyOnAnotherPassage() throws {
    let text = """
      Notes On Aid

      The committee voted to suspend the weapons shipments until the talks resume next spring.

      In another paragraph the weapon shipment was discussed by a different set of people.
      """
    let a = try annotation(text, "the weapons shipments")
    let deleted = text.replacingOccurrences(
      of: "The committee voted to suspend the weapons shipments until the talks resume next spring.\n\n", with: "")
    #expect(anchor(a, in: deleted).result.state == .orphaned)
    // The same typo-level change with the context kept is found.
    let fixed = text.replacingOccurrences(of: "the weapons shipments", with: "the weapon shipments")
    #expect(anchor(a, in: fixed).quote == "the weapon shipments")
  }

  @Test func wordsInsertedInsideAQuoteAreFollowedWhenTheContextAgrees() throws {
    let text = """
      Notes On Aid

      The report says the committee voted to suspend all military assistance until the talks resume next spring, \
      and nobody objected at the time.
      """
    let quote = "the committee voted to suspend all military assistance until the talks resume"
    let a = try annotation(text, quote)
    let grown =
      "the committee, after a long night, voted to suspend all of the military assistance until the stalled "
      + "talks resume"
    let inserted = text.replacingOccurrences(of: quote, with: grown)
    #expect(Double(grown.count - quote.count) >= 0.45 * Double(quote.count))
    #expect(Double(grown.count - quote.count) <= 0.5 * Double(quote.count))
    let (result, found) = anchor(a, in: inserted)
    #expect(result.state == .relocated)
    #expect(found == grown)
    // The same insertions with the context rewritten on one side: not guessed.
    let unmoored = inserted.replacingOccurrences(of: "The report says ", with: "Yesterday a source told us ")
    #expect(anchor(a, in: unmoored).result.state == .orphaned)
  }
}

/// A quote with only its context (an import: no position) goes where its whole context is,
/// however many other copies of it come earlier, and wherever that is in the text.
@Suite struct PositionlessQuoteTests {
  @Test func theCopyWithTheWholeContextWinsWithoutFavouringTheStart() throws {
    // Two copies with the same long context but for one letter; the stored one is the late
    // copy's. (With the start favoured, the early copy won: its position outweighed the letter.)
    let before = String(repeating: "b ", count: 100)
    let after = " sat on the mat. " + String(repeating: "a ", count: 100)
    let filler = String(repeating: "Some unrelated words fill the middle of the article here. ", count: 400)
    let text = "Title\n\n" + before + "Latex the cat" + after + filler + before + "Later the cat" + after
    let quote = "cat"
    let article = Article(path: "a.txt", string: text)
    let anchor = AnchorText(article: article)
    let canonical = article.text
    let lateStart = try #require(canonical.range(of: "Later the cat"))
    let start = canonical.unicodeScalars.distance(from: canonical.startIndex, to: lateStart.lowerBound) + 10
    let made = Annotation(article: article, range: start..<(start + 3), now: Date(timeIntervalSince1970: 0))
    #expect(made.quote == quote)
    var imported = made
    imported.start = -1
    imported.end = -1
    let result = Anchoring.reanchored(imported, in: anchor)
    #expect(result.range == made.range, "the copy whose context was stored, not the first")
    #expect(result.anchor == .relocated)
    // The same through the index a large import prepares.
    anchor.prepare(quotes: [quote])
    #expect(Anchoring.reanchored(imported, in: anchor).range == made.range)
  }
}

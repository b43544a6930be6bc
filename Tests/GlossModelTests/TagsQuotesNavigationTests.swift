import Foundation
import Testing

@testable import GlossModel

@Suite struct TagTests {
  @Test func tagsAreTrimmedDeduplicatedCaseInsensitivelyAndKeepSpacesAndLetters() {
    #expect(
      Tags.parse(" diplomacy, Diplomacy ,foreign policy,, Ιστορία , հայերեն,FOREIGN POLICY ") == [
        "diplomacy", "foreign policy", "Ιστορία", "հայերեն",
      ])
    #expect(Tags.normalized(["", "  "]) == [])
  }
}

@Suite struct QuoteFinderTests {
  @Test func whitespaceDifferencesAreAllowed() {
    let article = Article(path: "a.txt", string: "One two  three.\n\nfour five. One two three again.")
    let text = AnchorText(article: article)
    let found = QuoteFinder.occurrences(of: "one two three", in: text)
    #expect(found.isEmpty, "case matters")
    let matches = QuoteFinder.occurrences(of: "One   two three", in: text)
    #expect(matches.count == 2)
    #expect(text.string(matches[0]) == "One two  three")
    #expect(text.string(QuoteFinder.occurrences(of: "three. four", in: text)[0]) == "three.\n\nfour")
  }
}

@Suite struct NavigationTests {
  let article = Article(
    path: "n.txt",
    string:
      "A Title For Navigation\n\nThe U.S. has no vital interests here. Dr. Smith said so! Did he? Yes.\n\nSecond para, with “quotes” and e\u{301}tude 中文."
  )
  var nav: TextNavigation { TextNavigation(article: article) }
  func text(_ r: Range<Int>) -> String { AnchorText(article: article).string(r) }

  @Test func sentencesIgnoreInitialsAndAbbreviations() {
    let p = article.paragraphs[1].scalars.lowerBound
    #expect(text(nav.sentence(at: p + 3)!) == "The U.S. has no vital interests here.")
    let second = nav.nextSentence(after: p)
    #expect(text(nav.sentence(at: second)!) == "Dr. Smith said so!")
    let third = nav.nextSentence(after: second)
    #expect(text(nav.sentence(at: third)!) == "Did he?")
    #expect(nav.previousSentence(before: third) == second)
  }

  @Test func wordsAndParagraphs() {
    let p2 = article.paragraphs[2].scalars.lowerBound
    var offset = p2
    var words: [String] = []
    for _ in 0..<7 {
      words.append(text(nav.word(at: offset)!))
      offset = nav.nextWord(after: offset)
    }
    #expect(words == ["Second", "para", "with", "quotes", "and", "e\u{301}tude", "中"])
    #expect(
      nav.previousWord(before: p2) == article.paragraphs[1].scalars.lowerBound
        + text(article.paragraphs[1].scalars).unicodeScalars.count - 4)
    #expect(nav.nextParagraph(after: article.paragraphs[1].scalars.lowerBound + 5) == p2)
    #expect(nav.previousParagraph(before: p2 + 5) == p2)
    #expect(nav.previousParagraph(before: p2) == article.paragraphs[1].scalars.lowerBound)
  }

  @Test func offsetsSnapToGraphemeClusters() {
    let etude = article.text.unicodeScalars.distance(
      from: article.text.unicodeScalars.startIndex, to: article.text.unicodeScalars.firstIndex(of: "\u{301}")!)
    #expect(nav.snap(etude) == etude - 1)
    #expect(nav.graphemeEnd(at: etude - 1) == etude + 1)
  }
}

@Suite struct AnchorTextDecodingTests {
  /// The one-pass decoder gives the scalars `unicodeScalars` gives.
  @Test func scalarsAreTheUnicodeScalars() {
    var rng = SystemRandomNumberGenerator()
    let pieces = [
      "a", "é", "\u{0}", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "中", "\u{FFFF}", "😀", "\u{10FFFF}", "\r\n",
    ]
    for _ in 0..<200 {
      let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
      #expect(AnchorText.scalars(of: text) == text.unicodeScalars.map(\.value))
    }
  }
}

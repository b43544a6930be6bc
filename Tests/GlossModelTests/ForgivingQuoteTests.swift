import Testing

@testable import GlossModel

/// Quotes and searches as people type them: straight for curly quotes, `-` for `–`/`—`, `...`
/// for `…`, a space for a no-break space, any case — and the article's own text kept.
@Suite struct ForgivingQuoteTests {
  func anchor(_ s: String) -> (Article, AnchorText) {
    let article = Article(path: "a.txt", string: s)
    return (article, AnchorText(article: article))
  }

  @Test func aStraightApostropheFindsTheCurlyOneAndKeepsIt() {
    let (_, text) = anchor("Why the U.S. Must Not Support Azerbaijan’s War\n\nBody text.")
    guard case .forgiving(let range) = QuoteFinder.find("azerbaijan's war", in: text) else {
      Issue.record("not found forgivingly")
      return
    }
    #expect(text.string(range) == "Azerbaijan’s War")
  }

  @Test func theExactTextWinsAndKeepsEveryOccurrence() {
    let (_, text) = anchor("Baku's port. Baku’s port. Baku's  port.")
    #expect(QuoteFinder.find("Baku's port", in: text) == .exact([0..<11, 26..<38]))
  }

  @Test func dashesEllipsesSpacesAndLineBreaks() {
    let (_, text) = anchor("A pause… then — at last — the\u{00A0}“end”.\n\nNext   paragraph... here.")
    let cases: [(String, String)] = [
      ("a pause... then - at last - the \"end\"", "A pause… then — at last — the\u{00A0}“end”"),
      ("PAUSE…", "pause…"),
      ("end\". next paragraph…", "end”.\n\nNext   paragraph..."),
      ("paragraph… here", "paragraph... here"),
    ]
    for (typed, stored) in cases {
      guard case .forgiving(let range) = QuoteFinder.find(typed, in: text) else {
        Issue.record("\(typed) not found")
        continue
      }
      #expect(text.string(range) == stored, "\(typed)")
    }
  }

  /// Half an ellipsis is not a match: "pause." does not end inside "pause…".
  @Test func aMatchNeverEndsInsideAnEllipsis() {
    let (_, text) = anchor("A pause… then.")
    #expect(QuoteFinder.find("pause.", in: text) == .notFound)
    #expect(QuoteFinder.find(". then", in: text) == .notFound)
  }

  @Test func anAmbiguousForgivingMatchIsNotGuessed() {
    let (_, text) = anchor("Azerbaijan’s war. Then AZERBAIJAN'S WAR again, and azerbaijan‘s war.")
    #expect(QuoteFinder.find("azerbaijan's war", in: text) == .ambiguous(3))
    #expect(QuoteFinder.find("nowhere", in: text) == .notFound)
    #expect(QuoteFinder.find("   ", in: text) == .notFound)
  }

  @Test func foldedTextMapsOffsetsBack() {
    let folded = TextScan.FoldedText("a…b  \n c")
    #expect(folded.scalars == Array("a...b  \n c".unicodeScalars.map(\.value)))
    #expect(folded.textRange(0..<4) == 0..<2)
    #expect(folded.textRange(1..<4) == 1..<2)
    #expect(folded.textRange(1..<3) == nil)
    #expect(folded.textRange(4..<5) == 2..<3)
    let collapsed = TextScan.FoldedText("a…b  \n c", collapsingWhitespace: true)
    #expect(collapsed.scalars == Array("a...b c".unicodeScalars.map(\.value)))
    #expect(collapsed.textRange(4..<7) == 2..<8)
    let plain = TextScan.FoldedText("Plain ’text’")
    #expect(plain.textRange(2..<5) == 2..<5)
  }

  /// `/` in the reader and `gloss search` forgive the ellipsis too, with the article's offsets.
  @Test func searchForgivesEllipses() {
    let article = Article(path: "a.txt", string: "Title\n\nWait… what? And then... nothing…")
    let text = AnchorText(article: article)
    let found = (0..<article.paragraphs.count).flatMap {
      ArticleSearch.matches(of: "...", inParagraph: $0, of: article)
    }
    #expect(found.map { text.string($0) } == ["…", "...", "…"])
    let back = ArticleSearch.find("then…", in: article, from: -1, forward: true)
    #expect(back.map { text.string($0.range) } == "then...")
    let hits = LibrarySearch.search("wait...", articles: [article], annotations: [])
    #expect(hits.map { text.string($0.start..<$0.end) } == ["Wait…"])
    #expect(TextScan.foldedOccurrences(of: "…", in: "a...b…") == [1..<4, 5..<6])
  }
}

import Foundation
import GlossModel
import Testing

@testable import GlossTUI

@Suite struct SearchFoldingTests {
  @Test func curlyAndStraightQuotesDashesAndCaseAreTheSame() {
    let article = Article(
      path: "a.txt",
      string: "A Title Goes Here\n\nWhy the U.S. must not support Azerbaijan’s war — “ill-wishers” said so.")
    let find = { (q: String) in ArticleSearch.find(q, in: article, from: -1, forward: true) != nil }
    #expect(find("Azerbaijan's"))
    #expect(find("AZERBAIJAN’S WAR"))
    #expect(find("war - \"ill-wishers\""))
    #expect(find("war – “ill–wishers”"))
    #expect(!find("Azerbaijans"))
  }
}

@Suite struct LibrarySearchTests {
  let sources = [
    Source(path: "a.txt", text: "First Article Title\n\nAzerbaijan’s war and Azerbaijan's peace. Azerbaijan again."),
    Source(path: "b.txt", text: "Second Article Title\n\nOnce: Azerbaijan."),
    Source(path: "c.txt", text: "Third Article Title\n\nNothing here."),
  ]
  var articles: [Article] { sources.map(\.article) }

  @Test func textNotesAndTagsRankedByArticle() {
    let note = Annotation(
      article: articles[2], range: 21..<28, tags: ["azerbaijan policy"], note: "remember Azerbaijan’s role", now: Date()
    )
    let hits = LibrarySearch.search("azerbaijan's", articles: articles, annotations: [note])
    #expect(hits.map(\.article) == ["a.txt", "a.txt", "c.txt"])
    #expect(hits.map(\.kind) == [.text, .text, .note])
    let all = LibrarySearch.search("azerbaijan", articles: articles, annotations: [note])
    #expect(all.first?.article == "a.txt", "the article with the most matches comes first")
    #expect(all.filter { $0.article == "c.txt" }.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.note, .tag])
    #expect(hits[0].context.contains("Azerbaijan’s war"))
  }

  @Test func searchPaneOpensTheArticleAtTheMatch() {
    let h = Harness(sources)
    h.keys("S")
    h.type("once: azer")
    h.keys("<Enter>")
    #expect(h.state.leftPane == .searchResults)
    #expect(h.screen.contains("“once: azer” (1)"))
    h.keys("<Enter>")
    #expect(h.state.reader?.article.path == "b.txt")
    #expect(h.state.reader?.cursor == 22)
    #expect(h.state.search?.current == 22..<32)
    h.keys("S")
    h.keys("<C-u>")
    h.type("zebra")
    h.keys("<Enter>")
    #expect(h.state.message == "no matches for “zebra” in the library")
  }
}

@Suite struct ListSortAndFilterTests {
  /// Listed by file name: a.txt (Zulu), m.txt (Mike), z.txt (Alpha).
  func harness() throws -> Harness {
    let sources = [
      Source(path: "z.txt", text: "Alpha Headline Of Zed\n\nText."),
      Source(path: "a.txt", text: "Zulu Headline Of Ay\n\nText."),
      Source(path: "m.txt", text: "Mike Headline Of Em\n\nText."),
    ]
    let h = Harness(sources)
    try h.storeAnnotations([
      Annotation(article: sources[2].article, range: 0..<4, now: Date()),
      Annotation(article: sources[2].article, range: 5..<9, now: Date()),
      Annotation(article: sources[1].article, range: 0..<4, now: Date()),
    ])
    h.dispatch(.readingHistory(["a.txt": Date(timeIntervalSince1970: 300), "z.txt": Date(timeIntervalSince1970: 100)]))
    return h
  }

  func titles(_ h: Harness) -> [String] { h.state.listOrder.map { h.state.entries[$0].title } }

  @Test func sortCyclesThroughTitleRecentAndMostAnnotated() throws {
    let h = try harness()
    h.keys("<Tab>")
    #expect(titles(h) == ["Zulu Headline Of Ay", "Mike Headline Of Em", "Alpha Headline Of Zed"])
    h.keys("o")
    #expect(h.state.list.sort == .title)
    #expect(titles(h) == ["Alpha Headline Of Zed", "Mike Headline Of Em", "Zulu Headline Of Ay"])
    h.keys("o")
    #expect(titles(h).prefix(2) == ["Zulu Headline Of Ay", "Alpha Headline Of Zed"])
    h.keys("o")
    #expect(titles(h) == ["Mike Headline Of Em", "Zulu Headline Of Ay", "Alpha Headline Of Zed"])
    #expect(h.screen.contains("most annotated"))
    #expect(h.state.listOrder[h.state.list.cursor] == 0, "the cursor stays on the open article")
    h.keys("g", "<Enter>")
    #expect(h.state.reader?.article.path == "m.txt", "Enter opens what the cursor shows")
  }

  @Test func slashNarrowsAsYouTypeAndEscClears() throws {
    let h = try harness()
    h.keys("<Tab>", "/")
    h.type("he")
    #expect(h.state.listOrder.count == 3)
    h.type("adline of e")
    #expect(titles(h) == ["Mike Headline Of Em"])
    #expect(h.screen.contains("Articles (1/3) /headline of e"))
    h.keys("<Enter>")
    #expect(h.state.list.filter == "headline of e")
    h.keys("<Enter>")
    #expect(h.state.reader?.article.path == "m.txt")
    h.keys("<Tab>", "/", "<Esc>")
    #expect(h.state.list.filter.isEmpty)
    #expect(h.state.listOrder.count == 3)
  }
}

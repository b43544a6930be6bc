import Foundation
import GlossModel
import Testing

@testable import GlossFormats

/// GitHub-flavoured Markdown through libcmark-gfm: each extension, footnotes and anchors.
@Suite struct MarkdownGFMTests {
  func read(_ markdown: String) -> Article {
    MarkdownReader.article(path: "g.md", data: Data(markdown.utf8))
  }

  func paragraph(_ article: Article, containing needle: String) throws -> Paragraph {
    try #require(article.paragraphs.first { article.text[$0.indices].contains(needle) }, "no \(needle)")
  }

  @Test func aTableIsOneBlockOfRowsAndCellsWithItsAlignments() throws {
    let a = read("# T\n\n| Name | Size | Mid |\n|:--|--:|:-:|\n| *a* | 1 | x |\n| b | 22 |\n")
    let table = try paragraph(a, containing: "Name")
    #expect(a.text[table.indices] == "Name\tSize\tMid\na\t1\tx\nb\t22\t")
    #expect(table.block == .table(TableShape(alignments: [.left, .right, .center], headerRows: 1)))
    let emphasis = try #require(a.runs.first { $0.style == .emphasis })
    #expect(a.text.unicodeScalars.dropFirst(emphasis.range.lowerBound).first == "a")
  }

  @Test func strikethroughIsARunAndItsTextStays() throws {
    let a = read("Plans: ~~old~~ new.\n")
    let run = try #require(a.runs.first { $0.style == .strikethrough })
    #expect(a.string(of: a.paragraphs[0]) == "Plans: old new.")
    #expect(run.range == 7..<10)
  }

  @Test func taskListItemsAreBoxes() {
    let a = read("- [ ] todo\n- [x] done\n- plain\n")
    #expect(a.paragraphs.map(\.marker) == ["☐", "☑", "•"])
    #expect(a.paragraphs.map { String(a.string(of: $0)) } == ["todo", "done", "plain"])
  }

  @Test func bareURLsBecomeLinks() {
    let a = read("Visit www.example.org or https://example.com/x today.\n")
    let urls = a.runs.compactMap { run -> String? in
      if case .link(let url) = run.style { return url }
      return nil
    }
    #expect(urls == ["http://www.example.org", "https://example.com/x"])
  }

  @Test func rawHTMLIsShownAsCodeNeverInterpreted() {
    // The tag filter acts when rendering HTML; the reader shows raw HTML as written, as code.
    let a = read("<script>alert(1)</script>\n\nText.\n")
    #expect(a.paragraphs.first?.block == .code)
    #expect(a.string(of: a.paragraphs[0]) == "<script>alert(1)</script>")
  }

  @Test func footnotesAreNumberedListedAtTheEndAndAnchored() throws {
    let a = read("# T\n\nA claim[^b] and another[^a], again[^b].\n\n[^a]: Note A.\n[^b]: Note B.\n\nLast words.\n")
    let body = try paragraph(a, containing: "A claim")
    #expect(a.string(of: body) == "A claim[1] and another[2], again[1].")
    let links = a.runs.compactMap { run -> String? in
      if case .link(let url) = run.style { return url }
      return nil
    }
    #expect(links == ["#fn-b", "#fn-a", "#fn-b"])
    // The notes come last, after a rule, in the order they are first referred to.
    let last = a.paragraphs.suffix(3)
    #expect(last.first?.block == .rule)
    #expect(last.dropFirst().map(\.marker) == ["[1]", "[2]"])
    #expect(last.dropFirst().map { String(a.string(of: $0)) } == ["Note B.", "Note A."])
    let noteB = try #require(a.anchors["fn-b"])
    #expect(a.string(of: a.paragraphs[try #require(a.paragraphIndex(containing: noteB))]) == "Note B.")
    // The references are the way back: the first and a numbered second.
    let start = body.scalars.lowerBound
    #expect(a.anchors["fnref-b"] == start + 7)
    #expect(a.anchors["fnref-a"] == start + 22)
    #expect(a.anchors["fnref-b-2"] == start + 32)
  }

  @Test func aReferenceInATableCellIsAnchoredWhereItIs() throws {
    let a = read("# T\n\n| a | b |\n|---|---|\n| x | y[^c] |\n\n[^c]: Cell note.\n")
    let table = try paragraph(a, containing: "a\tb")
    #expect(a.string(of: table) == "a\tb\nx\ty[1]")
    #expect(a.anchors["fnref-c"] == table.scalars.lowerBound + 7)
    #expect(a.anchors["fn-c"] != nil)
  }

  @Test func headingsGetGitHubSlugs() {
    let a = read("# Gloss\n\n## Installation\n\nx\n\n## Installation\n\n### What's *new*, 2.0?\n\n## Über Café\n")
    #expect(a.anchors["installation"] != nil)
    #expect(a.anchors["installation-1"] != nil)
    #expect(a.anchors["whats-new-20"] != nil)
    #expect(a.anchors["über-café"] != nil)
    #expect(a.anchors["gloss"] == 0)
    #expect(MarkdownReader.slug("Hello, World! -- ok_1") == "hello-world----ok_1")
  }

  @Test func aLinkToAHeadingPointsAtItsAnchor() throws {
    let a = read("# T\n\nSee [setup](#set-up).\n\n## Set up\n\nSteps.\n")
    let target = try #require(a.anchors["set-up"])
    #expect(a.text.unicodeScalars.dropFirst(target).prefix(6).map(String.init).joined() == "Set up")
  }
}

import Foundation
import GlossModel
import Testing

@testable import GlossFormats

/// One test per reader-mode rule (the corpus in `ReaderModeTests` checks them together).
@Suite struct ReaderRuleTests {
  func read(_ html: String) -> Article { HTMLReader.article(path: "page.html", data: Data(html.utf8)) }
  func body(_ inner: String, head: String = "") -> String {
    "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\(head)</head><body>\(inner)</body></html>"
  }
  let story = Stories.harbour

  @Test func aTeaserArticleLosesToTheStoryElsewhere() {
    let a = read(body(Furniture.teaserCard(7) + "<div class=\"x\"><h1>\(story.headline)</h1>\(story.html)</div>"))
    #expect(a.text.contains(story.paragraphs[2]))
    #expect(!a.text.contains("Teaser headline number 7"))
  }

  @Test func theArticleKeepsItsHeaderAndTheHeadlineOnce() {
    let a = read(
      body(
        "<h1>\(story.headline)</h1><article><header><h1>\(story.headline)</h1><p class=\"standfirst\">The standfirst "
          + "sentence.</p><p class=\"byline\">By A. Writer</p></header>\(story.html)</article>",
        head: "<title>\(story.headline)</title>"))
    let texts = paragraphTexts(a)
    #expect(texts.contains("The standfirst sentence.") && texts.contains("By A. Writer"))
    #expect(texts.filter { $0 == story.headline }.count == 1)
    #expect(a.titleParagraph == 0)
  }

  @Test func aPageWithoutArticleLosesItsSidebarCommentsAndLinkLists() {
    let a = read(
      body(
        "<div id=\"content\"><div class=\"post\">\(story.html)</div>\(Furniture.comments(6))</div>"
          + Furniture.sidebar() + Furniture.linkList(300) + Furniture.cookieBanner + Furniture.newsletter))
    #expect(wordF1(a.text, expected: story.paragraphs.joined(separator: " ")).f1 == 1)
  }

  @Test(arguments: [
    "<div style=\"display: none\">SECRET</div>", "<div style=\"VISIBILITY:HIDDEN\">SECRET</div>",
    "<div hidden>SECRET</div>", "<p aria-hidden=\"true\">SECRET</p>", "<template><p>SECRET</p></template>",
    "<noscript><p>SECRET</p></noscript>", "<span style=\"color:red;display:none\">SECRET</span>",
  ])
  func hiddenElementsAreNotRead(hidden: String) {
    let a = read(body("<article><p>Visible words here.</p>\(hidden)<p>More visible words.</p></article>"))
    #expect(!a.text.contains("SECRET"))
    #expect(a.text.contains("Visible words here."))
  }

  @Test func utf8BytesWinOverTheDeclaredCharset() throws {
    for charset in ["gb2312", "iso-8859-1", "windows-1252", "shift_jis"] {
      let a = read(
        "<html><head><meta charset=\"\(charset)\"></head><body><p>城市里的屋顶菜园 — Écoles, naïve</p></body></html>")
      #expect(paragraphTexts(a) == ["城市里的屋顶菜园 — Écoles, naïve"], "\(charset)")
    }
    // Real GB2312 bytes still read as GB2312 ("中文"), and a UTF-8 BOM wins over the meta tag.
    var gb = Data("<html><head><meta charset=\"gb2312\"></head><body><p>".utf8)
    gb.append(contentsOf: [0xD6, 0xD0, 0xCE, 0xC4])
    gb.append(Data("</p></body></html>".utf8))
    #expect(paragraphTexts(HTMLReader.article(path: "gb.html", data: gb)) == ["中文"])
    let bom = Data([0xEF, 0xBB, 0xBF]) + Data("<meta charset=\"iso-8859-1\"><p>Écoles</p>".utf8)
    #expect(paragraphTexts(HTMLReader.article(path: "bom.html", data: bom)) == ["Écoles"])
  }

  @Test func html5NamedReferencesAreDecoded() {
    let a = read(
      body("<p>90&percnt; &check; a&NewLine;b &NotEqualTilde; &amp;percnt; &nosuchname; &lt;&gt; caf&eacute;</p>"))
    #expect(paragraphTexts(a) == ["90% ✓ a b \u{2242}\u{338} &percnt; &nosuchname; <> café"])
    #expect(HTMLEntities.codePoints.count == 2125)
  }

  @Test func theEncodingOverrideIsUTF8OnlyForUTF8Bytes() {
    #expect(TextDecoding.webPageEncodingOverride(Data("<p>naïve</p>".utf8)) == "UTF-8")
    #expect(TextDecoding.webPageEncodingOverride(Data([0x3C, 0x70, 0x3E, 0xE9, 0x3C])) == nil)  // Latin-1 é
    #expect(TextDecoding.webPageEncodingOverride(Data("\u{1B}$B".utf8)) == nil)  // ISO-2022-JP
    #expect(TextDecoding.webPageEncodingOverride(Data([0xFF, 0xFE, 0x3C, 0])) == nil)  // UTF-16 by its BOM
    #expect(TextDecoding.webPageEncodingOverride(Data([0xEF, 0xBB, 0xBF, 0xE9])) == "UTF-8")
  }

  @Test func hostileReferencesAreLeftAsTheyAre() {
    let plain = Data("no references here".utf8)
    #expect(HTMLEntities.numericReferences(plain) == plain)
    let odd = String(repeating: "&", count: 50_000) + "&percnt &" + String(repeating: "a", count: 40) + "; &percnt"
    let a = read(body("<p>\(odd)</p>"))
    #expect(a.text.hasSuffix("&percnt &" + String(repeating: "a", count: 40) + "; &percnt"))
  }

  @Test func aButtonInTheStoryDoesNotMakeItAForm() {
    let p = story.paragraphs.map { "<p>\($0)</p>" }
    let a = read(
      body("<article>\(p[0])<div class=\"inset\"><button>Listen</button>\(p[1])\(p[2])</div>\(p[3])\(p[4])</article>"))
    #expect(wordF1(a.text, expected: story.paragraphs.joined(separator: " ")).f1 == 1)
  }

  @Test func advertisingIsKnownByWholeWords() {
    #expect(HTMLDOM.isAdvertising("ad-slot top"))
    #expect(HTMLDOM.isAdvertising("story ads_wrapper"))
    #expect(HTMLDOM.isAdvertising("dfp-ad"))
    #expect(!HTMLDOM.isAdvertising("article-head-line lead-in download-box"))
  }

  @Test func listsKeepChildrenThatAreNotItems() {
    let a = read(body("<ul><p>Intro line.</p><div><li>One.</li><li>Two.</li></div>Stray text.</ul>"))
    #expect(paragraphTexts(a) == ["Intro line.", "One.", "Two.", "Stray text."])
    #expect(a.paragraphs.map(\.marker) == [nil, "•", "•", nil])
    #expect(a.paragraphs.allSatisfy { $0.listDepth == 1 })
  }

  @Test func dataTablesBecomeTableBlocks() throws {
    let a = read(
      body(
        "<table><thead><tr><th>Year</th><th style=\"text-align: right\">Sites</th></tr></thead><tbody>"
          + "<tr><td>2012</td><td align=\"right\"><a href=\"/s\">14</a></td></tr><tr><td colspan=\"2\">All</td></tr>"
          + "</tbody></table>"))
    let table = try #require(a.paragraphs.first { if case .table = $0.block { true } else { false } })
    #expect(String(a.string(of: table)) == "Year\tSites\n2012\t14\nAll\t")
    #expect(table.block == .table(TableShape(alignments: [.none, .right], headerRows: 1)))
    let link = try #require(a.runs.first { $0.style == .link("/s") })
    let start = table.scalars.lowerBound + "Year\tSites\n2012\t".unicodeScalars.count
    #expect(link.range == start..<(start + 2))
  }

  @Test(arguments: [
    "<table><tr><td>Only one column</td></tr><tr><td>Second row</td></tr></table>",
    "<table><tr><td><p>Block</p><p>content</p></td><td>Side</td></tr><tr><td>a</td><td>b</td></tr></table>",
    "<table role=\"presentation\"><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
  ])
  func layoutTablesAreReadAsParagraphs(html: String) {
    let a = read(body(html))
    #expect(!a.paragraphs.contains { if case .table = $0.block { true } else { false } })
    #expect(!a.paragraphs.isEmpty)
  }

  @Test func idsBecomeAnchorsAtTheBlocksTheyStart() throws {
    let a = read(
      body(
        "<article><h2 id=\"intro\">Intro</h2><p>Text with a mark<sup><a href=\"#fn1\">1</a></sup>.</p>"
          + "<p><a name=\"old\"></a>Old-style anchor.</p><ol><li id=\"fn1\">The note.</li></ol></article>"))
    let texts = paragraphTexts(a)
    for (id, text) in [("intro", "Intro"), ("old", "Old-style anchor."), ("fn1", "The note.")] {
      let index = try #require(texts.firstIndex(of: text))
      #expect(a.anchors[id] == a.paragraphs[index].scalars.lowerBound, "\(id)")
    }
  }

  @Test func struckTextIsStrikethrough() {
    let a = read(body("<p><s>one</s> <del>two</del> <strike>three</strike> four</p>"))
    #expect(a.runs.filter { $0.style == .strikethrough }.map(\.range) == [0..<3, 4..<7, 8..<13])
  }

  @Test func aParagraphOf32000LinksIsQuick() {
    let links = (0..<32_000).map { "<a href=\"/l\($0)\">link \($0)</a>" }.joined(separator: " ")
    let page = Data("<html><body><p>\(links)</p></body></html>".utf8)
    var article: Article?
    let elapsed = ContinuousClock().measure { article = HTMLReader.article(path: "links.html", data: page) }
    #expect(elapsed < .seconds(2), "\(elapsed)")
    #expect(article?.runs.count == 32_000)
  }

  @Test func parsingABrokenPagePrintsNothing() throws {
    var page = Data("<html><head><meta charset=\"utf-8\"><body><p>Open <b><i>tags &bogus <table><td>x</p>".utf8)
    page.append(contentsOf: [0xC3, 0x28, 0xFF])  // invalid UTF-8
    page.append(Data("<p>After</div></span></html></html><!-- unclosed".utf8))
    var article: Article?
    let printed = try capturingStandardError { article = HTMLReader.article(path: "broken.html", data: page) }
    #expect(!printed.contains("parser error") && !printed.contains("HTML parser"), "\(printed)")
    #expect(try #require(article).text.contains("After"))
  }
}

@Suite struct ReaderTitleTests {
  func title(_ head: String, body: String = "<p>Words.</p>") -> String {
    HTMLReader.article(path: "t.html", data: Data("<html><head>\(head)</head><body>\(body)</body></html>".utf8)).title
  }

  @Test func theSiteNameIsStrippedOnlyWhenItIsTheSite() {
    let site = "<meta property=\"og:site_name\" content=\"The Ledger\">"
    #expect(title(site + "<title>Rates rise | The Ledger</title>") == "Rates rise")
    #expect(title(site + "<title>The Ledger: Rates rise</title>") == "Rates rise")
    #expect(title(site + "<title>Ledger – Rates rise</title>") == "Rates rise")
    #expect(
      title("<meta property=\"og:url\" content=\"https://www.ledger.example/x\"><title>Rates rise - Ledger</title>")
        == "Rates rise")
    #expect(
      title("<link rel=\"canonical\" href=\"https://ledger.example/x\"><title>Rates rise | ledger.example</title>")
        == "Rates rise")
    // Not the site: titles keep their own separators.
    #expect(title(site + "<title>Cats | Dogs: a history</title>") == "Cats | Dogs: a history")
    #expect(title("<title>Before - After</title>") == "Before - After")
  }

  @Test func theHeadlineAroundWhichTheTitleAddsASiteIsTheTitle() {
    #expect(
      title("<title>Rates rise | Somewhere</title>", body: "<article><h1>Rates rise</h1><p>Words.</p></article>")
        == "Rates rise")
    #expect(title("<meta property=\"og:title\" content=\"From OG\"><title>Other</title>") == "From OG")
    // A logo in an <h1> is not the title.
    #expect(
      title("<title>Rates rise again this year | Ledger</title>", body: "<h1>Ledger</h1><p>Words.</p>")
        == "Rates rise again this year | Ledger")
  }
}

import Foundation
import GlossModel
import Testing

@testable import GlossFormats

func paragraphTexts(_ a: Article) -> [String] { a.paragraphs.map { String(a.string(of: $0)) } }

let sampleMarkdown = """
  ---
  title: "Reading Notes: Caucasus"
  author: Jane Doe
  date: 2024-05-01
  source: https://example.com/notes
  ---

  # Reading Notes: Caucasus

  Some *emphasis*, some **strong text**, `inline code` and a [link](https://example.com/a).

  > A quoted passage
  > that spans two lines.

  - first item
  - second item
    1. nested one
    2. nested two

  ```
  let x = 1
    indented
  ```

  ---

  ![a map of the region](map.png)

  ## Second *heading*

  Line one\\
  line two.
  """

@Suite struct MarkdownReaderTests {
  let article = MarkdownReader.article(path: "notes.md", data: Data(sampleMarkdown.utf8))

  @Test func frontMatterGivesTitleAndBylineAndIsNotText() {
    #expect(article.title == "Reading Notes: Caucasus")
    #expect(article.byline == ["Jane Doe · 2024-05-01 · https://example.com/notes"])
    #expect(!article.text.contains("author:"))
    #expect(!article.text.contains("---"))
    #expect(article.titleParagraph == 0, "the H1 repeating the title is the headline")
  }

  @Test func textIsWhatTheReaderSeesWithoutSyntax() {
    let texts = paragraphTexts(article)
    #expect(texts.contains("Some emphasis, some strong text, inline code and a link."))
    #expect(texts.contains("A quoted passage that spans two lines."))
    #expect(texts.contains("let x = 1\n  indented"))
    #expect(texts.contains("[image: a map of the region]"))
    #expect(texts.contains("Line one\nline two."))
    #expect(!article.text.contains("*"))
    #expect(!article.text.contains("`"))
  }

  @Test func blockStylesAndRuns() throws {
    let p = article.paragraphs
    #expect(p[0].block == .heading(1))
    #expect(p.contains { $0.block == .heading(2) })
    #expect(p.contains { $0.block == .code })
    #expect(p.contains { $0.block == .rule })
    let quote = try #require(p.first { String(article.string(of: $0)).hasPrefix("A quoted") })
    #expect(quote.quoteDepth == 1)
    let items = p.filter { $0.listDepth > 0 }
    #expect(items.map(\.marker) == ["•", "•", "1.", "2."])
    #expect(items.map(\.listDepth) == [1, 1, 2, 2])
    let text = AnchorText(article: article)
    let styled = article.runs.map { (text.string($0.range), $0.style) }
    #expect(styled.contains { $0.0 == "emphasis" && $0.1 == .emphasis })
    #expect(styled.contains { $0.0 == "strong text" && $0.1 == .strong })
    #expect(styled.contains { $0.0 == "inline code" && $0.1 == .code })
    #expect(styled.contains { $0.0 == "link" && $0.1 == .link("https://example.com/a") })
    #expect(styled.contains { $0.0 == "heading" && $0.1 == .emphasis })
  }

  @Test func layoutShowsMarkersQuoteBarsHeadingLevelsLinksAndClipsCode() {
    let long = MarkdownReader.article(
      path: "c.md",
      data: Data(
        ("# T\n\n```\n\(String(repeating: "x", count: 200))\n```\n\n"
          + "1. a list item that is long enough to wrap onto a second line here\n").utf8))
    let layout = ArticleLayout(article: long, width: 30)
    let code = layout.lines(ofBlock: 1)
    #expect(code.count == 1 && code[0].clipped && code[0].width <= 30)
    let item = layout.lines(ofBlock: 2)
    #expect(item.count >= 2)
    #expect(item[0].prefix == "1. ")
    #expect(item[1].prefix == "   ", "hanging indent")
    let full = ArticleLayout(article: article, width: 60)
    var prefixes: [String] = []
    var urls: [String] = []
    for block in 1..<full.blockCount {
      for line in full.lines(ofBlock: block) {
        prefixes.append(line.prefix)
        for piece in line.pieces where piece.kind == .linkLabel(1) { urls.append(String(piece.text)) }
      }
    }
    #expect(prefixes.contains("▎ "))
    #expect(prefixes.contains("## "))
    #expect(urls == ["¹"], "the link's number follows its text")
    #expect(full.links(in: 0..<article.scalarCount).map(\.url) == ["https://example.com/a"])
  }

  @Test func malformedMarkdownStillReads() {
    let a = MarkdownReader.article(
      path: "m.md",
      data: Data("---\ntitle: unterminated\n\n*open **nested [link]( <b>\n\n\u{1B}[2J".utf8) + Data([0xFF, 0xFE]))
    #expect(!a.paragraphs.isEmpty)
  }
}

@Suite struct HTMLReaderTests {
  func page(_ body: String, head: String = "", charset: String = "utf-8") -> Data {
    Data("<!DOCTYPE html><html><head><meta charset=\"\(charset)\">\(head)</head><body>\(body)</body></html>".utf8)
  }

  @Test func keepsTheArticleAndDropsTheRest() {
    let html = page(
      """
      <nav><a href="/">Home</a> <a href="/about">About</a></nav>
      <header><div class="logo">Site Name</div></header>
      <article><h1>The Real Headline</h1>
      <p>Caf&eacute; &amp; cr&egrave;me &mdash; it&#8217;s <em>fine</em>, <a href="https://x.org">a link</a>.</p>
      <!-- a comment -->
      <script>document.write("<p>injected</p>")</script>
      <ul><li>one</li><li>two <b>bold</b></li></ul>
      <blockquote><p>quoted words</p></blockquote>
      <pre>code
        indented</pre>
      <form><input value="x"><button>Send</button></form>
      <img src="m.png" alt="A map">
      </article>
      <aside>Related: other stories</aside><footer>Copyright 2024</footer>
      """,
      head:
        "<title>Site | A Page</title><meta property=\"og:title\" content=\"The Real Headline\">"
        + "<style>p { color: red }</style>"
    )
    let a = HTMLReader.article(path: "page.html", data: html)
    #expect(a.title == "The Real Headline")
    let texts = paragraphTexts(a)
    #expect(texts.contains("Café & crème — it’s fine, a link."))
    #expect(texts.contains("one") && texts.contains("two bold"))
    #expect(texts.contains("quoted words"))
    #expect(texts.contains { $0.hasPrefix("code\n") })
    #expect(texts.contains("[image: A map]"))
    for gone in ["Home", "About", "Site Name", "injected", "color", "Send", "Related", "Copyright", "a comment"] {
      #expect(!a.text.contains(gone), "\(gone) should be dropped")
    }
    #expect(a.paragraphs.first { String(a.string(of: $0)) == "quoted words" }?.quoteDepth == 1)
    #expect(a.runs.contains { $0.style == .link("https://x.org") })
    #expect(a.runs.contains { $0.style == .emphasis })
  }

  @Test func honoursTheDeclaredCharset() {
    // "Café crème" in ISO-8859-1 bytes, declared in a meta tag.
    var data = Data(
      ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
        + "<title>T</title></head><body><p>Caf").utf8)
    data.append(0xE9)
    data.append(Data(" cr".utf8))
    data.append(0xE8)
    data.append(Data("me</p></body></html>".utf8))
    let a = HTMLReader.article(path: "latin1.html", data: data)
    #expect(paragraphTexts(a).contains("Café crème"))
    // windows-1251 (Cyrillic): "Мир"
    var cyr = Data("<html><head><meta charset=\"windows-1251\"></head><body><p>".utf8)
    cyr.append(contentsOf: [0xCC, 0xE8, 0xF0])
    cyr.append(Data("</p></body></html>".utf8))
    #expect(paragraphTexts(HTMLReader.article(path: "c.html", data: cyr)).contains("Мир"))
  }

  @Test func titleFallsBackToTitleThenH1() {
    #expect(
      HTMLReader.article(path: "a.html", data: page("<p>text</p>", head: "<title> The  Title </title>")).title
        == "The Title")
    #expect(HTMLReader.article(path: "b.html", data: page("<h1>Only H1</h1><p>text</p>")).title == "Only H1")
  }

  /// Broken pages, by name, with the words each must still show.
  static let malformedPages: [String: (html: String, words: [String])] = [
    "unclosed": ("<p>unclosed <b>bold <i>both</p><div><p>more", ["unclosed", "bold", "both", "more"]),
    "brackets": ("<<<>>>&&&;;; <p", [">>>&&&;;;"]),
    "empty": ("", []),
    "controls": ("\u{0}\u{1B}[2J<p>nul and escape</p>", ["nul", "and", "escape"]),
    "deep": (String(repeating: "<div>", count: 3000) + "deep" + String(repeating: "</div>", count: 3000), ["deep"]),
  ]

  @Test(arguments: ["unclosed", "brackets", "empty", "controls", "deep"])
  func malformedPagesNeverCrash(name: String) throws {
    let (html, words) = try #require(Self.malformedPages[name])
    let a = HTMLReader.article(path: "bad.html", data: Data(html.utf8))
    let found = a.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    #expect(found.filter { words.contains($0) } == words, "\(a.text.debugDescription)")
    #expect(a.wordCount >= words.count)
    #expect(words.isEmpty == a.paragraphs.isEmpty)
  }
}

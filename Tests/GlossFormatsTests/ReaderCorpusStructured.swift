import Foundation

extension ReaderCorpus {
  static let docsNav: String = {
    let tree = (1...40).map { "<li><a href=\"/docs/page\($0)\">Reference page \($0)</a></li>" }.joined()
    return "<div class=\"docs-sidebar\"><ul class=\"toc\">\(tree)</ul></div>"
  }()

  static let structured: [CorpusPage] = [
    CorpusPage(
      name: "docs-with-nav-tree",
      html: Furniture.page(
        "<div class=\"layout\">\(docsNav)<div role=\"main\" class=\"document\"><h1>Configuring the parser</h1>"
          + "<p>\(Stories.parser.paragraphs[0])</p><pre><code>max_depth = 64\ntimeout = \"2s\"</code></pre>"
          + "<p>\(Stories.parser.paragraphs[1])</p><h2>Limits</h2><p>\(Stories.parser.paragraphs[2])</p>"
          + "<ol><li>Depth, in levels.</li><li>Size, in bytes.</li><li>Time, in seconds.</li></ol></div></div>",
        title: "Configuring the parser"),
      expected: Stories.parser.headline + "\n" + Stories.parser.paragraphs[0] + "\nmax_depth = 64\ntimeout = \"2s\"\n"
        + Stories.parser.paragraphs[1] + "\nLimits\n" + Stories.parser.paragraphs[2]
        + "\nDepth, in levels.\nSize, in bytes.\nTime, in seconds.",
      title: "Configuring the parser"),
    CorpusPage(
      name: "article-header-standfirst-byline",
      html: Furniture.page(
        Furniture.siteHeader("Ledger")
          + "<article><header><h1>\(Stories.battery.headline)</h1><p class=\"standfirst\">Two of four lines stand "
          + "idle nine months after opening.</p><div class=\"byline\">By <a href=\"/ana\">Ana Ruiz</a>, industry "
          + "correspondent</div>" + Furniture.shareBar + "</header>"
          + Stories.battery.html + "</article>" + Furniture.footer, title: "\(Stories.battery.headline) | Ledger",
        head: "<meta property=\"og:title\" content=\"\(Stories.battery.headline)\">"),
      expected: Stories.battery.headline
        + "\nTwo of four lines stand idle nine months after opening.\nBy Ana Ruiz, industry correspondent\n"
        + Stories.battery.paragraphs.joined(separator: "\n"),
      title: Stories.battery.headline),
    CorpusPage(
      name: "data-table",
      html: Furniture.page(
        "<article><h1>\(Stories.bees.headline)</h1><p>\(Stories.bees.paragraphs[0])</p>"
          + "<table><thead><tr><th>Year</th><th align=\"right\">Sites</th><th>Volunteers</th></tr></thead>"
          + "<tbody><tr><td>2012</td><td align=\"right\">14</td><td>12</td></tr>"
          + "<tr><td>2018</td><td align=\"right\">160</td><td>95</td></tr>"
          + "<tr><td>2024</td><td align=\"right\">412</td><td><a href=\"/v\">310</a></td></tr></tbody></table>"
          + "<p>\(Stories.bees.paragraphs[1])</p><p>\(Stories.bees.paragraphs[2])</p></article>",
        title: Stories.bees.headline),
      expected: Stories.bees.headline + "\n" + Stories.bees.paragraphs[0]
        + "\nYear Sites Volunteers 2012 14 12 2018 160 95 2024 412 310\n" + Stories.bees.paragraphs[1] + "\n"
        + Stories.bees.paragraphs[2], title: Stories.bees.headline),
    CorpusPage(
      name: "list-with-non-li-children",
      html: Furniture.page(
        "<div class=\"entry-content\"><h1>\(Stories.trains.headline)</h1><p>\(Stories.trains.paragraphs[0])</p>"
          + "<ul><p>The new routes, in order of opening:</p><div><li>North coast, in May.</li>"
          + "<li>The lakes, in September.</li></div>Mountain line, next year.</ul>"
          + "<p>\(Stories.trains.paragraphs[1])</p><p>\(Stories.trains.paragraphs[2])</p></div>",
        title: Stories.trains.headline),
      expected: Stories.trains.headline + "\n" + Stories.trains.paragraphs[0]
        + "\nThe new routes, in order of opening:\nNorth coast, in May.\nThe lakes, in September.\nMountain line, next year.\n"
        + Stories.trains.paragraphs[1] + "\n" + Stories.trains.paragraphs[2], title: Stories.trains.headline),
    CorpusPage(
      name: "footnotes-and-entities",
      html: Furniture.page(
        "<article><h1 id=\"top\">\(Stories.footnotes.headline)</h1>"
          + "<p id=\"p1\">\(Stories.footnotes.paragraphs[0])<sup><a href=\"#fn1\">1</a></sup></p>"
          + "<p>\(Stories.footnotes.paragraphs[1]) About 90&percnt; of them&comma; anyway&excl;</p>"
          + "<p>\(Stories.footnotes.paragraphs[2])</p><ol class=\"footnotes\"><li id=\"fn1\">See the "
          + "<a href=\"https://example.org/history\">printing history</a>, chapter two.</li></ol></article>",
        title: Stories.footnotes.headline),
      expected: Stories.footnotes.headline + "\n" + Stories.footnotes.paragraphs[0] + "1\n"
        + Stories.footnotes.paragraphs[1] + " About 90% of them, anyway!\n" + Stories.footnotes.paragraphs[2]
        + "\nSee the printing history, chapter two.", title: Stories.footnotes.headline),
    CorpusPage(
      name: "main-with-aside-and-share",
      html: Furniture.page(
        Furniture.cookieBanner + "<main><div class=\"story\"><h1>\(Stories.library.headline)</h1>"
          + Furniture.shareBar + Stories.library.html + "</div><aside class=\"related\">" + Furniture.related(8)
          + "</aside></main>" + Furniture.footer, title: "\(Stories.library.headline) :: Weekly Post",
        head: "<meta property=\"og:site_name\" content=\"Weekly Post\">"),
      expected: Stories.library.expected, title: Stories.library.headline),
  ]
}

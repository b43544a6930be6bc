import Foundation

/// Pages shaped like today's big news and blogging sites: component blocks, rich links and
/// tag lists between paragraphs, deep nesting, and "more from" cards with summaries of their own.
extension ReaderCorpus {
  static let componentNews: CorpusPage = {
    let s = Stories.harbour
    let blocks = s.paragraphs.enumerated().map { i, p in
      "<div data-component=\"text-block\"><p>\(p)</p></div>"
        + (i == 1
          ? "<div data-component=\"links-block\"><ul><li><a href=\"/r1\">Sea walls: are they worth it?</a></li>"
            + "<li><a href=\"/r2\">The town that moved inland</a></li></ul></div>" : "")
    }
    let more = (1...6).map {
      "<div class=\"promo\"><a href=\"/m\($0)\"><h3>More news, item \($0)</h3></a><p>Summary \($0).</p></div>"
    }
    return CorpusPage(
      name: "component-news",
      html: Furniture.page(
        Furniture.skipLink + Furniture.cookieBanner
          + "<main id=\"main-content\"><article><header><h1>\(s.headline)</h1>"
          + "</header>\(blocks.joined())<section data-component=\"tag-list\"><ul><li><a href=\"/t/c\">Climate</a></li>"
          + "<li><a href=\"/t/e\">Engineering</a></li></ul></section></article>"
          + "<section aria-labelledby=\"more\"><h2 id=\"more\">More stories</h2>\(more.joined())</section></main>",
        title: "\(s.headline) - BBN News", head: "<meta property=\"og:site_name\" content=\"BBN News\">"),
      expected: s.expected, title: s.headline)
  }()

  static let moreFromCards: CorpusPage = {
    let s = Stories.library
    let cards = (1...8).map {
      "<div class=\"card\"><h2><a href=\"/p\($0)\">Another essay by the same writer, number \($0)</a></h2><p>A summary "
        + "of the essay, which is about bicycles, books, and the roads between villages, and which runs to a "
        + "couple of lines, number \($0).</p></div>"
    }
    let deep =
      "<div class=\"a\"><div class=\"b\"><div class=\"c\"><section><div>\(s.html)</div></section></div></div></div>"
    return CorpusPage(
      name: "more-from-cards",
      html: Furniture.page(
        "<div id=\"root\"><div class=\"page\"><article><h1>\(s.headline)</h1>\(deep)</article>"
          + "<div class=\"more-from\"><h2>More from this writer</h2>\(cards.joined())</div></div></div>",
        title: s.headline),
      expected: s.expected, title: s.headline)
  }()

  static let richLinksAndStandfirst: CorpusPage = {
    let s = Stories.election
    let body = s.paragraphs.enumerated().map { i, p in
      "<p>\(p)</p>"
        + (i == 0
          ? "<aside class=\"element-rich-link\"><p>Related: <a href=\"/x\">What the constitution changed</a></p></aside>"
          : "")
    }
    return CorpusPage(
      name: "rich-links-and-standfirst",
      html: Furniture.page(
        Furniture.siteHeader("The Sentinel") + "<div class=\"content__head\"><h1>\(s.headline)</h1>"
          + "<div class=\"standfirst\"><p>Officials say turnout passed sixty percent.</p></div></div>"
          + "<div id=\"maincontent\"><div class=\"article-body-commercial-selector\">\(body.joined())</div>"
          + "<div class=\"submeta\"><a href=\"/t/1\">Elections</a> <a href=\"/t/2\">Politics</a></div></div>"
          + Furniture.footer, title: "\(s.headline) | The Sentinel"),
      expected: s.expected, title: s.headline)
  }()

  static let bannerInWrapper = CorpusPage(
    name: "banner-in-wrapper",
    html: Furniture.page(
      "<div id=\"page\"><header role=\"banner\"><div class=\"brand\">Quiet Notes</div><p>Essays on quiet "
        + "things, written slowly, in a small town, by one person.</p></header><h1>\(Stories.footnotes.headline)</h1>"
        + Stories.footnotes.html + "</div>", title: Stories.footnotes.headline),
    expected: Stories.footnotes.expected, title: Stories.footnotes.headline)

  static let news: [CorpusPage] = [componentNews, moreFromCards, richLinksAndStandfirst, bannerInWrapper]
}

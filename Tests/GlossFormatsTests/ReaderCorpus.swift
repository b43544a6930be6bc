import Foundation

/// Saved pages of different shapes, written for these tests, each with the article text and
/// title a reader mode should find (see `ReaderModeTests`).
struct CorpusPage: Sendable, CustomStringConvertible {
  var name: String
  var html: String
  var expected: String
  var title: String
  var description: String { name }
}

enum ReaderCorpus {
  typealias F = Furniture
  typealias S = Stories

  static let pages: [CorpusPage] = english + international + structured + hard + news

  static let english: [CorpusPage] = [
    CorpusPage(
      name: "teaser-first",
      html: F.page(
        F.siteHeader("The Morning Ledger") + F.teaserCard(1)
          + "<div class=\"story-body\"><h1>\(S.harbour.headline)</h1>\(S.harbour.html)</div>" + F.related()
          + F.footer, title: "\(S.harbour.headline) | The Morning Ledger",
        head: "<meta property=\"og:site_name\" content=\"The Morning Ledger\">"),
      expected: S.harbour.expected, title: S.harbour.headline),
    CorpusPage(
      name: "related-cards-before-story",
      html: F.page(
        F.siteHeader("Ledger") + "<main><div class=\"rail\">" + (1...5).map(F.teaserCard).joined() + "</div>"
          + "<article class=\"story\"><h1>\(S.library.headline)</h1>\(S.library.html)\(F.shareBar)</article>"
          + "</main>" + F.footer, title: "\(S.library.headline) - Ledger",
        head: "<meta property=\"og:url\" content=\"https://www.ledger.example/books/card\">"),
      expected: S.library.expected, title: S.library.headline),
    CorpusPage(
      name: "blog-with-sidebar-and-comments",
      html: F.page(
        "<div id=\"wrapper\"><div id=\"masthead\"><h2>Slow Kitchen</h2></div><div id=\"content\">"
          + "<div class=\"post hentry\"><h1 class=\"entry-title\">\(S.sourdough.headline)</h1>"
          + "<div class=\"entry-content\">\(S.sourdough.html)</div></div>" + F.comments(8) + "</div>" + F.sidebar()
          + "</div>", title: "\(S.sourdough.headline) – Slow Kitchen",
        head: "<meta property=\"og:site_name\" content=\"Slow Kitchen\">"),
      expected: S.sourdough.expected, title: S.sourdough.headline),
    CorpusPage(
      name: "hidden-menus-and-templates",
      html: F.page(
        "<div class=\"mega-menu\" style=\"display: none\"><p>Sections: world news, politics, business news, science, "
          + "health, culture, books, film, music, television, and every other section of the paper, listed again.</p></div>"
          + "<template><p>Template words that are never shown, with commas, commas, commas, and more commas.</p></template>"
          + "<div hidden><p>A hidden paragraph with a lot of words that a reader must never see, not even once.</p></div>"
          + "<div class=\"wrap\"><h1>\(S.trains.headline)</h1>\(S.trains.html)"
          + "<p aria-hidden=\"true\">Screen-reader-hidden duplicate of the headline and the first paragraph.</p>"
          + "<div style=\"visibility:hidden\"><p>Invisible paragraph about something else entirely.</p></div></div>",
        title: S.trains.headline),
      expected: S.trains.expected, title: S.trains.headline),
    CorpusPage(
      name: "huge-link-list",
      html: F.page(
        F.siteHeader("Ledger") + "<div class=\"content\"><h1>\(S.battery.headline)</h1>\(S.battery.html)</div>"
          + F.linkList(600) + F.footer, title: S.battery.headline),
      expected: S.battery.expected, title: S.battery.headline),
    CorpusPage(
      name: "news-skip-cookie-newsletter",
      html: F.page(
        F.cookieBanner + F.siteHeader("The Courier")
          + "<main id=\"main\"><article><h1>\(S.election.headline)</h1>\(F.shareBar)"
          + S.election.paragraphs.prefix(2).map { "<p>\($0)</p>" }.joined() + F.newsletter
          + S.election.paragraphs.dropFirst(2).map { "<p>\($0)</p>" }.joined() + F.related(4) + "</article></main>"
          + F.footer, title: "The Courier: \(S.election.headline)",
        head: "<meta property=\"og:site_name\" content=\"The Courier\">"),
      expected: S.election.expected, title: S.election.headline),
    CorpusPage(
      name: "slogan-article-first",
      html: F.page(
        "<article class=\"hero\"><p>Journalism that matters.</p></article>"
          + "<div id=\"story\"><h1>\(S.bees.headline)</h1>\(S.bees.html)</div>" + F.footer, title: S.bees.headline),
      expected: S.bees.expected, title: S.bees.headline),
    CorpusPage(
      name: "story-split-by-ads",
      html: F.page(
        F.siteHeader("Ledger") + "<div class=\"article-body\"><h1>\(S.harbour.headline)</h1>"
          + S.harbour.paragraphs.map {
            "<div class=\"story-part\"><p>\($0)</p></div><div class=\"ad-slot\">Advertisement</div>"
          }
          .joined() + "</div>" + F.related(), title: S.harbour.headline),
      expected: S.harbour.expected, title: S.harbour.headline),
    CorpusPage(
      name: "plain-page",
      html: "<html><body><h1>\(S.library.headline)</h1>\(S.library.html)</body></html>",
      expected: S.library.expected, title: S.library.headline),
    CorpusPage(
      name: "layout-table",
      html: F.page(
        "<table width=\"100%\"><tr><td class=\"nav\" valign=\"top\">"
          + (1...30).map { "<a href=\"/p\($0)\">Page \($0)</a><br>" }.joined()
          + "</td><td valign=\"top\"><h1>\(S.sourdough.headline)</h1>\(S.sourdough.html)</td></tr></table>",
        title: S.sourdough.headline),
      expected: S.sourdough.expected, title: S.sourdough.headline),
    CorpusPage(
      name: "itemprop-article-body",
      html: F.page(
        F.siteHeader("Ledger") + "<div class=\"layout\"><div class=\"col\">" + F.sidebar() + "</div><div class=\"col\">"
          + "<h1 itemprop=\"headline\">\(S.trains.headline)</h1><div itemprop=\"articleBody\">\(S.trains.html)</div>"
          + "</div></div>" + F.comments(3) + F.footer, title: "\(S.trains.headline) | Ledger",
        head: "<link rel=\"canonical\" href=\"https://ledger.example/trains\">"),
      expected: S.trains.expected, title: S.trains.headline),
  ]
}

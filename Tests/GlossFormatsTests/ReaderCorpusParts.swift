import Foundation

/// Pieces of the reader-mode corpus (`ReaderCorpus`): stories (written for these tests) and
/// the page furniture around them on real sites: skip links, cookie banners, menus, share
/// bars, newsletter boxes, related cards, comment threads, footers.
struct Story {
  var headline: String
  var paragraphs: [String]

  var html: String { paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n") }
  /// The words a reader should see: the headline and the paragraphs.
  var expected: String { ([headline] + paragraphs).joined(separator: "\n") }
}

enum Furniture {
  static let skipLink = "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>"
  static let cookieBanner = """
    <div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on our site, \
    to show you personalised advertising, and to measure traffic. By continuing to browse, you agree to our use \
    of cookies.</p><button>Accept all</button> <a href="/privacy">Manage preferences</a></div>
    """
  static func siteHeader(_ site: String) -> String {
    """
    <header class="site-header">\(skipLink)<div class="logo"><a href="/">\(site)</a></div>
    <p class="slogan">Independent journalism since 1921</p>
    <nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
    <li><a href="/business">Business</a></li><li><a href="/science">Science</a></li><li><a href="/culture">Culture</a></li>
    <li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
    """
  }
  static let newsletter = """
    <div class="newsletter-signup"><h3>Get the morning briefing</h3><p>The best of our journalism, in your inbox \
    every weekday.</p><form action="/subscribe"><input type="email" placeholder="Email"><button>Sign up</button></form></div>
    """
  static let shareBar = """
    <div class="share-tools"><a href="https://facebook.com/share">Share on Facebook</a> <a href="https://x.com/intent">Share on X</a> \
    <a href="mailto:?body=x">Email this story</a></div>
    """
  static func related(_ count: Int = 6) -> String {
    let items = (1...count).map {
      "<li><a href=\"/story/\($0)\">A related story about the economy, number \($0), with a long headline</a></li>"
    }
    return "<section class=\"related-stories\"><h2>More on this story</h2><ul>\(items.joined())</ul></section>"
  }
  static func teaserCard(_ n: Int) -> String {
    """
    <article class="card teaser"><h3><a href="/story/t\(n)">Teaser headline number \(n) about something else</a></h3>\
    <p><a href="/story/t\(n)">Read more</a></p></article>
    """
  }
  static let footer = """
    <footer class="site-footer"><p>© 2024 The Morning Ledger Ltd. All rights reserved. Registered in England.</p>
    <ul><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li>
    <li><a href="/contact">Contact us</a></li><li><a href="/jobs">Work for us</a></li></ul></footer>
    """
  static func comments(_ count: Int) -> String {
    let items = (1...count).map {
      """
      <div class="comment"><p class="comment-author"><a href="/u/\($0)">reader\($0)</a> wrote:</p>\
      <p>I have been following this for years, and honestly, comment number \($0) is that nobody in charge seems \
      to listen, which is frustrating, disappointing, and entirely predictable.</p></div>
      """
    }
    return "<div id=\"comments\" class=\"comments-area\"><h3>\(count) comments</h3>\(items.joined())</div>"
  }
  static func sidebar() -> String {
    let items = (1...12).map { "<li><a href=\"/popular/\($0)\">Most read story number \($0)</a></li>" }
    return """
      <div class="sidebar widget-area"><h3>Most popular</h3><ol>\(items.joined())</ol>
      <div class="widget about"><h3>About this blog</h3><p>Notes on gardening, cooking, and slow living, from a \
      small house at the edge of a big city.</p></div></div>
      """
  }
  static func linkList(_ count: Int) -> String {
    let items = (1...count).map { "<a href=\"/archive/\($0)\">Archive page \($0)</a>" }
    return "<div class=\"sitemap\"><p>\(items.joined(separator: " · "))</p></div>"
  }
  static func page(_ body: String, title: String, head: String = "", charset: String = "utf-8", lang: String = "en")
    -> String
  {
    """
    <!DOCTYPE html><html lang="\(lang)"><head><meta charset="\(charset)"><title>\(title)</title>\(head)
    <script>window.dataLayer = [{page: "article"}]; document.write("tracking words");</script>
    <style>.cookie-consent { position: fixed }</style></head><body>\(body)</body></html>
    """
  }
}

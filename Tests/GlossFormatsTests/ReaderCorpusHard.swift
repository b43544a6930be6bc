import Foundation

/// Harder shapes: text in `<div>`s and `<br>`s, one-sentence paragraphs, comments marked up as
/// `<article>`s, long reads in sections, link-rich paragraphs each in its own `<div>`.
extension ReaderCorpus {
  static let hard: [CorpusPage] = [
    cardsAfterStory,
    CorpusPage(
      name: "div-and-br-text",
      html: Furniture.page(
        Furniture.siteHeader("Old Forum")
          + "<div id=\"postbody\"><div class=\"title\"><b>\(Stories.bees.headline)</b></div><div class=\"msg\">"
          + Stories.bees.paragraphs.joined(separator: "<br><br>\n") + "</div></div>" + Furniture.footer,
        title: Stories.bees.headline),
      expected: Stories.bees.expected, title: Stories.bees.headline),
    CorpusPage(
      name: "one-sentence-paragraphs",
      html: Furniture.page(
        "<main><article><h1>Storm closes the coast road</h1>"
          + oneLiners.map { "<p>\($0)</p>" }.joined() + Furniture.related(5) + "</article></main>" + Furniture.footer,
        title: "Storm closes the coast road"),
      expected: (["Storm closes the coast road"] + oneLiners).joined(separator: "\n"),
      title: "Storm closes the coast road"),
    CorpusPage(
      name: "comments-as-articles",
      html: Furniture.page(
        "<div class=\"site\"><article class=\"post type-post\"><h1 class=\"entry-title\">\(Stories.sourdough.headline)"
          + "</h1><div class=\"entry-content\">\(Stories.sourdough.html)</div></article><section class=\"comment-list\">"
          + (1...6).map {
            "<article class=\"comment-body\"><footer>reader\($0)</footer><p>Comment \($0): what a lovely story, "
              + "I have a starter too, and mine is called Bob, and he is also older than my car, believe it or not.</p></article>"
          }.joined() + "</section></div>", title: Stories.sourdough.headline),
      expected: Stories.sourdough.expected, title: Stories.sourdough.headline),
    CorpusPage(
      name: "longform-in-sections",
      html: Furniture.page(
        "<div class=\"longform\"><h1>\(Stories.trains.headline)</h1>"
          + Stories.trains.paragraphs.enumerated().map {
            "<section class=\"chapter\"><h2>Part \($0.offset + 1)</h2><p>\($0.element)</p></section>"
          }.joined() + "</div>" + Furniture.sidebar(), title: Stories.trains.headline),
      expected: ([Stories.trains.headline]
        + Stories.trains.paragraphs.enumerated().flatMap { ["Part \($0.offset + 1)", $0.element] })
        .joined(separator: "\n"), title: Stories.trains.headline),
    CorpusPage(
      name: "linked-paragraphs-in-divs",
      html: Furniture.page(
        Furniture.siteHeader("Ledger") + "<div class=\"story\"><h1>\(Stories.election.headline)</h1>"
          + Stories.election.paragraphs.map { paragraph in
            let words = paragraph.split(separator: " ")
            let linked = words.prefix(6).joined(separator: " ")
            return
              "<div class=\"text-block\"><p><a href=\"/topic\">\(linked)</a> \(words.dropFirst(6).joined(separator: " "))</p></div>"
          }.joined() + "</div>" + Furniture.related(), title: Stories.election.headline),
      expected: Stories.election.expected, title: Stories.election.headline),
  ]

  static let cardsAfterStory: CorpusPage = {
    let cards = (1...4).map {
      "<article class=\"card\"><h3><a href=\"/c\($0)\">Another story, number \($0), you might like</a></h3>"
        + "<p>A summary of another story, with a comma or two, about something else.</p></article>"
    }
    return CorpusPage(
      name: "cards-after-story",
      html: Furniture.page(
        "<div class=\"content\"><div class=\"story-text\"><h1>\(Stories.battery.headline)</h1>\(Stories.battery.html)"
          + "</div><div class=\"more\"><h2>You might also like</h2>\(cards.joined())</div></div>",
        title: Stories.battery.headline),
      expected: Stories.battery.expected, title: Stories.battery.headline)
  }()

  static let oneLiners = [
    "The coast road was closed at noon on Friday.",
    "Waves reached the top of the sea wall at Port Ellis.",
    "Police asked drivers to use the inland route.",
    "Two lorries were stranded near the lighthouse.",
    "Nobody was hurt, the fire service said.",
    "The road is expected to reopen on Monday.",
  ]
}

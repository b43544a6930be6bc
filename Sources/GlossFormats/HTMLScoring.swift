import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Finding the article in a page, after Mozilla's Readability.js (`_grabArticle`): paragraphs
/// score their ancestors (commas, length), class and id names weigh in, link-heavy blocks lose;
/// the best candidate is widened to the siblings that belong with it. Semantic elements
/// (`<article>`, `<main>`, `itemprop=articleBody`, `role=main`) are judged by the scored content
/// they hold, never by document order: a teaser card that comes first loses to the story.
extension HTMLDOM {
  static let unlikely = [
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
    "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
    "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
    "yom-remote", "cookie", "consent", "newsletter", "skip-link", "skiplink", "skip-to",
  ]
  static let maybe = ["and", "article", "body", "column", "content", "main", "mathjax", "shadow"]
  static let positive = [
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text", "blog",
    "story",
  ]
  static let negative = [
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media", "meta",
    "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping",
    "tags", "widget", "newsletter", "subscribe", "cookie", "nav", "menu",
  ]
  /// Advertising, by whole words of a name ("ad-slot", "ads", "advert"), not by letters:
  /// "head-", "lead-" and "download-" hold "ad-" too.
  static let adWords: Set<String> = ["ad", "ads", "advert", "adverts", "advertisement", "adslot", "adunit", "dfp"]

  static func isAdvertising(_ names: String) -> Bool {
    names.split { !$0.isLetter && !$0.isNumber }.contains { adWords.contains(String($0)) }
  }
  static let unlikelyRoles: Set<String> = [
    "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", "banner",
  ]
  /// Never part of an article, wherever they are.
  static let boilerplate: Set<String> = ["nav", "aside", "footer", "menu", "head"]
  static let blockTags: Set<String> = [
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "ul", "tr", "td", "th", "tbody", "thead", "tfoot", "center", "summary",
  ]

  static let neverUnlikely: Set<String> = [
    "body", "a", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
  ]
  static let paragraphTags: Set<String> = ["p", "pre", "td"]
  static let textBlockTags: Set<String> = ["div", "section", "article", "main", "blockquote", "span", "font"]

  static func matches(_ names: String, _ words: [String]) -> Bool {
    // Most elements have no class or id ("" + " " + ""): nothing to look for.
    names.utf8.count > 1 && words.contains { TextScan.containsBytes(names, $0) }
  }

  func names(_ i: Int) -> String {
    let a = nodes[i].attributes
    return ((a["class"] ?? "") + " " + (a["id"] ?? "")).lowercased()
  }

  func classWeight(_ i: Int) -> Double {
    let n = names(i)
    guard n.count > 1 else { return 0 }
    var weight = 0.0
    if Self.matches(n, Self.negative) || Self.isAdvertising(n) { weight -= 25 }
    if Self.matches(n, Self.positive) { weight += 25 }
    return weight
  }

  func isUnlikely(_ i: Int) -> Bool {
    let node = nodes[i]
    if Self.boilerplate.contains(node.tag) { return true }
    if let role = node.attributes["role"]?.lowercased(), Self.unlikelyRoles.contains(role) { return true }
    if Self.neverUnlikely.contains(node.tag) { return false }
    // An article's own header stays; a page's header goes by its names like any block.
    if node.tag == "header" && hasAncestor(i, in: ["article", "main"]) { return false }
    let n = names(i)
    guard n.count > 1, Self.matches(n, Self.unlikely), !Self.matches(n, Self.maybe) else { return false }
    if hasAncestor(i, in: ["table", "code", "pre"]) { return false }
    return headline(under: i) == nil
  }

  /// Subtrees left out before scoring: boilerplate tags and roles always, and unlikely class or
  /// id names when `strict`.
  func unlikelySubtrees(from start: Int, strict: Bool) -> Set<Int> {
    var removed: Set<Int> = []
    var i = start
    while i < nodes[start].end {
      let node = nodes[i]
      if !node.tag.isEmpty, i != start,
        strict ? isUnlikely(i) : (Self.boilerplate.contains(node.tag) || isUnlikelyRole(i))
      {
        removed.insert(i)
        i = node.end
        continue
      }
      i += 1
    }
    return removed
  }

  func isUnlikelyRole(_ i: Int) -> Bool {
    nodes[i].attributes["role"].map { Self.unlikelyRoles.contains($0.lowercased()) } ?? false
  }

  /// Text directly in a node, not in its block children (a `<div>` used as a paragraph).
  func inlineStats(_ i: Int) -> (text: Int, commas: Int) {
    var text = stats[i].text
    var commas = stats[i].commas
    for c in nodes[i].children where Self.blockTags.contains(nodes[c].tag) {
      text -= stats[c].text
      commas -= stats[c].commas
    }
    return (text, commas)
  }

  func initialScore(_ i: Int) -> Double {
    let base: Double
    switch nodes[i].tag {
    case "div": base = 5
    case "pre", "td", "blockquote": base = 3
    case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": base = -3
    case "h1", "h2", "h3", "h4", "h5", "h6", "th": base = -5
    default: base = 0
    }
    return base + classWeight(i)
  }

  /// The paragraphs that score, with their text length: `<p>`, `<pre>`, `<td>`, and blocks
  /// holding text of their own.
  func scoredParagraphs(in start: Int, removed: Set<Int>) -> [(index: Int, length: Int, commas: Int)] {
    var result: [(Int, Int, Int)] = []
    var i = start
    while i < nodes[start].end {
      if removed.contains(i) {
        i = nodes[i].end
        continue
      }
      let tag = nodes[i].tag
      if Self.paragraphTags.contains(tag) {
        if stats[i].text >= 25 { result.append((i, stats[i].text, stats[i].commas)) }
      } else if Self.textBlockTags.contains(tag) {
        let own = inlineStats(i)
        if own.text >= 25 { result.append((i, own.text, own.commas)) }
      }
      i += 1
    }
    return result
  }

  struct Choice {
    var content: [Int]
    var top: Int
    var scores: [Int: Double]
    var removed: Set<Int>
    /// The paragraphs that scored.
    var paragraphs: [(index: Int, length: Int, commas: Int)]
  }

  /// Readability's choice of the article's nodes (the top candidate and its siblings).
  mutating func grab(body: Int, strict: Bool) -> Choice {
    let removed = unlikelySubtrees(from: body, strict: strict)
    measure(removed: removed)
    var scores: [Int: Double] = [:]
    let paragraphs = scoredParagraphs(in: body, removed: removed)
    for (p, length, commas) in paragraphs {
      let score = 1 + Double(commas) + Double(min(length / 100, 3))
      var ancestor = nodes[p].parent
      var level = 0
      // The paragraph scores itself when it is a block holding text (a <div> as <p>).
      if nodes[p].tag != "p" && nodes[p].tag != "pre" && nodes[p].tag != "td" {
        ancestor = p
        level = -1
      }
      while ancestor >= 0 && level < 5 {
        if scores[ancestor] == nil { scores[ancestor] = initialScore(ancestor) }
        let divider: Double = level <= 0 ? 1 : (level == 1 ? 2 : Double(level) * 3)
        scores[ancestor]! += score / divider
        if ancestor == body { break }
        ancestor = nodes[ancestor].parent
        level += 1
      }
    }
    for (i, s) in scores { scores[i] = s * (1 - linkDensity(i)) }
    let ranked = scores.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
    guard var top = ranked.first?.key, top != body, contains(body, top) else {
      return Choice(content: [body], top: body, scores: scores, removed: removed, paragraphs: paragraphs)
    }
    let topScore = scores[top] ?? 0
    // Several near-best candidates under one ancestor: the ancestor is the article.
    let alternatives = ranked.dropFirst().prefix(4).filter { topScore > 0 && $0.value / topScore >= 0.75 }.map(\.key)
    if alternatives.count >= 3 {
      var p = nodes[top].parent
      while p >= 0 && p != body {
        if alternatives.filter({ contains(p, $0) }).count >= 3 {
          top = p
          if scores[top] == nil { scores[top] = topScore }
          break
        }
        p = nodes[p].parent
      }
    }
    // Climb while a parent scores better (the content was split between children).
    var last = scores[top] ?? topScore
    var p = nodes[top].parent
    while p >= 0 && p != body {
      guard let s = scores[p] else {
        p = nodes[p].parent
        continue
      }
      if s < last / 3 { break }
      if s > last {
        top = p
        break
      }
      last = s
      p = nodes[p].parent
    }
    // An only child stands for its parent.
    while top != body, nodes[top].parent >= 0, nodes[top].parent != body,
      elementChildren(nodes[top].parent, removed: removed).count == 1
    {
      top = nodes[top].parent
    }
    return Choice(
      content: siblings(of: top, body: body, scores: scores, removed: removed), top: top, scores: scores,
      removed: removed, paragraphs: paragraphs)
  }

  func elementChildren(_ i: Int, removed: Set<Int>) -> [Int] {
    nodes[i].children.filter { !nodes[$0].tag.isEmpty && !removed.contains($0) }
  }

  /// The top candidate and the siblings that belong with it (Readability's threshold).
  func siblings(of top: Int, body: Int, scores: [Int: Double], removed: Set<Int>) -> [Int] {
    let parent = nodes[top].parent
    guard top != body, parent >= 0 else { return [top] }
    let topScore = scores[top] ?? 0
    let threshold = max(10, topScore * 0.2)
    let topClass = nodes[top].attributes["class"] ?? ""
    var result: [Int] = []
    for s in elementChildren(parent, removed: removed) {
      if s == top {
        result.append(s)
        continue
      }
      var bonus = 0.0
      if !topClass.isEmpty && nodes[s].attributes["class"] == topClass { bonus = topScore * 0.2 }
      if let score = scores[s], score + bonus >= threshold {
        result.append(s)
      } else if nodes[s].tag == "p" {
        let length = stats[s].text
        let density = linkDensity(s)
        let text = textContent(s)
        if length > 80 && density < 0.25 {
          result.append(s)
        } else if length > 0 && length <= 80 && density == 0
          && (TextScan.containsBytes(text, ". ") || text.hasSuffix("."))
        {
          result.append(s)
        }
      }
    }
    return result
  }

  /// Semantic containers that may be the article.
  func semanticCandidates(in body: Int) -> [Int] {
    semantic.filter { contains(body, $0) }
  }

  static func isSemantic(tag: String, attributes: [String: String]) -> Bool {
    if tag == "article" || tag == "main" { return true }
    if attributes.isEmpty { return false }
    if attributes["itemprop"].map({ TextScan.containsBytes($0.lowercased(), "articlebody") }) == true { return true }
    return attributes["role"]?.lowercased() == "main"
  }

  /// A semantic element instead of Readability's choice when it holds most of the content
  /// that scored best (and is not much more besides): its header, byline and standfirst come
  /// with it. A teaser card, however early, holds none of it.
  func semanticChoice(_ choice: Choice, body: Int) -> [Int]? {
    let paragraphs = choice.paragraphs.filter { p in
      linkDensity(p.index) < 0.5 && choice.content.contains { contains($0, p.index) }
    }
    let best = paragraphs.reduce(0) { $0 + $1.length }
    let chosenText = choice.content.reduce(0) { $0 + stats[$1].text }
    guard best > 0 else { return nil }
    var winner: Int?
    for s in semanticCandidates(in: body) where !choice.removed.contains(s) && linkDensity(s) < 0.5 {
      let held = paragraphs.filter { contains(s, $0.index) }.reduce(0) { $0 + $1.length }
      let enclosesChoice = choice.content.allSatisfy { contains(s, $0) }
      let needed = enclosesChoice ? 1.0 : 0.85
      guard Double(held) >= needed * Double(best) else { continue }
      if enclosesChoice && Double(stats[s].text) > 1.3 * Double(chosenText) + 400 { continue }
      if let w = winner, stats[w].text <= stats[s].text { continue }
      winner = s
    }
    return winner.map { [$0] }
  }

  /// The article's headline when it sits just before the chosen content (a sibling of it or
  /// of an ancestor up to three levels up) and the content has none: a heading that is the
  /// page's title.
  func headline(before content: [Int], title: String, skip: Set<Int>) -> Int? {
    guard let first = content.first else { return nil }
    let key = HTMLReader.collapse(title).lowercased()
    func isHeadline(_ i: Int) -> Bool {
      (nodes[i].tag == "h1" || nodes[i].tag == "h2") && textContent(i).lowercased() == key
    }
    for root in content where (root..<nodes[root].end).contains(where: isHeadline) { return nil }
    var ancestor = nodes[first].parent
    var level = 0
    while ancestor >= 0 && level < 3 {
      for i in (ancestor + 1)..<first where isHeadline(i) && !isSkipped(i, skip) { return i }
      ancestor = nodes[ancestor].parent
      level += 1
    }
    return nil
  }

  func isSkipped(_ index: Int, _ skip: Set<Int>) -> Bool {
    var i = index
    while i >= 0 {
      if skip.contains(i) { return true }
      i = nodes[i].parent
    }
    return false
  }
}

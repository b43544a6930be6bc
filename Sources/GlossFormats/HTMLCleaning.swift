#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What is taken out of the chosen article before it is read (after Readability.js's
/// `_cleanConditionally` and `_markDataTables`): share bars, related-story lists, sign-up forms
/// and other blocks whose names, links or form controls say they are not prose.
extension HTMLDOM {
  static let shareLike = [
    "share", "sharing", "social", "newsletter", "subscribe", "signup", "sign-up", "related", "comment", "cookie",
    "promo", "sponsor", "advert", "skip-link", "skiplink", "breadcrumb", "byline-share", "toolbar",
  ]
  static let conditional: Set<String> = ["form", "fieldset", "table", "ul", "ol", "div", "section", "dl", "article"]

  /// Nodes to leave out of `roots` (each subtree given once).
  func clean(roots: [Int], scores: [Int: Double], removed: Set<Int>) -> Set<Int> {
    var out = removed
    for root in roots {
      var i = root + 1
      while i < nodes[root].end {
        let node = nodes[i]
        if node.tag.isEmpty || out.contains(i) {
          i = out.contains(i) ? node.end : i + 1
          continue
        }
        if shouldRemove(i, scores: scores) {
          out.insert(i)
          i = node.end
          continue
        }
        // Nothing is cleaned inside a data table or code.
        if (node.tag == "table" && isDataTable(i)) || node.tag == "pre" || node.tag == "code" {
          i = node.end
          continue
        }
        i += 1
      }
    }
    return out
  }

  func shouldRemove(_ i: Int, scores: [Int: Double]) -> Bool {
    let node = nodes[i]
    let s = stats[i]
    let n = names(i)
    let isHeading = node.tag.count == 2 && node.tag.first == "h" && node.tag.last!.isNumber
    if n.count > 1 && Self.matches(n, Self.shareLike) && !Self.matches(n, ["article", "body", "content", "main"])
      && s.text < 500 && !isHeading && s.paragraphs <= 2
    {
      return true
    }
    guard Self.conditional.contains(node.tag) else { return false }
    // An article's header (headline, standfirst, a byline that links its author) is kept
    // whole, but for share bars.
    if hasAncestor(i, in: ["header"], within: 4) { return false }
    if node.tag == "table" && isDataTable(i) { return false }
    let weight = classWeight(i)
    if weight < 0 && weight + (scores[i] ?? 0) < 0 && s.commas < 10 && s.paragraphs < 3 { return true }
    guard s.commas < 10 else { return false }
    let isList = node.tag == "ul" || node.tag == "ol"
    let paragraphs = Double(s.paragraphs)
    let images = Double(s.images)
    let density = linkDensity(i)
    let headingDensity = s.text == 0 ? 0 : Double(s.headingText) / Double(s.text)
    if images > 1 && paragraphs / images < 0.5 && !hasAncestor(i, in: ["figure"]) { return true }
    if !isList && s.listItems - 100 > s.paragraphs { return true }
    if Double(s.inputs) > (paragraphs / 3).rounded(.down) { return true }
    if !isList && headingDensity < 0.9 && s.text < 25 && (s.images == 0 || s.images > 2) && density > 0 { return true }
    // Lists in prose often link every item (references, further reading): they go only when
    // links are most of their words.
    if weight < 25 && density > (isList ? 0.5 : 0.2) { return true }
    if weight >= 25 && density > 0.5 { return true }
    return false
  }

  /// The rows of a table (its own, not a nested table's) and their cells.
  func tableRows(_ table: Int) -> [[Int]] {
    var rows: [[Int]] = []
    var queue = nodes[table].children
    var k = 0
    while k < queue.count {
      let c = queue[k]
      k += 1
      switch nodes[c].tag {
      case "thead", "tbody", "tfoot":
        queue.insert(contentsOf: nodes[c].children, at: k)
      case "tr":
        rows.append(nodes[c].children.filter { nodes[$0].tag == "td" || nodes[$0].tag == "th" })
      default: break
      }
    }
    return rows
  }

  static let cellBlocks: Set<String> = [
    "p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article",
    "dl", "form",
  ]

  /// A table of data (shown as a table) rather than one that lays out the page (read as
  /// paragraphs): not `role=presentation`, two rows and two columns at least, and no cell that
  /// holds blocks (paragraphs, lists, tables) or a long text.
  func isDataTable(_ table: Int) -> Bool {
    let node = nodes[table]
    if node.attributes["role"]?.lowercased() == "presentation" || node.attributes["datatable"] == "0" { return false }
    let rows = tableRows(table)
    let columns = rows.map(\.count).max() ?? 0
    guard rows.count >= 2 || (rows.count == 1 && node.children.contains { nodes[$0].tag == "caption" }) else {
      return false
    }
    guard columns >= 2 else { return false }
    for row in rows {
      for cell in row {
        if stats.indices.contains(cell) && stats[cell].text > 400 { return false }
        for d in (cell + 1)..<nodes[cell].end where Self.cellBlocks.contains(nodes[d].tag) { return false }
      }
    }
    return true
  }
}

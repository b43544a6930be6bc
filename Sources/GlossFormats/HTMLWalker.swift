import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Turns the chosen part of a page into blocks: headings, paragraphs, lists (whatever their
/// children), quotes, code, tables, with emphasis, strong, code, strikethrough and links as
/// runs, and `id`s (and `<a name>`) as the anchors of the blocks they start.
struct HTMLWalker {
  let dom: HTMLDOM
  /// Subtrees left out (boilerplate, cleaned blocks).
  let skip: Set<Int>
  /// Site headers (`<header>` outside any `<article>`/`<main>`) are dropped when the whole
  /// body is read.
  let readingBody: Bool
  var builder = ArticleBuilder()
  // The paragraph being gathered from inline content. `scalars` counts `text`'s scalars (no
  // recount per run or per flush: a paragraph of 32,000 links stays linear).
  var text = ""
  var scalars = 0
  var runs: [InlineRun] = []
  var pendingSpace = false
  var quoteDepth = 0
  var listDepth = 0
  var marker: String?
  var style: BlockStyle = .text
  /// Ids waiting for the next block.
  var anchors: [String] = []
  /// Open lists: ordered or not, the next number, their depth.
  var lists: [(ordered: Bool, number: Int, depth: Int)] = []
  /// Elements entered (see `HTMLReader.maxDepth`).
  var depth = 0

  init(dom: HTMLDOM, skip: Set<Int>, readingBody: Bool) {
    self.dom = dom
    self.skip = skip
    self.readingBody = readingBody
  }

  mutating func append(_ block: ArticleBuilder.Block) {
    var block = block
    block.anchors = anchors
    anchors = []
    builder.append(block)
  }

  mutating func flush() {
    // Trim spaces (not line breaks: a leading or trailing <br> stays) by scalar offsets.
    let all = text.unicodeScalars
    func isSpace(_ s: Unicode.Scalar) -> Bool { TextScan.isWhitespace(s) && !TextScan.isLineSeparator(s) }
    var lead = 0
    var start = all.startIndex
    while start < all.endIndex && isSpace(all[start]) {
      start = all.index(after: start)
      lead += 1
    }
    var end = all.endIndex
    var trail = 0
    while end > start && isSpace(all[all.index(before: end)]) {
      end = all.index(before: end)
      trail += 1
    }
    if start < end || style == .rule {
      let count = scalars - lead - trail
      var adjusted: [InlineRun] = []
      adjusted.reserveCapacity(runs.count)
      for run in runs {
        let lower = min(count, max(0, run.range.lowerBound - lead))
        let upper = max(lower, min(count, run.range.upperBound - lead))
        if lower < upper { adjusted.append(InlineRun(range: lower..<upper, style: run.style)) }
      }
      let trimmed = String(String.UnicodeScalarView(all[start..<end]))
      append(
        .init(text: trimmed, style: style, quoteDepth: quoteDepth, listDepth: listDepth, marker: marker, runs: adjusted)
      )
      marker = nil
    }
    text = ""
    scalars = 0
    runs = []
    pendingSpace = false
    style = .text
  }

  mutating func appendText(_ raw: String) {
    // HTML whitespace (ASCII whitespace) collapses to single spaces; ASCII text, the common
    // case, byte by byte.
    let atStart = text.isEmpty
    let ascii = raw.utf8.withContiguousStorageIfAvailable { buffer -> (bytes: [UInt8], pending: Bool)? in
      var bytes: [UInt8] = []
      bytes.reserveCapacity(buffer.count)
      var pending = pendingSpace
      for b in buffer {
        if b >= 0x80 { return nil }
        if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
          pending = true
        } else {
          if pending && !(atStart && bytes.isEmpty) { bytes.append(0x20) }
          pending = false
          bytes.append(b)
        }
      }
      return (bytes, pending)
    }
    if let (bytes, pending) = ascii ?? nil {
      pendingSpace = pending
      text += String(decoding: bytes, as: UTF8.self)
      scalars += bytes.count
      return
    }
    var piece = ""
    var count = 0
    for c in raw {
      if TextScan.isCollapsibleSpace(c) {
        pendingSpace = true
      } else {
        if pendingSpace && !(text.isEmpty && piece.isEmpty) {
          piece.append(" ")
          count += 1
        }
        pendingSpace = false
        piece.append(c)
        count += c.unicodeScalars.count
      }
    }
    text += piece
    scalars += count
  }

  mutating func appendLiteral(_ s: String) {
    text += s
    scalars += s.unicodeScalars.count
    pendingSpace = false
  }

  mutating func walk(_ root: Int) {
    let node = dom.nodes[root]
    if node.tag.isEmpty { appendText(node.text) } else { element(root, quoteDepth: 0, listDepth: 0) }
  }

  mutating func blocks(_ index: Int, quoteDepth depth: Int, listDepth list: Int) {
    for child in dom.nodes[index].children {
      let node = dom.nodes[child]
      if node.tag.isEmpty {
        quoteDepth = depth
        listDepth = list
        appendText(node.text)
      } else {
        element(child, quoteDepth: depth, listDepth: list)
      }
    }
  }

  static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]
  static let paragraphLike: Set<String> = ["p", "td", "th", "dd", "dt", "figcaption", "caption", "legend", "summary"]
  static let blockContainers: Set<String> = [
    "div", "section", "article", "main", "body", "html", "figure", "details", "center", "table", "tbody", "thead",
    "tfoot", "tr", "dl", "hgroup", "address", "fieldset", "form", "header",
  ]
  static let blockTags: Set<String> = blockContainers.union(paragraphLike).union(headings).union([
    "ul", "ol", "pre", "blockquote", "hr", "li",
  ])
  static let dropped: Set<String> = ["nav", "aside", "footer", "menu", "head", "title", "meta", "link", "base"]

  func isDropped(_ index: Int) -> Bool {
    if skip.contains(index) || HTMLDOM.controls.contains(dom.nodes[index].tag) { return true }
    let tag = dom.nodes[index].tag
    if Self.dropped.contains(tag) { return true }
    if tag == "header" && readingBody {
      return !dom.hasAncestor(index, in: ["article", "main"])
    }
    return false
  }

  mutating func noteAnchor(_ node: HTMLDOM.Node) {
    if let id = node.attributes["id"], !id.isEmpty { anchors.append(id) }
    if node.tag == "a", let name = node.attributes["name"], !name.isEmpty { anchors.append(name) }
  }

  mutating func element(_ index: Int, quoteDepth depth: Int, listDepth list: Int) {
    if isDropped(index) { return }
    guard self.depth < HTMLReader.maxDepth else { return flatten(index) }
    self.depth += 1
    defer { self.depth -= 1 }
    let node = dom.nodes[index]
    let tag = node.tag
    let isBlock = Self.blockTags.contains(tag)
    if isBlock { flush() }
    noteAnchor(node)
    switch tag {
    case _ where Self.headings.contains(tag):
      quoteDepth = depth
      listDepth = list
      style = .heading(Int(String(tag.last!))!)
      inline(index)
      flush()
    case "pre":
      var code = dom.textContent(raw: index)
      while code.hasSuffix("\n") { code.removeLast() }
      if code.hasPrefix("\n") { code.removeFirst() }
      append(.init(text: code, style: .code, quoteDepth: depth, listDepth: list, marker: marker))
      marker = nil
    case "hr":
      append(.init(text: "", style: .rule, quoteDepth: depth, listDepth: list))
    case "br":
      appendLiteral("\n")
    case "blockquote":
      blocks(index, quoteDepth: depth + 1, listDepth: list)
      flush()
    case "ul", "ol":
      lists.append((tag == "ol", Int(node.attributes["start"] ?? "") ?? 1, list))
      // Items get markers; anything else a list holds (a heading, a <div> of items, stray
      // text) is read at the items' depth.
      blocks(index, quoteDepth: depth, listDepth: list + 1)
      flush()
      lists.removeLast()
    case "li":
      if let open = lists.last {
        let ordered = open.ordered
        marker = ordered ? "\(open.number)." : (open.depth % 2 == 0 ? "•" : "◦")
        lists[lists.count - 1].number += 1
        blocks(index, quoteDepth: depth, listDepth: open.depth + 1)
      } else {
        blocks(index, quoteDepth: depth, listDepth: list)
      }
      flush()
    case "table" where dom.isDataTable(index):
      table(index, quoteDepth: depth, listDepth: list)
    case "img":
      let alt = node.attributes["alt"].map(HTMLReader.collapse) ?? ""
      if !alt.isEmpty {
        if pendingSpace && !text.isEmpty { appendLiteral(" ") }
        appendLiteral("[image: \(alt)]")
      }
    case _ where Self.paragraphLike.contains(tag):
      quoteDepth = depth
      listDepth = list
      inline(index)
      flush()
    case _ where Self.blockContainers.contains(tag):
      blocks(index, quoteDepth: depth, listDepth: list)
      flush()
    default:
      quoteDepth = depth
      listDepth = list
      inlineElement(index)
    }
  }

  /// An element too deep to walk: its text, as inline text.
  mutating func flatten(_ index: Int) {
    pendingSpace = true
    appendText(dom.textContent(raw: index))
    pendingSpace = true
  }

  /// Inline content: text with emphasis, strong, code, strikethrough and links as runs;
  /// nested blocks (a <p> inside an <a>, say) still come out as blocks.
  mutating func inline(_ index: Int) {
    for child in dom.nodes[index].children {
      let node = dom.nodes[child]
      if node.tag.isEmpty {
        appendText(node.text)
      } else if isDropped(child) {
        continue
      } else if Self.blockTags.contains(node.tag) || node.tag == "img" {
        element(child, quoteDepth: quoteDepth, listDepth: listDepth)
      } else {
        guard depth < HTMLReader.maxDepth else {
          flatten(child)
          continue
        }
        depth += 1
        noteAnchor(node)
        inlineElement(child)
        depth -= 1
      }
    }
  }

  mutating func inlineElement(_ index: Int) {
    let node = dom.nodes[index]
    let runStyle: InlineRun.Style?
    switch node.tag {
    case "em", "i", "cite", "dfn": runStyle = .emphasis
    case "strong", "b": runStyle = .strong
    case "code", "kbd", "samp", "tt": runStyle = .code
    case "s", "del", "strike": runStyle = .strikethrough
    case "a": runStyle = node.attributes["href"].map { .link($0) }
    default: runStyle = nil
    }
    if pendingSpace && !text.isEmpty { appendLiteral(" ") }
    let start = scalars
    inline(index)
    if let runStyle, scalars > start {
      runs.append(InlineRun(range: start..<scalars, style: runStyle))
    }
  }
}

import CGlossHTML
import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// libxml2's tree copied into flat Swift arrays, in document order (a node's subtree is the
/// index range `index..<end`), without what a reader never shows: scripts, styles, templates,
/// `<noscript>` fallbacks, embedded objects, form controls, comments, and hidden elements (the
/// `hidden` attribute, `aria-hidden="true"`, inline `display:none` / `visibility:hidden`).
/// Built and measured without recursion: pages nest 10,000 levels deep.
struct HTMLDOM {
  /// A class, so that reading a node does not copy its strings: nodes refer to each other by
  /// index only, so none is freed recursively.
  final class Node {
    /// Lowercased element name; "" for text.
    let tag: String
    /// A text node's text.
    let text: String
    let attributes: [String: String]
    let parent: Int
    var children: [Int] = []
    let depth: Int
    /// The end of this node's subtree (exclusive).
    var end: Int = 0
    init(tag: String, text: String = "", attributes: [String: String] = [:], parent: Int, depth: Int) {
      self.tag = tag
      self.text = text
      self.attributes = attributes
      self.parent = parent
      self.depth = depth
    }
  }

  /// Content totals of a subtree (see `measure`).
  struct Stats {
    /// Characters of text, with whitespace runs counted as one.
    var text = 0
    /// Characters inside links.
    var linkText = 0
    var commas = 0
    var paragraphs = 0
    var images = 0
    var listItems = 0
    /// Form fields (not buttons: an article's "Listen" or "Copy link" button is no form).
    var inputs = 0
    var headingText = 0
  }

  var nodes: [Node] = []
  /// The first `<body>`.
  var body: Int?
  /// Every `<h1>`, in document order.
  var headlines: [Int] = []
  /// Elements that say they hold the article (see `isSemantic`), in document order.
  var semantic: [Int] = []
  /// Form controls: counted (a block of them is a form, not prose), never read.
  static let controls: Set<String> = ["input", "select", "textarea", "button"]
  var stats: [Stats] = []

  static let skipped: Set<String> = [
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "option",
    "datalist", "dialog", "audio", "video", "source", "track", "map",
  ]

  static func isHidden(_ attributes: [String: String]) -> Bool {
    if attributes["hidden"] != nil { return true }
    if attributes["aria-hidden"]?.lowercased() == "true" { return true }
    if let style = attributes["style"]?.lowercased() {
      let compact = style.filter { !$0.isWhitespace }
      if TextScan.containsBytes(compact, "display:none") || TextScan.containsBytes(compact, "visibility:hidden") {
        return true
      }
    }
    return false
  }

  init(root: UnsafeMutableRawPointer) {
    var stack: [(node: UnsafeMutableRawPointer, parent: Int, depth: Int)] = [(root, -1, 0)]
    while let (pointer, parent, depth) = stack.popLast() {
      let type = gloss_html_type(pointer)
      let index = nodes.count
      if type == textNode || type == cdataNode {
        nodes.append(Node(tag: "", text: String(cString: gloss_html_text(pointer)), parent: parent, depth: depth))
      } else if type == elementNode {
        let tag = String(cString: gloss_html_name(pointer)).lowercased()
        if Self.skipped.contains(tag) { continue }
        let attributes = Self.attributes(pointer)
        if Self.isHidden(attributes) { continue }
        nodes.append(Node(tag: tag, attributes: attributes, parent: parent, depth: depth))
        if tag == "body" && body == nil { body = index }
        if tag == "h1" { headlines.append(index) }
        if Self.isSemantic(tag: tag, attributes: attributes) { semantic.append(index) }
        var children: [UnsafeMutableRawPointer] = []
        var child = gloss_html_first_child(pointer)
        while let c = child {
          children.append(c)
          child = gloss_html_next(c)
        }
        for c in children.reversed() { stack.append((c, index, depth + 1)) }
      } else {
        continue  // comments, processing instructions, doctype
      }
      if parent >= 0 { nodes[parent].children.append(index) }
    }
    // Subtree ends, from the last node back (children come after their parent).
    for i in nodes.indices.reversed() {
      nodes[i].end = nodes[i].children.last.map { nodes[$0].end } ?? (i + 1)
    }
  }

  static func attributes(_ node: UnsafeMutableRawPointer) -> [String: String] {
    var result: [String: String] = [:]
    var attribute = gloss_html_first_attribute(node)
    while let a = attribute {
      let name = String(cString: gloss_html_name(a)).lowercased()
      if result[name] == nil, let value = gloss_html_content(a) {
        result[name] = String(cString: value)
        gloss_html_free_string(value)
      }
      attribute = gloss_html_next(a)
    }
    return result
  }

  func first(_ tag: String, under start: Int = 0) -> Int? {
    guard nodes.indices.contains(start) else { return nil }
    return (start..<nodes[start].end).first { nodes[$0].tag == tag }
  }

  /// The first `<h1>` in a subtree.
  func headline(under start: Int) -> Int? {
    headlines.first { contains(start, $0) }
  }

  /// Whether `inner` is `outer` or inside it.
  func contains(_ outer: Int, _ inner: Int) -> Bool { inner >= outer && inner < nodes[outer].end }

  func hasAncestor(_ index: Int, in tags: Set<String>, within limit: Int = .max) -> Bool {
    var p = nodes[index].parent
    var level = 0
    while p >= 0 && level < limit {
      if tags.contains(nodes[p].tag) { return true }
      p = nodes[p].parent
      level += 1
    }
    return false
  }

  /// All the text below a node, whitespace collapsed.
  func textContent(_ index: Int) -> String {
    var pieces: [String] = []
    for i in index..<nodes[index].end where nodes[i].tag.isEmpty { pieces.append(nodes[i].text) }
    return HTMLReader.collapse(pieces.joined(separator: " "))
  }

  /// All the text below a node as it is (for `<pre>`).
  func textContent(raw index: Int) -> String {
    var result = ""
    for i in index..<nodes[index].end where nodes[i].tag.isEmpty { result += nodes[i].text }
    return result
  }

  func linkDensity(_ index: Int) -> Double {
    let s = stats[index]
    return s.text == 0 ? 0 : Double(s.linkText) / Double(s.text)
  }

  static let commaScalars: Set<Unicode.Scalar> = [
    ",", "\u{060C}", "\u{FE50}", "\u{FE10}", "\u{FE11}", "\u{2E41}", "\u{2E34}", "\u{2E32}", "\u{FF0C}", "\u{3001}",
  ]

  /// Fills `stats` bottom-up, leaving out the subtrees in `removed`.
  mutating func measure(removed: Set<Int> = []) {
    stats = Array(repeating: Stats(), count: nodes.count)
    for i in nodes.indices.reversed() {
      if removed.contains(i) {
        stats[i] = Stats()
        continue
      }
      var s = Stats()
      let node = nodes[i]
      if node.tag.isEmpty {
        var space = true
        for scalar in node.text.unicodeScalars {
          let isSpace =
            scalar.value < 0x80
            ? (scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}")
            : TextScan.isWhitespace(scalar)
          if isSpace {
            if !space { s.text += 1 }
            space = true
          } else {
            s.text += 1
            space = false
            if scalar == "," || (scalar.value >= 0x60C && Self.commaScalars.contains(scalar)) { s.commas += 1 }
          }
        }
      } else if Self.controls.contains(node.tag) {
        s.inputs = node.tag == "button" ? 0 : 1
      } else {
        for c in node.children where !removed.contains(c) {
          let cs = stats[c]
          s.text += cs.text
          s.linkText += cs.linkText
          s.commas += cs.commas
          s.paragraphs += cs.paragraphs
          s.images += cs.images
          s.listItems += cs.listItems
          s.inputs += cs.inputs
          s.headingText += cs.headingText
        }
        switch node.tag {
        case "a":
          // In-page links (a table of contents, footnote marks) count for less.
          let href = node.attributes["href"] ?? ""
          s.linkText = href.hasPrefix("#") ? Int(Double(s.text) * 0.3) : s.text
        case "p": s.paragraphs += 1
        case "img": s.images += 1
        case "li": s.listItems += 1
        case "h1", "h2", "h3", "h4", "h5", "h6": s.headingText = s.text
        default: break
        }
      }
      stats[i] = s
    }
  }
}

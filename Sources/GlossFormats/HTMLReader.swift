import CGlossHTML
import Foundation
import GlossModel

/// Saved web pages in a reader mode: parsed with libxml2's HTML parser (which recovers from
/// malformed markup, decodes entities and honours the declared charset), keeping the article
/// — headings, paragraphs, lists, quotes, code — and dropping scripts, styles, navigation,
/// forms and comments.
let elementNode: Int32 = 1
let textNode: Int32 = 3
let cdataNode: Int32 = 4

public enum HTMLReader {
  static let dropped: Set<String> = [
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "input",
    "select", "textarea", "iframe", "svg", "template", "canvas", "object", "embed", "menu", "dialog",
  ]
  static let blockContainers: Set<String> = [
    "div", "section", "article", "main", "body", "html", "figure", "details", "summary", "center",
    "table", "tbody", "thead", "tfoot", "tr", "dl", "hgroup", "address", "fieldset",
  ]
  static let paragraphLike: Set<String> = ["p", "td", "th", "dd", "dt", "figcaption", "caption", "legend"]

  /// Elements nested deeper than this are read as plain text (their words kept, their
  /// structure not): the walk recurses, and a page of 10,000 nested `<div>`s must not
  /// exhaust the stack.
  static let maxDepth = 128

  /// The paragraph added when libxml2 stopped before the end of the page.
  static func truncationNotice(_ cause: Int32) -> String {
    cause == 2
      ? "[The page stops here: the rest has bytes that are not in the character set it declares.]"
      : "[The page stops here: the rest is beyond the limits of Gloss's HTML parser.]"
  }

  public static func article(path: String, data: Data) -> Article {
    var builder = ArticleBuilder()
    if let reason = gloss_html_unavailable() {
      // libxml2 is opened on first use; without it the page is not guessed at, and says why.
      builder.append(
        .init(
          text: "This saved web page cannot be shown: Gloss reads HTML with libxml2, which could not be loaded "
            + "(\(String(cString: reason))). On Debian or Ubuntu: apt-get install libxml2."
        ))
      return builder.build(path: path, title: (path as NSString).lastPathComponent)
    }
    var pageTitle: String?
    var truncated: Int32 = 0
    withoutNULs(data).withUnsafeBytes { raw in
      guard let base = raw.baseAddress, raw.count > 0, raw.count <= Int(Int32.max) else { return }
      let bytes = base.assumingMemoryBound(to: CChar.self)
      guard let document = gloss_html_parse(bytes, Int32(raw.count), &truncated) else { return }
      defer { gloss_html_free_document(document) }
      guard let root = gloss_html_root(document) else { return }
      pageTitle = title(root)
      // The article's own element when the page marks it; else <main>; else <body>.
      let content =
        first(named: "article", in: root) ?? first(named: "main", in: root) ?? first(named: "body", in: root) ?? root
      var walker = Walker(builder: builder)
      walker.blocks(content, quoteDepth: 0, listDepth: 0)
      walker.flush()
      builder = walker.builder
    }
    if truncated != 0 { builder.append(.init(text: truncationNotice(truncated))) }
    return builder.build(path: path, title: pageTitle)
  }

  /// NUL bytes as spaces: libxml2 stops at a NUL that comes before the markup (and shows an
  /// empty page). UTF-16 pages (by their BOM, or `<` beside a zero byte) keep theirs.
  static func withoutNULs(_ data: Data) -> Data {
    guard data.contains(0), TextDecoding.sniff(data).encoding == .utf8 else { return data }
    let head = Array(data.prefix(2))
    if head == [0x3C, 0] || head == [0, 0x3C] { return data }
    return Data(data.map { $0 == 0 ? 0x20 : $0 })
  }

  static func name(_ node: UnsafeMutableRawPointer) -> String {
    String(cString: gloss_html_name(node)).lowercased()
  }

  static func children(_ node: UnsafeMutableRawPointer) -> [UnsafeMutableRawPointer] {
    var result: [UnsafeMutableRawPointer] = []
    var child = gloss_html_first_child(node)
    while let c = child {
      result.append(c)
      child = gloss_html_next(c)
    }
    return result
  }

  static func attribute(_ node: UnsafeMutableRawPointer, _ attr: String) -> String? {
    guard let value = gloss_html_attribute(node, attr) else { return nil }
    defer { gloss_html_free_string(value) }
    return String(cString: value)
  }

  static func first(
    named wanted: String, in node: UnsafeMutableRawPointer, depth: Int = 0
  ) -> UnsafeMutableRawPointer? {
    guard depth < maxDepth else { return nil }
    for child in children(node) where gloss_html_type(child) == elementNode {
      if name(child) == wanted { return child }
      if dropped.contains(name(child)) { continue }
      if let found = first(named: wanted, in: child, depth: depth + 1) { return found }
    }
    return nil
  }

  static func textContent(_ node: UnsafeMutableRawPointer) -> String {
    guard let content = gloss_html_content(node) else { return "" }
    defer { gloss_html_free_string(content) }
    return collapse(String(cString: content))
  }

  static func collapse(_ s: String) -> String {
    s.split(whereSeparator: TextScan.isCollapsibleSpace).joined(separator: " ")
  }

  /// og:title, else <title>, else the first <h1>.
  static func title(_ root: UnsafeMutableRawPointer) -> String? {
    var og: String?
    func findMeta(_ node: UnsafeMutableRawPointer, depth: Int) {
      guard depth < maxDepth else { return }
      for child in children(node) where gloss_html_type(child) == elementNode {
        let property = attribute(child, "property") ?? attribute(child, "name")
        if name(child) == "meta", property?.lowercased() == "og:title" {
          og = attribute(child, "content").map(collapse)
          return
        }
        if og == nil { findMeta(child, depth: depth + 1) }
      }
    }
    findMeta(root, depth: 0)
    if let og, !og.isEmpty { return og }
    if let t = first(named: "title", in: root).map(textContent), !t.isEmpty { return t }
    if let h1 = first(named: "h1", in: root).map(textContent), !h1.isEmpty { return h1 }
    return nil
  }

  struct Walker {
    var builder: ArticleBuilder
    // The paragraph being gathered from inline content.
    var text = ""
    var scalars = 0
    var runs: [InlineRun] = []
    var pendingSpace = false
    var quoteDepth = 0
    var listDepth = 0
    var marker: String?
    var style: BlockStyle = .text
    /// Elements entered (see `HTMLReader.maxDepth`).
    var depth = 0

    mutating func flush() {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      if !trimmed.isEmpty || style == .rule {
        let lead = text.unicodeScalars.prefix { $0 == " " }.count
        let count = trimmed.unicodeScalars.count
        let adjusted = runs.map { run in
          let lower = min(count, max(0, run.range.lowerBound - lead))
          let upper = max(lower, min(count, run.range.upperBound - lead))
          return InlineRun(range: lower..<upper, style: run.style)
        }
        .filter { !$0.range.isEmpty }
        builder.append(
          .init(
            text: trimmed, style: style, quoteDepth: quoteDepth, listDepth: listDepth, marker: marker, runs: adjusted))
        marker = nil
      }
      text = ""
      scalars = 0
      runs = []
      pendingSpace = false
      style = .text
    }

    mutating func appendText(_ raw: String) {
      // HTML whitespace collapses to single spaces.
      var piece = ""
      for c in raw {
        if TextScan.isCollapsibleSpace(c) {
          pendingSpace = true
        } else {
          if pendingSpace && !(text.isEmpty && piece.isEmpty) { piece.append(" ") }
          pendingSpace = false
          piece.append(c)
        }
      }
      text += piece
      scalars += piece.unicodeScalars.count
    }

    mutating func appendLiteral(_ s: String) {
      text += s
      scalars += s.unicodeScalars.count
      pendingSpace = false
    }

    mutating func blocks(_ node: UnsafeMutableRawPointer, quoteDepth depth: Int, listDepth list: Int) {
      for child in HTMLReader.children(node) {
        switch gloss_html_type(child) {
        case textNode, cdataNode:
          quoteDepth = depth
          listDepth = list
          appendText(String(cString: gloss_html_text(child)))
        case elementNode:
          element(child, quoteDepth: depth, listDepth: list)
        default:
          break  // comments, processing instructions
        }
      }
    }

    mutating func element(_ node: UnsafeMutableRawPointer, quoteDepth depth: Int, listDepth list: Int) {
      let tag = HTMLReader.name(node)
      if HTMLReader.dropped.contains(tag) { return }
      guard self.depth < HTMLReader.maxDepth else { return flatten(node) }
      self.depth += 1
      defer { self.depth -= 1 }
      if (HTMLReader.attribute(node, "hidden") != nil) || HTMLReader.attribute(node, "aria-hidden") == "true" { return }
      switch tag {
      case "h1", "h2", "h3", "h4", "h5", "h6":
        flush()
        quoteDepth = depth
        listDepth = list
        style = .heading(Int(String(tag.last!))!)
        inline(node)
        flush()
      case "pre":
        flush()
        quoteDepth = depth
        listDepth = list
        style = .code
        var code = ""
        if let p = gloss_html_content(node) {
          code = String(cString: p)
          gloss_html_free_string(p)
        }
        while code.hasSuffix("\n") { code.removeLast() }
        if code.hasPrefix("\n") { code.removeFirst() }
        builder.append(.init(text: code, style: .code, quoteDepth: depth, listDepth: list, marker: marker))
        marker = nil
        style = .text
      case "hr":
        flush()
        builder.append(.init(text: "", style: .rule, quoteDepth: depth, listDepth: list))
      case "br":
        appendLiteral("\n")
      case "blockquote":
        flush()
        blocks(node, quoteDepth: depth + 1, listDepth: list)
        flush()
      case "ul", "ol":
        flush()
        var number = Int(HTMLReader.attribute(node, "start") ?? "") ?? 1
        for item in HTMLReader.children(node)
        where gloss_html_type(item) == elementNode && HTMLReader.name(item) == "li" {
          flush()
          marker = tag == "ol" ? "\(number)." : (list % 2 == 0 ? "•" : "◦")
          number += 1
          blocks(item, quoteDepth: depth, listDepth: list + 1)
          flush()
        }
      case "img":
        let alt = HTMLReader.attribute(node, "alt").map(HTMLReader.collapse) ?? ""
        if !alt.isEmpty {
          if pendingSpace && !text.isEmpty { appendLiteral(" ") }
          appendLiteral("[image: \(alt)]")
        }
      case _ where HTMLReader.paragraphLike.contains(tag) || tag == "li":
        flush()
        quoteDepth = depth
        listDepth = list
        inline(node)
        flush()
      case _ where HTMLReader.blockContainers.contains(tag):
        flush()
        blocks(node, quoteDepth: depth, listDepth: list)
        flush()
      default:
        quoteDepth = depth
        listDepth = list
        inline(node)
      }
    }

    /// An element too deep to walk: its text, as inline text (libxml2 gathers it without
    /// recursion).
    mutating func flatten(_ node: UnsafeMutableRawPointer) {
      guard let content = gloss_html_content(node) else { return }
      defer { gloss_html_free_string(content) }
      pendingSpace = true
      appendText(String(cString: content))
      pendingSpace = true
    }

    /// Inline content: text with emphasis, strong, code and links as runs; nested blocks
    /// (a <p> inside an <a>, say) still come out as blocks.
    mutating func inline(_ node: UnsafeMutableRawPointer) {
      for child in HTMLReader.children(node) {
        switch gloss_html_type(child) {
        case textNode, cdataNode:
          appendText(String(cString: gloss_html_text(child)))
        case elementNode:
          let tag = HTMLReader.name(child)
          if HTMLReader.dropped.contains(tag) { continue }
          let runStyle: InlineRun.Style?
          switch tag {
          case "em", "i", "cite", "dfn": runStyle = .emphasis
          case "strong", "b": runStyle = .strong
          case "code", "kbd", "samp", "tt": runStyle = .code
          case "a": runStyle = .link(HTMLReader.attribute(child, "href") ?? "")
          default: runStyle = nil
          }
          if HTMLReader.blockContainers.contains(tag) || HTMLReader.paragraphLike.contains(tag)
            || ["ul", "ol", "pre", "blockquote", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li"].contains(tag)
          {
            element(child, quoteDepth: quoteDepth, listDepth: listDepth)
            continue
          }
          if tag == "br" || tag == "img" {
            element(child, quoteDepth: quoteDepth, listDepth: listDepth)
            continue
          }
          if pendingSpace && !text.isEmpty {
            appendLiteral(" ")
          }
          guard self.depth < HTMLReader.maxDepth else {
            flatten(child)
            continue
          }
          let start = scalars
          self.depth += 1
          inline(child)
          self.depth -= 1
          if let runStyle, scalars > start {
            runs.append(InlineRun(range: start..<scalars, style: runStyle))
          }
        default:
          break
        }
      }
    }
  }
}

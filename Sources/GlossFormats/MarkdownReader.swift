import CCMark
import Foundation
import GlossModel
import Yams

/// Markdown articles, parsed by libcmark (the CommonMark reference implementation) into the
/// text a reader sees: headings, emphasis, code, quotes, lists, links and images become
/// block and inline styles, never Markdown syntax in the text. YAML front matter gives the
/// title, and author, date and source for the byline; it is never shown as text.
public enum MarkdownReader {
  public static func article(path: String, data: Data) -> Article {
    var source = TextDecoding.string(data)
    source = source.replacingOccurrences(of: "\r\n", with: "\n")
    let (front, body) = FrontMatter.split(source)
    var builder = ArticleBuilder()
    body.withCString { pointer in
      guard let document = cmark_parse_document(pointer, strlen(pointer), gloss_cmark_opt_default()) else { return }
      defer { cmark_node_free(document) }
      var walker = Walker(builder: builder)
      walker.blocks(of: document, quoteDepth: 0, listDepth: 0)
      builder = walker.builder
    }
    var byline: [String] = []
    let details = ["author", "date", "source"].compactMap { key in front[key].map { (key, $0) } }
    if !details.isEmpty { byline.append(details.map { $0.1 }.joined(separator: " · ")) }
    return builder.build(path: path, title: front["title"], byline: byline)
  }

  /// Blocks or inlines nested deeper than this are read as plain text (their words kept, their
  /// structure not): the walk recurses, and 100,000 nested `>` must not exhaust the stack.
  static let maxDepth = 100

  struct Walker {
    var builder: ArticleBuilder
    /// Blocks entered (see `MarkdownReader.maxDepth`).
    var depth = 0

    /// The text below a node, gathered without recursion (libcmark's iterator), words
    /// separated by single spaces.
    static func plainText(_ node: OpaquePointer) -> String {
      guard let iterator = cmark_iter_new(node) else { return "" }
      defer { cmark_iter_free(iterator) }
      var parts: [String] = []
      while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
        guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
        switch cmark_node_get_type(child) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
          parts.append(literal(child))
        default:
          parts.append(" ")
        }
      }
      return parts.joined().split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    static func children(_ node: OpaquePointer) -> [OpaquePointer] {
      var result: [OpaquePointer] = []
      var child = cmark_node_first_child(node)
      while let c = child {
        result.append(c)
        child = cmark_node_next(c)
      }
      return result
    }

    static func literal(_ node: OpaquePointer) -> String {
      cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    mutating func blocks(of node: OpaquePointer, quoteDepth: Int, listDepth: Int, marker firstMarker: String? = nil) {
      guard depth < MarkdownReader.maxDepth else {
        let text = Walker.plainText(node)
        if !text.isEmpty {
          builder.append(.init(text: text, quoteDepth: quoteDepth, listDepth: listDepth, marker: firstMarker))
        }
        return
      }
      depth += 1
      defer { depth -= 1 }
      var marker = firstMarker
      for child in Walker.children(node) {
        switch cmark_node_get_type(child) {
        case CMARK_NODE_PARAGRAPH:
          var inline = InlineText()
          inline.collect(child)
          builder.append(
            .init(text: inline.text, quoteDepth: quoteDepth, listDepth: listDepth, marker: marker, runs: inline.runs))
          marker = nil
        case CMARK_NODE_HEADING:
          var inline = InlineText()
          inline.collect(child)
          builder.append(
            .init(
              text: inline.text, style: .heading(Int(cmark_node_get_heading_level(child))), quoteDepth: quoteDepth,
              listDepth: listDepth, marker: marker, runs: inline.runs))
          marker = nil
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
          var code = Walker.literal(child)
          while code.hasSuffix("\n") { code.removeLast() }
          builder.append(.init(text: code, style: .code, quoteDepth: quoteDepth, listDepth: listDepth, marker: marker))
          marker = nil
        case CMARK_NODE_THEMATIC_BREAK:
          builder.append(.init(text: "", style: .rule, quoteDepth: quoteDepth, listDepth: listDepth))
        case CMARK_NODE_BLOCK_QUOTE:
          blocks(of: child, quoteDepth: quoteDepth + 1, listDepth: listDepth, marker: marker)
          marker = nil
        case CMARK_NODE_LIST:
          let ordered = cmark_node_get_list_type(child) == CMARK_ORDERED_LIST
          var number = Int(cmark_node_get_list_start(child))
          let parenthesis = cmark_node_get_list_delim(child) == CMARK_PAREN_DELIM
          for item in Walker.children(child) {
            let itemMarker = ordered ? "\(number)\(parenthesis ? ")" : ".")" : (listDepth % 2 == 0 ? "•" : "◦")
            blocks(of: item, quoteDepth: quoteDepth, listDepth: listDepth + 1, marker: itemMarker)
            number += 1
          }
        default:
          blocks(of: child, quoteDepth: quoteDepth, listDepth: listDepth, marker: marker)
        }
      }
    }
  }

  /// The visible text of inline content, with runs for its styles.
  struct InlineText {
    var text = ""
    var scalars = 0
    var runs: [InlineRun] = []
    /// Inlines entered (see `MarkdownReader.maxDepth`).
    var depth = 0

    mutating func append(_ s: String) {
      text += s
      scalars += s.unicodeScalars.count
    }

    mutating func collect(_ node: OpaquePointer) {
      guard depth < MarkdownReader.maxDepth else { return append(Walker.plainText(node)) }
      depth += 1
      defer { depth -= 1 }
      for child in Walker.children(node) {
        let start = scalars
        switch cmark_node_get_type(child) {
        case CMARK_NODE_TEXT, CMARK_NODE_HTML_INLINE:
          append(Walker.literal(child))
        case CMARK_NODE_SOFTBREAK:
          append(" ")
        case CMARK_NODE_LINEBREAK:
          append("\n")
        case CMARK_NODE_CODE:
          append(Walker.literal(child))
          runs.append(InlineRun(range: start..<scalars, style: .code))
        case CMARK_NODE_EMPH:
          collect(child)
          runs.append(InlineRun(range: start..<scalars, style: .emphasis))
        case CMARK_NODE_STRONG:
          collect(child)
          runs.append(InlineRun(range: start..<scalars, style: .strong))
        case CMARK_NODE_LINK:
          collect(child)
          let url = cmark_node_get_url(child).map { String(cString: $0) } ?? ""
          runs.append(InlineRun(range: start..<scalars, style: .link(url)))
        case CMARK_NODE_IMAGE:
          var alt = InlineText()
          alt.collect(child)
          append("[image: \(alt.text)]")
        default:
          collect(child)
        }
      }
    }
  }
}

/// YAML front matter at the top of a Markdown file, between `---` lines, read with Yams:
/// scalars (plain, quoted or multi-line, whitespace collapsed) and lists of scalars (joined with
/// ", "). A block that is not a YAML mapping is not front matter: it stays in the text.
enum FrontMatter {
  static func split(_ source: String) -> (fields: [String: String], body: String) {
    guard source.hasPrefix("---\n") else { return ([:], source) }
    let rest = source.dropFirst(4)
    let closing = rest.hasSuffix("\n---") ? rest.range(of: "\n---", options: .backwards) : nil
    guard let end = rest.range(of: "\n---\n") ?? rest.range(of: "\n...\n") ?? closing,
      let fields = fields(String(rest[..<end.lowerBound]))
    else {
      return ([:], source)
    }
    return (fields, String(rest[end.upperBound...]))
  }

  /// The fields of a YAML mapping, keys lower-cased; nil when the text is not one (or nests
  /// deeper than front matter ever does: Yams builds its tree recursively).
  static func fields(_ yaml: String) -> [String: String]? {
    guard !nestsTooDeep(yaml) else { return nil }
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch {
      return nil
    }
    guard let root else { return [:] }  // an empty block
    guard let mapping = root.mapping else { return nil }
    var fields: [String: String] = [:]
    for (key, value) in mapping {
      guard let name = key.scalar?.string.lowercased() else { continue }
      let text: String?
      if let scalar = value.scalar {
        text = self.text(scalar)
      } else if let items = value.sequence {
        text = items.compactMap { $0.scalar.flatMap(self.text) }.joined(separator: ", ")
      } else {
        text = nil
      }
      if let text, !text.isEmpty { fields[name] = text }
    }
    return fields
  }

  /// More than `maxNesting` open brackets or braces at once, sequence indicators on one line
  /// (`- - - x`), or columns of indentation. Quotes are not taken into account: a value that
  /// only looks deep is refused too, and shown as text.
  static func nestsTooDeep(_ yaml: String, maxNesting: Int = 64) -> Bool {
    var open = 0
    var indicators = 0
    var indent = 0
    var atLineStart = true
    var previous: Unicode.Scalar = "\n"
    for c in yaml.unicodeScalars {
      switch c {
      case "[", "{": open += 1
      case "]", "}": open = max(0, open - 1)
      case "\n":
        atLineStart = true
        indicators = 0
        indent = 0
      case " ":
        if atLineStart { indent += 1 }
        if previous == "-" || previous == "?" { indicators += 1 }
      default:
        atLineStart = false
      }
      if open > maxNesting || indicators > maxNesting || indent > 4 * maxNesting { return true }
      previous = c
    }
    return false
  }

  /// A scalar's text with its whitespace collapsed, or nil for YAML's null.
  static func text(_ scalar: Node.Scalar) -> String? {
    if scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return nil }
    let words = scalar.string.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
    return words.joined(separator: " ")
  }
}

import CCMark
import CGlossCMark
import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Markdown articles, parsed by libcmark-gfm (GitHub's CommonMark library, with its table,
/// strikethrough, task list, autolink and tag filter extensions, and footnotes) into the text
/// a reader sees: headings, emphasis, code, quotes, lists, tables, links and images become
/// block and inline styles, never Markdown syntax in the text. YAML front matter gives the
/// title, and author, date and source for the byline; it is never shown as text.
///
/// Internal link targets (`Article.anchors`): every heading has GitHub's slug (`#installation`),
/// a footnote `fn-LABEL` and its first reference `fnref-LABEL` (later ones `fnref-LABEL-2`…).
/// Footnotes are listed at the end, after a rule, numbered in the order they are first
/// referred to; a reference reads `[n]` and links to its note.
public enum MarkdownReader {
  public static func article(path: String, data: Data) -> Article {
    let (front, body) = FrontMatter.split(lineFeeds(TextDecoding.string(data)))
    var builder = ArticleBuilder()
    var references: [(block: Int, label: String, offset: Int)] = []
    // All of the text: libcmark-gfm reads a NUL in it as U+FFFD, so none of it is cut off.
    let length = body.utf8.count
    body.withCString { pointer in
      guard
        let document = gloss_cmark_parse_gfm(
          pointer, length, gloss_cmark_opt_default() | gloss_cmark_opt_footnotes())
      else { return }
      defer { cmark_node_free(document) }
      var walker = Walker(builder: builder)
      walker.numberFootnotes(of: document)
      walker.blocks(of: document, quoteDepth: 0, listDepth: 0)
      builder = walker.builder
      references = walker.footnoteReferences
    }
    var byline: [String] = []
    let details = ["author", "date", "source"].compactMap { key in front[key].map { (key, $0) } }
    if !details.isEmpty { byline.append(details.map { $0.1 }.joined(separator: " · ")) }
    var article = builder.build(path: path, title: front["title"], byline: byline)
    // The way back from a note: its references, inside paragraphs (block i is paragraph i).
    var seen: [String: Int] = [:]
    for (block, label, offset) in references where block < article.paragraphs.count {
      let count = seen[label, default: 0] + 1
      seen[label] = count
      let id = "fnref-" + label + (count > 1 ? "-\(count)" : "")
      if article.anchors[id] == nil { article.anchors[id] = article.paragraphs[block].scalars.lowerBound + offset }
    }
    return article
  }

  /// The text with each CR LF made LF (a lone CR stays: CommonMark ends a line there too).
  static func lineFeeds(_ text: String) -> String {
    guard text.utf8.contains(0x0D) else { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    for b in text.utf8 {
      if b == 0x0A && bytes.last == 0x0D { bytes.removeLast() }
      bytes.append(b)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// GitHub's anchor for a heading: lower case, letters, digits, `-` and `_` kept, spaces made
  /// `-`, everything else dropped.
  public static func slug(_ heading: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in heading.lowercased().unicodeScalars {
      if scalar == " " {
        out.append("-")
      } else if scalar == "-" || scalar == "_" || scalar.properties.isAlphabetic
        || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark
      {
        out.append(scalar)
      }
    }
    return String(out)
  }

  /// Blocks or inlines nested deeper than this are read as plain text (their words kept, their
  /// structure not): the walk recurses, and 100,000 nested `>` must not exhaust the stack.
  static let maxDepth = 100

  struct Walker {
    var builder: ArticleBuilder
    /// Blocks entered (see `MarkdownReader.maxDepth`).
    var depth = 0
    /// Footnote numbers by label.
    var footnoteNumbers: [String: Int] = [:]
    /// Footnote references: the block they are in, their label and offset in the block.
    var footnoteReferences: [(block: Int, label: String, offset: Int)] = []
    /// Heading slugs given so far, for GitHub's `-1`, `-2` on repeats.
    var slugs: [String: Int] = [:]
    /// Anchors for the next block appended (a footnote's id).
    var pendingAnchors: [String] = []

    init(builder: ArticleBuilder) {
      self.builder = builder
    }

    /// cmark-gfm moves the referenced footnote definitions to the end of the document, in the
    /// order of their first reference: that order numbers them.
    mutating func numberFootnotes(of document: OpaquePointer) {
      for child in Walker.children(document) where cmark_node_get_type(child) == CMARK_NODE_FOOTNOTE_DEFINITION {
        let label = Walker.footnoteLabel(child)
        if footnoteNumbers[label] == nil { footnoteNumbers[label] = footnoteNumbers.count + 1 }
      }
    }

    /// A footnote's label (of a definition, or of the definition a reference points at).
    static func footnoteLabel(_ node: OpaquePointer) -> String {
      var length: Int32 = 0
      guard let bytes = gloss_cmark_footnote_label(node, &length), length > 0 else { return "" }
      return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
    }

    /// The node's type name: how extension nodes (`table`, `strikethrough`, `tasklist`) are told.
    static func typeName(_ node: OpaquePointer) -> String {
      cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    /// Appends a block with the pending anchors.
    mutating func add(_ block: ArticleBuilder.Block, references: [(label: String, offset: Int)] = []) {
      var block = block
      block.anchors += pendingAnchors
      pendingAnchors = []
      for (label, offset) in references { footnoteReferences.append((builder.blocks.count, label, offset)) }
      builder.append(block)
    }

    /// A heading's slug, made unique as GitHub does.
    mutating func uniqueSlug(_ text: String) -> String {
      let base = MarkdownReader.slug(text)
      let count = slugs[base, default: 0]
      slugs[base] = count + 1
      return count == 0 ? base : "\(base)-\(count)"
    }

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
          add(.init(text: text, quoteDepth: quoteDepth, listDepth: listDepth, marker: firstMarker))
        }
        return
      }
      depth += 1
      defer { depth -= 1 }
      var marker = firstMarker
      for child in Walker.children(node) {
        switch cmark_node_get_type(child) {
        case CMARK_NODE_PARAGRAPH:
          var inline = InlineText(footnoteNumbers: footnoteNumbers)
          inline.collect(child)
          add(
            .init(text: inline.text, quoteDepth: quoteDepth, listDepth: listDepth, marker: marker, runs: inline.runs),
            references: inline.footnoteReferences)
          marker = nil
        case CMARK_NODE_HEADING:
          var inline = InlineText(footnoteNumbers: footnoteNumbers)
          inline.collect(child)
          pendingAnchors.append(uniqueSlug(inline.text))
          add(
            .init(
              text: inline.text, style: .heading(Int(cmark_node_get_heading_level(child))), quoteDepth: quoteDepth,
              listDepth: listDepth, marker: marker, runs: inline.runs),
            references: inline.footnoteReferences)
          marker = nil
        case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
          var code = Walker.literal(child)
          while code.hasSuffix("\n") { code.removeLast() }
          add(.init(text: code, style: .code, quoteDepth: quoteDepth, listDepth: listDepth, marker: marker))
          marker = nil
        case CMARK_NODE_THEMATIC_BREAK:
          add(.init(text: "", style: .rule, quoteDepth: quoteDepth, listDepth: listDepth))
        case CMARK_NODE_BLOCK_QUOTE:
          blocks(of: child, quoteDepth: quoteDepth + 1, listDepth: listDepth, marker: marker)
          marker = nil
        case CMARK_NODE_LIST:
          let ordered = cmark_node_get_list_type(child) == CMARK_ORDERED_LIST
          var number = Int(cmark_node_get_list_start(child))
          let parenthesis = cmark_node_get_list_delim(child) == CMARK_PAREN_DELIM
          for item in Walker.children(child) {
            var itemMarker = ordered ? "\(number)\(parenthesis ? ")" : ".")" : (listDepth % 2 == 0 ? "•" : "◦")
            if Walker.typeName(item) == "tasklist" {
              itemMarker = cmark_gfm_extensions_get_tasklist_item_checked(item) ? "☑" : "☐"
            }
            blocks(of: item, quoteDepth: quoteDepth, listDepth: listDepth + 1, marker: itemMarker)
            number += 1
          }
        case CMARK_NODE_FOOTNOTE_DEFINITION:
          // The notes, after a rule: `[n]` as the marker, the note's id on its first block.
          let label = Walker.footnoteLabel(child)
          guard let number = footnoteNumbers[label] else { continue }
          if number == 1 { add(.init(text: "", style: .rule, quoteDepth: quoteDepth, listDepth: listDepth)) }
          pendingAnchors.append("fn-" + label)
          blocks(of: child, quoteDepth: quoteDepth, listDepth: listDepth + 1, marker: "[\(number)]")
          pendingAnchors = []
        default:
          if Walker.typeName(child) == "table" {
            let (block, references) = table(child, quoteDepth: quoteDepth, listDepth: listDepth)
            add(block, references: references)
            marker = nil
          } else {
            blocks(of: child, quoteDepth: quoteDepth, listDepth: listDepth, marker: marker)
          }
        }
      }
    }

    /// A GFM table: its rows of cells, the header row(s) and the columns' alignments; and the
    /// footnote references in its cells, at their offsets in the table's text (rows joined by
    /// a line break, cells by a tab, as `ArticleBuilder.table` joins them).
    func table(
      _ node: OpaquePointer, quoteDepth: Int, listDepth: Int
    ) -> (ArticleBuilder.Block, [(label: String, offset: Int)]) {
      let columns = Int(cmark_gfm_extensions_get_table_columns(node))
      var alignments: [TableShape.Alignment] = []
      if let raw = cmark_gfm_extensions_get_table_alignments(node) {
        for i in 0..<columns {
          switch raw[i] {
          case UInt8(ascii: "l"): alignments.append(.left)
          case UInt8(ascii: "c"): alignments.append(.center)
          case UInt8(ascii: "r"): alignments.append(.right)
          default: alignments.append(.none)
          }
        }
      }
      var rows: [[ArticleBuilder.Cell]] = []
      var headerRows = 0
      var references: [(label: String, offset: Int)] = []
      var offset = 0
      for row in Walker.children(node) {
        if cmark_gfm_extensions_get_table_row_is_header(row) != 0 && rows.count == headerRows { headerRows += 1 }
        if !rows.isEmpty { offset += 1 }
        var cells: [ArticleBuilder.Cell] = []
        for cell in Walker.children(row) {
          if !cells.isEmpty { offset += 1 }
          var inline = InlineText(footnoteNumbers: footnoteNumbers)
          inline.collect(cell)
          for (label, at) in inline.footnoteReferences { references.append((label, offset + at)) }
          offset += inline.scalars
          cells.append(ArticleBuilder.Cell(text: inline.text, runs: inline.runs))
        }
        rows.append(cells)
      }
      let block = ArticleBuilder.table(
        rows: rows, shape: TableShape(alignments: alignments, headerRows: headerRows), quoteDepth: quoteDepth,
        listDepth: listDepth)
      return (block, references)
    }
  }
}

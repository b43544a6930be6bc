import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Data tables as table blocks: `<th>`-only leading rows (and `<thead>` rows) are headers,
/// `align` or `text-align` give a column's alignment, a cell keeps its inline runs (links,
/// emphasis), a `colspan` leaves empty cells after it, and a `<caption>` is a paragraph before.
extension HTMLWalker {
  mutating func table(_ index: Int, quoteDepth depth: Int, listDepth list: Int) {
    for caption in dom.nodes[index].children where dom.nodes[caption].tag == "caption" {
      element(caption, quoteDepth: depth, listDepth: list)
    }
    let rows = dom.tableRows(index)
    var cells: [[ArticleBuilder.Cell]] = []
    var alignments: [TableShape.Alignment] = []
    var headerRows = 0
    var inHeader = true
    for row in rows {
      var built: [ArticleBuilder.Cell] = []
      for cell in row {
        let rowAttributes = dom.nodes[dom.nodes[cell].parent].attributes
        if let alignment = Self.alignment(dom.nodes[cell].attributes) ?? Self.alignment(rowAttributes) {
          while alignments.count <= built.count { alignments.append(.none) }
          if alignments[built.count] == .none { alignments[built.count] = alignment }
        }
        built.append(cellContent(cell))
        let span = min(Int(dom.nodes[cell].attributes["colspan"] ?? "") ?? 1, 100)
        if span > 1 { built.append(contentsOf: repeatElement(ArticleBuilder.Cell(text: ""), count: span - 1)) }
      }
      let isHeader =
        !row.isEmpty
        && (row.allSatisfy { dom.nodes[$0].tag == "th" } || dom.hasAncestor(row[0], in: ["thead"], within: 2))
      if inHeader && isHeader { headerRows += 1 } else { inHeader = false }
      cells.append(built)
    }
    let columns = cells.map(\.count).max() ?? 0
    while alignments.count < columns { alignments.append(.none) }
    append(
      ArticleBuilder.table(
        rows: cells, shape: TableShape(alignments: alignments, headerRows: headerRows), quoteDepth: depth,
        listDepth: list))
  }

  static func alignment(_ attributes: [String: String]) -> TableShape.Alignment? {
    var value = attributes["align"]?.lowercased()
    if let style = attributes["style"]?.lowercased().filter({ !$0.isWhitespace }),
      let range = style.firstRange(of: "text-align:")
    {
      value = String(style[range.upperBound...].prefix { $0.isLetter })
    }
    switch value {
    case "left", "start": return .left
    case "center", "middle": return .center
    case "right", "end": return .right
    default: return nil
    }
  }

  /// A cell's text and runs, read like a paragraph.
  func cellContent(_ cell: Int) -> ArticleBuilder.Cell {
    var walker = HTMLWalker(dom: dom, skip: skip, readingBody: readingBody)
    walker.depth = depth
    walker.inline(cell)
    walker.flush()
    var result = ArticleBuilder.Cell(text: "")
    var offset = 0
    for block in walker.builder.blocks {
      if offset > 0 {
        result.text += " "
        offset += 1
      }
      result.text += block.text
      for run in block.runs {
        result.runs.append(
          InlineRun(range: (run.range.lowerBound + offset)..<(run.range.upperBound + offset), style: run.style))
      }
      offset += block.text.unicodeScalars.count
    }
    return result
  }
}

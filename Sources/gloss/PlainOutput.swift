import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The article as the reader shows it, for a pipe (`gloss read A | grep …`), the way `less`
/// prints when its output is not a terminal: the title, a blank line, then the reader's
/// blocks (paragraphs, list items, headings, code, tables in aligned columns) with the
/// reader's blank rows between them. A link's number follows its text as in the reader
/// (`docs¹`), and the paragraph is followed by its links' URLs, one `[1] url` line each, as
/// lynx and w3m list them; internal links (`#…`) are not listed. The lines come from the model's `ArticleLayout`, so the
/// wrapping (by display width) is the reader's; every line goes through `terminalSafe`, so
/// control and bidi characters are shown, never obeyed, and no escape sequence is written.
enum PlainOutput {
  /// The width used when no wrapping is asked for: wider than any paragraph.
  static let unwrapped = 1 << 40

  /// The article's lines, handed out in pieces (`emit` is called every 64 KB, so a 20 MB
  /// article is never one string, and `| head -1` stops the work early).
  static func write(_ article: Article, width: Int?, emit: (String) -> Void) {
    let layout = ArticleLayout(article: article, width: width ?? unwrapped)
    var out = ""
    func flush(force: Bool = false) {
      if force || out.utf8.count >= 1 << 16 {
        if !out.isEmpty { emit(out) }
        out = ""
      }
    }
    for line in layout.lines(ofBlock: 0) where line.style == .title {
      out += text(of: line, width: width) + "\n"
    }
    out += references(layout, block: 0)
    // The title at once: `| head -1` has its line before a long article is wrapped.
    flush(force: true)
    for block in 1..<max(1, layout.blockCount) {
      if block == 1 { out += "\n" }
      // Row by row, as the reader pages: a very long paragraph is wrapped as it is written,
      // never held whole as lines.
      var row = 0
      while let line = layout.line(at: LayoutPosition(block: block, row: row)) {
        out += text(of: line, width: width) + "\n"
        flush()
        row += 1
      }
      out += references(layout, block: block)
      if layout.rowCount(ofBlock: block) > row { out += "\n" }
    }
    flush(force: true)
  }

  /// The `[n] url` lines of the links that start in a block's paragraph.
  static func references(_ layout: ArticleLayout, block: Int) -> String {
    guard let p = layout.paragraph(forBlock: block), p < layout.article.paragraphs.count else { return "" }
    let scalars = layout.article.paragraphs[p].scalars
    var out = ""
    for link in layout.links(in: scalars) where scalars.contains(link.range.lowerBound) {
      out += "[\(link.number)] \(link.url)".terminalSafe + "\n"
    }
    return out
  }

  /// One row as the reader draws it: its prefix (quote bars, list marker, heading level), then
  /// its text made safe (with a table row's padding and separators, and link numbers); a rule
  /// as a line of `─`, and a clipped code line or table row ends in `→`.
  static func text(of line: LayoutLine, width: Int?) -> String {
    let prefix = line.prefix.terminalSafe
    if line.style == .rule {
      let columns = max(3, min(width ?? 40, 40) - DisplayWidth.of(prefix))
      return prefix + String(repeating: "─", count: columns)
    }
    var text = ""
    for piece in line.drawnPieces {
      text += piece.kind == .text ? String(piece.text).terminalSafe : String(piece.text)
    }
    if line.pieces.contains(where: { $0.kind == .padding }) {
      while text.hasSuffix(" ") { text.removeLast() }
    }
    return prefix + text + (line.clipped ? "→" : "")
  }
}

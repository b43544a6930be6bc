import CCMark
import CGlossCMark
import GlossModel

extension MarkdownReader {
  /// The visible text of inline content, with runs for its styles.
  struct InlineText {
    var text = ""
    var scalars = 0
    var runs: [InlineRun] = []
    /// Footnote references met, by label, with where their `[n]` starts (scalars into `text`).
    var footnoteReferences: [(label: String, offset: Int)] = []
    /// Footnote numbers by label (the order cmark-gfm lists the definitions in).
    var footnoteNumbers: [String: Int] = [:]
    /// Inlines entered (see `MarkdownReader.maxDepth`).
    var depth = 0

    init(footnoteNumbers: [String: Int] = [:]) {
      self.footnoteNumbers = footnoteNumbers
    }

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
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          // `[n]`, a link to the note; the reference itself is the note's way back.
          let label = Walker.footnoteLabel(child)
          let number = footnoteNumbers[label].map(String.init) ?? Walker.literal(child)
          append("[\(number)]")
          runs.append(InlineRun(range: start..<scalars, style: .link("#fn-" + label)))
          footnoteReferences.append((label, start))
        default:
          if Walker.typeName(child) == "strikethrough" {
            collect(child)
            runs.append(InlineRun(range: start..<scalars, style: .strikethrough))
          } else {
            collect(child)
          }
        }
      }
    }
  }
}

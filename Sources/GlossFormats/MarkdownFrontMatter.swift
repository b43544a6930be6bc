import GlossModel

/// YAML front matter at the top of a Markdown file, between `---` lines, read with libyaml
/// (`YAML.mapping`): scalars (plain, quoted or multi-line, whitespace collapsed) and lists of
/// scalars (joined with ", "). A block that is not a YAML mapping is not front matter: it stays
/// in the text.
enum FrontMatter {
  static func split(_ source: String) -> (fields: [String: String], body: String) {
    guard source.hasPrefix("---\n") else { return ([:], source) }
    // The block ends at a `---` or `...` line, or at a `---` that ends the file.
    let utf8 = source.utf8
    let end: (start: Int, next: Int)
    if let i = TextScan.byteOffset(of: "\n---\n", in: source, from: 4)
      ?? TextScan.byteOffset(of: "\n...\n", in: source, from: 4)
    {
      end = (i, i + 5)
    } else if utf8.count >= 8 && source.hasSuffix("\n---") {
      end = (utf8.count - 4, utf8.count)
    } else {
      return ([:], source)
    }
    let start = utf8.index(utf8.startIndex, offsetBy: 4)
    let blockEnd = utf8.index(start, offsetBy: end.start - 4)
    guard let fields = fields(String(source[start..<blockEnd])) else { return ([:], source) }
    return (fields, String(source[utf8.index(blockEnd, offsetBy: end.next - end.start)...]))
  }

  /// The fields of a YAML mapping, keys lower-cased; nil when the text is not one (or nests
  /// deeper than front matter ever does, see `nestsTooDeep`).
  static func fields(_ yaml: String) -> [String: String]? {
    guard !nestsTooDeep(yaml), let mapping = YAML.mapping(yaml) else { return nil }
    var fields: [String: String] = [:]
    for (key, value) in mapping {
      let text: String?
      switch value {
      case .scalar(let scalar): text = self.text(scalar)
      case .sequence(let items): text = items.compactMap(self.text).joined(separator: ", ")
      case .other: text = nil
      }
      if let text, !text.isEmpty { fields[key.lowercased()] = text }
    }
    return fields
  }

  /// More than `maxNesting` open brackets or braces at once, sequence indicators on one line
  /// (`- - - x`), or columns of indentation. Quotes are not taken into account: a value that
  /// only looks deep is refused too, and shown as text. libyaml's parser does not recurse, but
  /// it looks through all open levels for every token it reads: nesting costs quadratic time
  /// (10,000 brackets 0.4 s, 100,000 25 s, measured through PyYAML on the same libyaml).
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
  static func text(_ scalar: YAML.Scalar) -> String? {
    if scalar.isNull { return nil }
    let words = scalar.text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
    return words.joined(separator: " ")
  }
}

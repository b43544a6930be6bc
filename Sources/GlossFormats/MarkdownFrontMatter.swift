import Foundation
import Yams

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

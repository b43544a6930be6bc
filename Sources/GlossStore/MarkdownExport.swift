import GlossFormats
import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Markdown export: one document per article, for a notes vault, a blog or a paper.
///
/// ```markdown
/// ---
/// title: "Why the U.S. Must Not Support Azerbaijan’s War"
/// source: "why-the-us-must-not-support-azerbaijans-war.txt"
/// exported: "2026-11-22T10:00:00Z"
/// tags: ["diplomacy", "foreign policy"]
/// ---
///
/// # Why the U\.S\. Must Not Support Azerbaijan’s War
///
/// > the highlighted text
///
/// yellow · #diplomacy #foreign-policy
///
/// The note, as its own paragraph.
/// ```
///
/// Faithful: the characters that open Markdown syntax are backslash-escaped (CommonMark
/// lets any ASCII punctuation be escaped), leading and trailing spaces and tabs become
/// character references, and line breaks become paragraph breaks or hard breaks, so that any
/// CommonMark renderer shows exactly the text — no heading, list, link, HTML or code span
/// can come out of it.
public enum MarkdownExport {
  public struct Document: Sendable {
    public var title: String
    public var source: String
    public var annotations: [Annotation]
    public init(title: String, source: String, annotations: [Annotation]) {
      self.title = title
      self.source = source
      self.annotations = annotations
    }
  }

  /// The Markdown for one article. `exported` nil omits the stamp (`--no-timestamp`).
  public static func render(_ document: Document, exported: Date?) -> String {
    let live = document.annotations.filter { !$0.isOrphaned }.sorted(by: readingOrder)
    let orphaned = document.annotations.filter(\.isOrphaned).sorted(by: readingOrder)
    let tags = Tags.normalized(document.annotations.sorted(by: readingOrder).flatMap(\.tags))
    var out = "---\n"
    out += frontMatter(title: document.title, source: document.source, exported: exported, tags: tags)
    out += "---\n\n"
    out += "# " + inline(visible(replacing("\n", with: " ", in: document.title))) + "\n"
    out.reserveCapacity(live.count * 400)
    for annotation in live { out += "\n" + block(annotation) }
    if !orphaned.isEmpty {
      out += "\n## Orphaned\n\nThese passages are no longer found in the article; their quotes are kept.\n"
      for annotation in orphaned { out += "\n" + block(annotation) }
    }
    return out
  }

  static func readingOrder(_ a: Annotation, _ b: Annotation) -> Bool {
    (a.start, a.end, a.created, a.id.sortKey) < (b.start, b.end, b.created, b.id.sortKey)
  }

  /// One annotation: the quote as a blockquote, a line with colour and tags, the note.
  static func block(_ annotation: Annotation) -> String {
    var out = Bytes()
    out.blockquote(visible(annotation.quote))
    out.raw("\n\n")
    out.raw(annotation.color.rawValue)
    if !annotation.tags.isEmpty {
      out.raw(" · ")
      out.raw(annotation.tags.map(hashTag).joined(separator: " "))
    }
    out.raw("\n")
    if hasText(annotation.note) {
      out.raw("\n")
      out.paragraphs(visible(annotation.note))
      out.raw("\n")
    }
    return out.string
  }

  /// Whether a note has anything but white space (`TextScan.isWhitespace`: Unicode's).
  static func hasText(_ s: String) -> Bool {
    s.unicodeScalars.contains { !TextScan.isWhitespace($0) }
  }

  /// A tag as `#tag`: letters, digits, `_`, `-` and `/` are kept; spaces and anything else
  /// become `-`, so that note apps (Obsidian, Logseq) read it as one tag.
  public static func hashTag(_ tag: String) -> String {
    var out = ""
    for c in tag {
      if c.isLetter || c.isNumber || c == "_" || c == "-" || c == "/" {
        out.append(c)
      } else if out.last != "-" {
        out.append("-")
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    if out.isEmpty || out.allSatisfy(\.isNumber) { out = "tag-" + out }
    return "#" + out
  }

  /// Text as blockquote lines: paragraphs (blank-line separated) become `>`-prefixed
  /// paragraphs, single line breaks hard breaks.
  public static func blockquote(_ text: String) -> String {
    var out = Bytes()
    out.blockquote(text)
    return out.string
  }

  /// Text as Markdown paragraphs that render to exactly the text.
  public static func paragraphs(_ text: String) -> String {
    var out = Bytes()
    out.paragraphs(text)
    return out.string
  }

  /// Characters escaped wherever they are: they open inline syntax (emphasis, code, links,
  /// HTML, entities, tables, strikethrough, highlights, math), or would be read as tags by
  /// note apps (`#`).
  static let alwaysEscaped: Set<Unicode.Scalar> = [
    "\\", "`", "*", "_", "[", "]", "<", ">", "#", "&", "|", "~", "=", "$", "{", "}",
  ]
  static let alwaysEscapedBytes: [Bool] = (0..<256).map { b in
    b < 128 && alwaysEscaped.contains(Unicode.Scalar(UInt8(b)))
  }

  /// One line of text, escaped so that it renders literally: syntax characters are
  /// backslash-escaped (list markers only at the start of the line, so that ordinary
  /// punctuation stays readable); leading and trailing spaces and tabs become character
  /// references.
  public static func inline(_ line: String) -> String {
    var out = Bytes()
    var line = line
    line.withUTF8 { out.inline($0[...]) }
    return out.string
  }

  /// The export written as UTF-8 bytes: every character that matters to Markdown is ASCII,
  /// so quotes and notes are escaped byte by byte.
  struct Bytes {
    var bytes: [UInt8] = []
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    /// `paragraphs`, each output line prefixed with `> ` (or `>` when empty).
    mutating func blockquote(_ text: String) {
      var inner = Bytes()
      inner.paragraphs(text)
      var atLineStart = true
      for b in inner.bytes {
        if atLineStart {
          bytes.append(UInt8(ascii: ">"))
          if b != 0x0A { bytes.append(0x20) }
        }
        bytes.append(b)
        atLineStart = b == 0x0A
      }
      if atLineStart { bytes.append(UInt8(ascii: ">")) }  // empty text, or ending in a blank line
    }

    /// Runs of two or more line breaks (CR LF, CR or LF) separate paragraphs; one is a hard
    /// line break; blank lines at either end are dropped.
    mutating func paragraphs(_ text: String) {
      var text = text
      text.withUTF8 { u in
        var lines: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < u.count {
          if u[i] == 0x0A || u[i] == 0x0D {
            lines.append(start..<i)
            if u[i] == 0x0D && i + 1 < u.count && u[i + 1] == 0x0A { i += 1 }
            start = i + 1
          }
          i += 1
        }
        lines.append(start..<u.count)
        var wroteLine = false
        var blankRun = 0
        for line in lines {
          if line.isEmpty {
            blankRun += 1
            continue
          }
          if wroteLine { bytes.append(contentsOf: blankRun > 0 ? [0x0A, 0x0A] : [0x5C, 0x0A]) }
          blankRun = 0
          inline(u[line])
          wroteLine = true
        }
      }
    }

    mutating func inline(_ s: Slice<UnsafeBufferPointer<UInt8>>) {
      var lead = s.startIndex
      while lead < s.endIndex && (s[lead] == 0x20 || s[lead] == 0x09) { lead += 1 }
      var trail = s.endIndex
      while trail > lead && (s[trail - 1] == 0x20 || s[trail - 1] == 0x09) { trail -= 1 }
      // A list marker at the start: "-", "+", or digits followed by "." or ")".
      var markerIndex = -1
      if lead < trail {
        if s[lead] == UInt8(ascii: "-") || s[lead] == UInt8(ascii: "+") {
          markerIndex = lead
        } else {
          var i = lead
          while i < trail && s[i] >= 0x30 && s[i] <= 0x39 { i += 1 }
          if i > lead && i < trail && (s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ")")) { markerIndex = i }
        }
      }
      let escaped = MarkdownExport.alwaysEscapedBytes
      for i in s.indices {
        let b = s[i]
        if b == 0x20 && (i < lead || i >= trail) {
          bytes.append(contentsOf: "&#32;".utf8)
        } else if b == 0x09 {
          bytes.append(contentsOf: "&#9;".utf8)
        } else if escaped[Int(b)] || i == markerIndex {
          bytes.append(0x5C)
          bytes.append(b)
        } else {
          bytes.append(b)
        }
      }
    }
  }

  /// Text with every control character (C0 but line breaks and tabs, DEL, C1), bidi control
  /// and line separator replaced by the inert visible form the reader shows (`^[`,
  /// `<U+009B>`, `Glyph.escape`), so that an export never sends them to a terminal.
  public static func visible(_ text: String) -> String {
    func unsafe(_ u: Unicode.Scalar) -> Bool { u != "\n" && u != "\r" && Glyph.escape(u) != nil }
    guard text.unicodeScalars.contains(where: unsafe) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for u in text.unicodeScalars {
      if unsafe(u), let shown = Glyph.escape(u) { out += shown } else { out.unicodeScalars.append(u) }
    }
    return out
  }

  /// The YAML front matter's lines (without the `---` fences), written by libyaml
  /// (`YAML.blockMapping`, the emitter Yams wraps, so the bytes are the ones Yams wrote): every
  /// value double-quoted, tags as a flow list, on one line each. libyaml escapes control
  /// characters; bidi controls and other characters it counts as printable but the reader
  /// shows escaped are written as `\uXXXX` too, so that the file is safe to `cat`.
  public static func frontMatter(title: String, source: String, exported: Date?, tags: [String]) -> String {
    var entries: [(key: String, value: YAML.Written)] = [("title", .text(title)), ("source", .text(source))]
    if let exported { entries.append(("exported", .text(ISO8601.string(exported)))) }
    entries.append(("tags", .list(tags)))
    guard let yaml = YAML.blockMapping(entries) else {
      // Not expected (every value is a string); the hand-written form is equally valid YAML.
      return entries.map { key, value in
        switch value {
        case .text(let text): key + ": " + yamlString(text)
        case .list(let items): key + ": [" + items.map(yamlString).joined(separator: ", ") + "]"
        }
      }.joined(separator: "\n") + "\n"
    }
    guard yaml.unicodeScalars.contains(where: { $0 != "\n" && Glyph.escape($0) != nil }) else { return yaml }
    var out = ""
    for u in yaml.unicodeScalars {
      if u != "\n" && Glyph.escape(u) != nil { out += unicodeEscape(u) } else { out.unicodeScalars.append(u) }
    }
    return out
  }

  /// A YAML double-quoted scalar: always valid, whatever the text.
  public static func yamlString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if u.value < 0x20 || u.value == 0xFEFF || Glyph.escape(u) != nil {
          out += unicodeEscape(u)
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  /// `\uXXXX`: upper-case hex, at least four digits (every character escaped is in the BMP).
  static func unicodeEscape(_ u: Unicode.Scalar) -> String {
    let hex = String(u.value, radix: 16, uppercase: true)
    return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  /// The file name of an article's export in a folder: its path in the library, folders
  /// joined by `-`, without the extension, made safe (`one/twin.txt` → `one-twin.md`).
  public static func fileName(forArticlePath path: String) -> String {
    var parts = path.split(separator: "/").map(String.init)
    if let last = parts.popLast() {
      var name = last
      if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
      parts.append(name)
    }
    return slugged(parts.joined(separator: "-")) + ".md"
  }

  /// Distinct export file names for articles (a name per path): `fileName(forArticlePath:)`,
  /// and for paths that would still share one (`notes.txt` and `Notes.md`), the extension
  /// kept, then a number — in path order, so the same paths always get the same names.
  public static func fileNames(forArticlePaths paths: [String]) -> [String: String] {
    var names: [String: String] = [:]
    var taken = Set<String>()
    let groups = Dictionary(grouping: Set(paths).sorted(), by: fileName(forArticlePath:))
    for (name, group) in groups.sorted(by: { $0.key < $1.key }) where group.count == 1 {
      names[group[0]] = name
      taken.insert(name)
    }
    for (_, group) in groups.sorted(by: { $0.key < $1.key }) where group.count > 1 {
      for path in group {
        var candidate = slugged(replacing("/", with: "-", in: path)) + ".md"
        var n = 2
        while taken.contains(candidate) {
          candidate = slugged(replacing("/", with: "-", in: path)) + "-\(n).md"
          n += 1
        }
        names[path] = candidate
        taken.insert(candidate)
      }
    }
    return names
  }

  /// `text` with every `scalar` made `replacement`, scalar by scalar (even one that a combining
  /// mark follows).
  static func replacing(_ scalar: Unicode.Scalar, with replacement: Unicode.Scalar, in text: String) -> String {
    var out = String.UnicodeScalarView()
    out.append(contentsOf: text.unicodeScalars.lazy.map { $0 == scalar ? replacement : $0 })
    return String(out)
  }

  static func slugged(_ name: String) -> String {
    var out = ""
    for c in name.lowercased() {
      if c.isLetter || c.isNumber { out.append(c) } else if out.last != "-" { out.append("-") }
    }
    while out.hasSuffix("-") { out.removeLast() }
    while out.hasPrefix("-") { out.removeFirst() }
    return out.isEmpty ? "article" : out
  }
}

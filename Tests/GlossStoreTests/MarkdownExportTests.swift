import CCMark
import Foundation
import GlossModel
import Testing

@testable import GlossFormats
@testable import GlossStore

/// A CommonMark document parsed by the reference library, libcmark.
final class CommonMarkTree {
  let root: OpaquePointer

  init(_ markdown: String) {
    root = markdown.withCString { cmark_parse_document($0, strlen($0), gloss_cmark_opt_default())! }
  }

  deinit { cmark_node_free(root) }

  static func children(_ node: OpaquePointer) -> [OpaquePointer] { MarkdownReader.Walker.children(node) }

  static func type(_ node: OpaquePointer) -> String { String(cString: cmark_node_get_type_string(node)) }

  /// The text a renderer shows for a block: paragraphs joined by a blank line, hard breaks as
  /// line breaks. Records every node type met on the way.
  static func text(_ node: OpaquePointer, types: inout Set<String>) -> String {
    types.insert(type(node))
    switch cmark_node_get_type(node) {
    case CMARK_NODE_TEXT:
      return String(cString: cmark_node_get_literal(node))
    case CMARK_NODE_LINEBREAK:
      return "\n"
    case CMARK_NODE_SOFTBREAK:
      return " "
    case CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
      return String(cString: cmark_node_get_literal(node))
    case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_DOCUMENT:
      return children(node).map { text($0, types: &types) }.joined(separator: "\n\n")
    default:
      return children(node).map { text($0, types: &types) }.joined()
    }
  }

  var blocks: [OpaquePointer] { CommonMarkTree.children(root) }
}

/// Quotes that would break naive Markdown.
let adversarialQuotes = [
  "# not a heading",
  "## also ## not",
  "*not emphasis* and _not either_ and **nor this**",
  "a_b_c and snake_case_words",
  "`not code` and ``double``",
  "> not a nested quote",
  "[not a link](http://example.com) and ![no image](x.png)",
  "<script>alert('x')</script> and <b>bold</b>",
  "1. not a list",
  "- not a list either",
  "+ nor this",
  "   leading spaces kept",
  "trailing spaces kept   ",
  "    four spaces are not code",
  "tabs\tinside\tand trailing\t",
  "a line\nwith a break",
  "two paragraphs\n\nin one quote",
  "---",
  "===",
  "&amp; &copy; &#65; entities stay literal",
  "back\\slash \\*escaped\\* and a trailing backslash\\",
  "<http://autolink.example> and https://bare.example.com",
  "| a | table | row |",
  "~~~ fence and ``` fence",
  "ends with two spaces  ",
  "Unicode: “curly” — em dash, Հայերեն, فارسی, 中文, 😀",
  "1) also not a list",
  "*",
  "[ref]: http://example.com \"title\"",
  "<!-- a comment -->",
  "\\",
  "5 * 3 = 15 and 2 < 3 > 1",
]

func adversarialDocument() -> MarkdownExport.Document {
  let annotations = adversarialQuotes.enumerated().map { i, quote in
    Annotation(
      article: "tricky.txt", start: i * 100, end: i * 100 + quote.unicodeScalars.count, quote: quote,
      prefix: "", suffix: "", color: HighlightColor.allCases[i % 5],
      tags: i % 3 == 0 ? ["foreign policy", "Ιστορία"] : ["x*y", "a#b"],
      note: adversarialQuotes[(i + 7) % adversarialQuotes.count],
      created: Date(timeIntervalSince1970: Double(i)))
  }
  return MarkdownExport.Document(
    title: "A *title* with # and <tags> & “quotes”", source: "tricky.txt", annotations: annotations)
}

@Suite struct MarkdownExportTests {
  @Test func everyQuoteAndNoteRendersToExactlyItsTextInABlockquote() throws {
    let document = adversarialDocument()
    let markdown = MarkdownExport.render(document, exported: nil)
    // Front matter is not part of CommonMark; parse the body after it.
    let body = String(markdown[markdown.range(of: "\n---\n")!.upperBound...])
    let tree = CommonMarkTree(body)
    var blocks = tree.blocks
    var types = Set<String>()
    // The title: one heading, with the title's exact text.
    let heading = blocks.removeFirst()
    #expect(CommonMarkTree.type(heading) == "heading")
    #expect(CommonMarkTree.text(heading, types: &types) == document.title)
    types = []
    let ordered = document.annotations.sorted { $0.start < $1.start }
    for annotation in ordered {
      let quote = blocks.removeFirst()
      #expect(CommonMarkTree.type(quote) == "block_quote", "\(annotation.quote.debugDescription)")
      #expect(
        CommonMarkTree.text(quote, types: &types) == annotation.quote, "quote \(annotation.quote.debugDescription)")
      let meta = blocks.removeFirst()
      #expect(CommonMarkTree.type(meta) == "paragraph")
      let metaText = CommonMarkTree.text(meta, types: &types)
      #expect(metaText.hasPrefix(annotation.color.rawValue))
      for tag in annotation.tags { #expect(metaText.contains(MarkdownExport.hashTag(tag))) }
      let note = blocks.removeFirst()
      let noteText = CommonMarkTree.children(note).isEmpty ? "" : CommonMarkTree.text(note, types: &types)
      if annotation.note.contains("\n\n") {
        // A note of several paragraphs is several paragraph blocks.
        var parts = [noteText]
        for _ in 1..<annotation.note.components(separatedBy: "\n\n").count {
          parts.append(CommonMarkTree.text(blocks.removeFirst(), types: &types))
        }
        #expect(parts.joined(separator: "\n\n") == annotation.note)
      } else {
        #expect(CommonMarkTree.type(note) == "paragraph")
        #expect(noteText == annotation.note, "note \(annotation.note.debugDescription)")
      }
    }
    #expect(blocks.isEmpty)
    // Nothing but text came out of the quotes and notes: no emphasis, link, image, code, HTML.
    #expect(types.isSubset(of: ["block_quote", "paragraph", "text", "linebreak"]), "\(types)")
  }

  @Test func frontMatterIsValidYAMLWithTheFields() throws {
    var document = adversarialDocument()
    document.title = "Title: with \"quotes\", a # hash, a \\ backslash\tand a tab"
    let markdown = MarkdownExport.render(document, exported: Date(timeIntervalSince1970: 1_800_000_000))
    let frontMatter = String(markdown.dropFirst(4).prefix { _ in true }.components(separatedBy: "\n---\n")[0])
    // Parse it with a real YAML parser (PyYAML, present on these machines) when available.
    let python =
      ((ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" } + [
        "/usr/bin/python3"
      ])
      .first { FileManager.default.isExecutableFile(atPath: $0) }
    let script = "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read()), sort_keys=True))"
    if let python, let parsed = try? pipe(frontMatter, to: python, ["-c", script]), !parsed.isEmpty {
      print("front matter checked with PyYAML (\(python))")
      let object = try #require(try JSONSerialization.jsonObject(with: Data(parsed.utf8)) as? [String: Any])
      #expect(object["title"] as? String == document.title)
      #expect(object["source"] as? String == "tricky.txt")
      #expect(object["exported"] as? String == "2027-01-15T08:00:00Z")
      #expect(object["tags"] as? [String] == ["foreign policy", "Ιστορία", "x*y", "a#b"])
    } else {
      #expect(
        ProcessInfo.processInfo.environment["CI"] == nil,
        "CI must check the front matter with a real YAML parser (pip install pyyaml)")
      print("WARNING: PyYAML not found; front matter checked by text only")
      #expect(frontMatter.contains("title: \"Title: with \\\"quotes\\\", a # hash, a \\\\ backslash\\tand a tab\""))
    }
  }

  @Test func deterministicAndNoTimestamp() {
    let document = adversarialDocument()
    let a = MarkdownExport.render(document, exported: nil)
    var shuffled = document
    shuffled.annotations.shuffle()
    #expect(MarkdownExport.render(shuffled, exported: nil) == a)
    #expect(!a.contains("exported:"))
    #expect(MarkdownExport.render(document, exported: Date()).contains("exported: \""))
  }

  @Test func orphansComeLastUnderTheirOwnHeading() {
    var orphan = Annotation(
      article: "a.txt", start: 0, end: 4, quote: "gone", prefix: "", suffix: "", created: Date(timeIntervalSince1970: 0)
    )
    orphan.anchor = .orphaned
    let live = Annotation(
      article: "a.txt", start: 500, end: 504, quote: "here", prefix: "", suffix: "",
      created: Date(timeIntervalSince1970: 0))
    let markdown = MarkdownExport.render(
      .init(title: "T", source: "a.txt", annotations: [orphan, live]), exported: nil)
    let here = markdown.range(of: "> here")!.lowerBound
    let heading = markdown.range(of: "## Orphaned")!.lowerBound
    let gone = markdown.range(of: "> gone")!.lowerBound
    #expect(here < heading && heading < gone)
  }

  @Test func tagsWithSpacesBecomeOneTag() {
    #expect(MarkdownExport.hashTag("foreign policy") == "#foreign-policy")
    #expect(MarkdownExport.hashTag("Ιστορία") == "#Ιστορία")
    #expect(MarkdownExport.hashTag("2024") == "#tag-2024")
    #expect(MarkdownExport.hashTag("C++ & Rust") == "#C-Rust")
  }
}

/// Runs a program with text on its standard input; returns its standard output.
func pipe(_ input: String, to executable: String, _ arguments: [String]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let inPipe = Pipe()
  let outPipe = Pipe()
  process.standardInput = inPipe
  process.standardOutput = outPipe
  process.standardError = FileHandle.nullDevice
  try process.run()
  inPipe.fileHandleForWriting.write(Data(input.utf8))
  try inPipe.fileHandleForWriting.close()
  let data = outPipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : ""
}

/// The byte-level escaper against the first, scalar-level version of it (kept here as the
/// reference): same output for random lines of Markdown syntax, spaces, tabs, line breaks
/// and non-ASCII text.
@Suite struct MarkdownEscapingReferenceTests {
  enum Reference {
    static func blockquote(_ text: String) -> String {
      paragraphs(text).split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
    }

    static func paragraphs(_ text: String) -> String {
      var normalized = ""
      var pendingCR = false
      for u in text.unicodeScalars {
        if pendingCR && u == "\n" {
          pendingCR = false
          continue
        }
        pendingCR = u == "\r"
        normalized.unicodeScalars.append(u == "\r" ? "\n" : u)
      }
      var blocks: [String] = []
      var current: [String] = []
      func flush() {
        if !current.isEmpty { blocks.append(current.joined(separator: "\\\n")) }
        current = []
      }
      var blankRun = 0
      for line in normalized.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.isEmpty {
          blankRun += 1
          continue
        }
        if blankRun > 0 { flush() }
        blankRun = 0
        current.append(inline(String(String.UnicodeScalarView(line))))
      }
      flush()
      return blocks.joined(separator: "\n\n")
    }

    static func inline(_ line: String) -> String {
      let scalars = Array(line.unicodeScalars)
      var lead = 0
      while lead < scalars.count && (scalars[lead] == " " || scalars[lead] == "\t") { lead += 1 }
      var trail = scalars.count
      while trail > lead && (scalars[trail - 1] == " " || scalars[trail - 1] == "\t") { trail -= 1 }
      var markerIndex: Int?
      if lead < trail {
        if scalars[lead] == "-" || scalars[lead] == "+" {
          markerIndex = lead
        } else {
          var i = lead
          while i < trail && ("0"..."9").contains(scalars[i]) { i += 1 }
          if i > lead && i < trail && (scalars[i] == "." || scalars[i] == ")") { markerIndex = i }
        }
      }
      var out = ""
      for (i, u) in scalars.enumerated() {
        if (i < lead || i >= trail) && (u == " " || u == "\t") {
          out += u == " " ? "&#32;" : "&#9;"
        } else if MarkdownExport.alwaysEscaped.contains(u) || i == markerIndex {
          out += "\\" + String(u)
        } else if u == "\t" {
          out += "&#9;"
        } else {
          out.unicodeScalars.append(u)
        }
      }
      return out
    }
  }

  @Test func byteLevelEscapingEqualsTheReference() {
    var rng = SeededRandom(seed: 2026)
    let pieces = [
      "a", "word", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", "-", "+", "1", "12", ".", ")", "#", "*", "_", "`", "[",
      "]", "<", ">", "&", "|", "~", "=", "$", "{", "}", "\\", "é", "中文", "😀", "Հ", "“", "—",
    ]
    for _ in 0..<3000 {
      let text = (0..<Int.random(in: 0...14, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
      #expect(MarkdownExport.blockquote(text) == Reference.blockquote(text), "\(text.debugDescription)")
      #expect(MarkdownExport.paragraphs(text) == Reference.paragraphs(text), "\(text.debugDescription)")
    }
  }
}

/// What the export computed through Foundation it now computes without.
@Suite struct ExportWithoutFoundationTests {
  /// Unicode's White_Space (`TextScan`), as Foundation's set but for U+200B, which is not
  /// white space in Unicode: a note of zero-width spaces is written, not dropped.
  @Test func aNoteOfWhiteSpaceIsEmptyAsWithCharacterSet() {
    for value in UInt32(0)...0xFFFF where value != 0x200B {
      guard let u = Unicode.Scalar(value) else { continue }
      let text = "  \(Character(u))\n"
      #expect(
        MarkdownExport.hasText(text)
          == text.unicodeScalars.contains { !CharacterSet.whitespacesAndNewlines.contains($0) },
        "U+\(String(value, radix: 16))")
    }
    #expect(MarkdownExport.hasText("\u{200B}"))
    #expect(!MarkdownExport.hasText(" \u{3000}\u{A0}\t\r\n\u{2028}"))
  }

  @Test func fileNamesAreTheOnesFoundationGave() {
    for path in ["a/b/c.md", "/x.txt", "a/\u{301}b.txt", "中文/😀/👩‍👩‍👧.md", "no-change.txt", "A/B.md"] {
      #expect(
        MarkdownExport.slugged(MarkdownExport.replacing("/", with: "-", in: path))
          == MarkdownExport.slugged(path.replacingOccurrences(of: "/", with: "-")), "\(path)")
    }
  }

  /// Every line feed in a title becomes a space in the heading, even one that a combining
  /// mark follows (Foundation's `replacingOccurrences` left that one, breaking the heading).
  @Test func theHeadingIsOneLineWhateverTheTitle() throws {
    for title in ["one\ntwo", "one\n\u{301}two", "\none\n\n"] {
      let markdown = MarkdownExport.render(.init(title: title, source: "s.md", annotations: []), exported: nil)
      let heading = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("# ") })
      #expect(heading.contains("one"), "\(markdown)")
      #expect(heading.contains("two") == title.contains("two"), "\(markdown)")
    }
  }
}

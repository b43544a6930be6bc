import Foundation
import GlossModel
import Testing
import Yams

@testable import GlossStore

#if canImport(Glibc)
  import Glibc
#endif

/// Reading positions re-checked before each write (D6), distinct export file names (D7), and
/// Markdown exports that show control characters instead of sending them (T3).
@Suite struct PositionsAndExportSafetyTests {
  // MARK: D6 reading positions

  @Test(arguments: [
    "{\"version\": 7, \"positions\": {\"future.txt\": {\"offset\": 5, \"updated\": \"2026-01-01T00:00:00Z\"}}}",
    "{\"version\": 1, \"positions\": {",
  ])
  func positionsFileChangedToUnreadableDuringASessionIsNotOverwritten(contents: String) throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = ReadingPositions.defaultURL(library: root)
    var positions = ReadingPositions(url: url)
    #expect(positions.set(10, for: "a.txt") == nil)
    try write(contents, ".gloss/positions.json", in: root)
    let problem = positions.set(20, for: "a.txt")
    #expect(problem != nil)
    #expect(try String(contentsOf: url, encoding: .utf8) == contents)
    // Readable again: merged with what is there.
    try write(
      "{\"version\": 1, \"positions\": {\"b.txt\": {\"offset\": 3, \"updated\": \"2026-01-01T00:00:00Z\"}}}",
      ".gloss/positions.json", in: root)
    #expect(positions.set(30, for: "a.txt") == nil)
    let reread = ReadingPositions(url: url)
    #expect(reread.offset(for: "a.txt") == 30 && reread.offset(for: "b.txt") == 3)
  }

  @Test func positionsWriteThroughASymlink() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = ReadingPositions.defaultURL(library: root)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: url.path, withDestinationPath: root.appendingPathComponent("real.json").path)
    var positions = ReadingPositions(url: url)
    #expect(positions.set(10, for: "a.txt") == nil)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: url.path).hasSuffix("real.json"))
    #expect(ReadingPositions(url: root.appendingPathComponent("real.json")).offset(for: "a.txt") == 10)
  }

  // MARK: D7 export names

  @Test func exportFileNamesAreDistinctAndPathDerived() {
    #expect(MarkdownExport.fileName(forArticlePath: "one/twin.txt") == "one-twin.md")
    #expect(MarkdownExport.fileName(forArticlePath: "two/twin.txt") == "two-twin.md")
    let paths = ["2023/notes.txt", "2024/notes.txt", "Notes.md", "notes.txt", "a-b/c.txt", "a/b-c.txt", "x.txt"]
    let names = MarkdownExport.fileNames(forArticlePaths: paths)
    #expect(names.count == paths.count)
    #expect(Set(names.values).count == paths.count, "\(names)")
    #expect(names["2023/notes.txt"] == "2023-notes.md" && names["x.txt"] == "x.md")
    #expect(names.values.allSatisfy { !$0.contains("/") && $0.hasSuffix(".md") })
    #expect(MarkdownExport.fileNames(forArticlePaths: paths.reversed()) == names)
  }

  // MARK: T3 Markdown shows controls

  @Test func markdownExportShowsControlsVisiblyAndSendsNoneRaw() {
    var a = sampleAnnotation("quote \u{1B}[31m red \u{9B}2J")
    a.note = "x\u{1B}(0 y\u{1B}c bell\u{07} rlo\u{202E}txt"
    a.tags = ["t\u{1B}]0;title\u{07}"]
    let document = MarkdownExport.Document(title: "Title \u{1B}[?1049h \u{9B}", source: "a\u{1B}.txt", annotations: [a])
    let markdown = MarkdownExport.render(document, exported: nil)
    let raw = markdown.unicodeScalars.filter { $0 != "\n" && Glyph.escape($0) != nil }
    #expect(raw.isEmpty, "\(raw.map { String($0.value, radix: 16) })")
    #expect(markdown.contains("\\<U+009B\\>") || markdown.contains("<U+009B>"))
    #expect(markdown.contains("^\\["))
  }
}

/// The export's front matter is written by libyaml and reads back through Yams (an independent
/// reader) exactly, with no raw control character in it, whatever the title, source and tags
/// hold; its bytes are the ones Gloss wrote through Yams before.
@Suite struct FrontMatterTests {
  static let hostile = [
    "plain", "", " leading and trailing ", "null", "yes", "~", "- a list?", "# comment?", "key: value", "[1, 2]",
    "{a: b}", "\"quoted\" and \\ backslash", "tab\there", "line\nbreak\r\nCRLF", "esc \u{1B}[31m bel \u{07}",
    "csi \u{9B}2J", "rlo \u{202E} lri \u{2066}", "bom \u{FEFF}", "nel \u{85} ls \u{2028}",
    "emoji 😀 👩‍👩‍👧", "Ιστορία 中文",
    "'single'", "&anchor *alias !tag %directive @at `tick`", "3.14", "0x1F", "2026-11-22",
  ]

  @Test func frontMatterRoundTripsThroughYams() throws {
    for (i, title) in Self.hostile.enumerated() {
      let source = Self.hostile[(i + 7) % Self.hostile.count]
      let tags = [title, Self.hostile[(i + 3) % Self.hostile.count]]
      let yaml = MarkdownExport.frontMatter(
        title: title, source: source, exported: Date(timeIntervalSince1970: 1_800_000_000), tags: tags)
      let raw = yaml.unicodeScalars.filter { $0 != "\n" && Glyph.escape($0) != nil }
      #expect(raw.isEmpty, "\(title.debugDescription): \(raw.map(\.value))")
      #expect(yaml.split(separator: "\n").count == 4, "one line per field: \(yaml)")
      let parsed = try #require(try Yams.load(yaml: yaml) as? [String: Any], "\(yaml)")
      #expect(parsed["title"] as? String == title, "\(yaml)")
      #expect(parsed["source"] as? String == source)
      #expect(parsed["exported"] as? String == "2027-01-15T08:00:00Z")
      #expect(parsed["tags"] as? [String] == tags)
    }
  }

  /// The front matter as Gloss wrote it through Yams (`Yams.serialize`, the same options).
  static func writtenThroughYams(title: String, source: String, exported: Date?, tags: [String]) throws -> String {
    func text(_ s: String) -> Node { Node(s, .implicit, .doubleQuoted) }
    var pairs: [(Node, Node)] = [("title", text(title)), ("source", text(source))]
    if let exported { pairs.append(("exported", text(ISO8601.string(exported)))) }
    pairs.append(("tags", Node(tags.map(text), .implicit, .flow)))
    let yaml = try Yams.serialize(node: Node(pairs), width: -1, allowUnicode: true)
    var out = ""
    for u in yaml.unicodeScalars {
      if u != "\n" && Glyph.escape(u) != nil {
        out +=
          "\\u" + String(repeating: "0", count: max(0, 4 - String(u.value, radix: 16).count))
          + String(u.value, radix: 16, uppercase: true)
      } else {
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  @Test func frontMatterIsTheBytesYamsWrote() throws {
    for (i, title) in Self.hostile.enumerated() {
      let source = Self.hostile[(i + 5) % Self.hostile.count]
      let tags = i % 4 == 0 ? [] : [title, Self.hostile[(i + 2) % Self.hostile.count], "中文 😀"]
      let exported = i % 2 == 0 ? nil : Date(timeIntervalSince1970: 1_800_000_000 + Double(i))
      let ours = MarkdownExport.frontMatter(title: title, source: source, exported: exported, tags: tags)
      #expect(ours == (try Self.writtenThroughYams(title: title, source: source, exported: exported, tags: tags)))
    }
  }

  /// The hand-written fallback (`yamlString`) reads back through Yams too, and escapes what
  /// the reader would show escaped.
  @Test func handWrittenScalarsReadBackThroughYams() throws {
    for text in Self.hostile {
      let quoted = MarkdownExport.yamlString(text)
      #expect(!quoted.unicodeScalars.contains { Glyph.escape($0) != nil }, "\(quoted)")
      let parsed = try #require(try Yams.load(yaml: "k: " + quoted) as? [String: Any], "\(quoted)")
      #expect(parsed["k"] as? String == text, "\(quoted)")
    }
    #expect(MarkdownExport.yamlString("a\u{1B}b\u{202E}\u{FEFF}") == "\"a\\u001Bb\\u202E\\uFEFF\"")
  }

  /// The front matter `FrontMatterCLITests` expects from the built binary (which links the
  /// system's libyaml) is what Yams (its own copy of libyaml) writes for the same fields.
  @Test func theCLIGoldenIsWhatYamsWrites() throws {
    let title = "Ιστορία 中文 😀 \"q\" \\ tab esc \u{1B} rlo \u{202E} nel \u{85} end"
    let tags = ["中文 tag", "x\"y\u{202E}"]
    let golden = """
      title: "Ιστορία 中文 \\U0001F600 \\"q\\" \\\\ tab esc \\e rlo \\u202E nel \\N end"
      source: "hostile.md"
      tags: ["中文 tag", "x\\"y\\u202E"]

      """
    #expect(try Self.writtenThroughYams(title: title, source: "hostile.md", exported: nil, tags: tags) == golden)
    #expect(MarkdownExport.frontMatter(title: title, source: "hostile.md", exported: nil, tags: tags) == golden)
  }
}

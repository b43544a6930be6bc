import Foundation
import Testing
import Yams

@testable import GlossFormats

/// GlossFormats' `YAML` (libyaml's event parser and emitter), checked on its own and against
/// Yams as an independent reader and writer.
@Suite struct YAMLReadTests {
  struct Entry: Equatable, CustomStringConvertible {
    var key: String
    var value: YAML.Value
    var description: String { "\(key): \(value)" }
  }

  func read(_ yaml: String) -> [Entry]? {
    YAML.mapping(yaml)?.map { Entry(key: $0.key, value: $0.value) }
  }

  func plain(_ s: String) -> YAML.Scalar { YAML.Scalar(s, isPlain: true) }
  func quoted(_ s: String) -> YAML.Scalar { YAML.Scalar(s, isPlain: false) }

  @Test func scalarsOfEveryStyle() throws {
    let entries = try #require(
      read(
        """
        plain: a plain value
        single: 'it''s'
        double: "tab\\there \\u00C9"
        folded: >
          one
          two
        literal: |
          one
          two
        multi: a plain
          continued
        """))
    #expect(
      entries == [
        Entry(key: "plain", value: .scalar(plain("a plain value"))),
        Entry(key: "single", value: .scalar(quoted("it's"))),
        Entry(key: "double", value: .scalar(quoted("tab\there É"))),
        Entry(key: "folded", value: .scalar(quoted("one two\n"))),
        Entry(key: "literal", value: .scalar(quoted("one\ntwo\n"))),
        Entry(key: "multi", value: .scalar(plain("a plain continued"))),
      ])
  }

  @Test func listsAndNulls() throws {
    let entries = try #require(
      read("a: [x, ~, \"y\"]\nb:\n  - one\n  - 'two'\nc: ~\nd:\ne: null\nf: \"null\"\ng: []\n"))
    #expect(entries.map(\.key) == ["a", "b", "c", "d", "e", "f", "g"])
    #expect(entries[0].value == .sequence([plain("x"), plain("~"), quoted("y")]))
    #expect(entries[1].value == .sequence([plain("one"), quoted("two")]))
    for i in 2...4 {
      guard case .scalar(let s) = entries[i].value else {
        Issue.record("\(entries[i])")
        continue
      }
      #expect(s.isNull, "\(entries[i])")
    }
    #expect(entries[5].value == .scalar(quoted("null")))
    #expect(entries[5].value != .scalar(plain("null")))
    #expect(entries[6].value == .sequence([]))
    #expect(!quoted("").isNull)
    #expect(plain("").isNull && plain("NULL").isNull && !plain("nil").isNull)
  }

  @Test func nestedCollectionsAreSkippedByDepth() throws {
    let entries = try #require(
      read(
        """
        a: {x: [1, {y: 2}], z: {}}
        b: [1, [2, [3]], {k: v}, 4]
        ? [complex, key]
        : dropped
        c:
          nested:
            - deep
        d: after
        """))
    #expect(
      entries == [
        Entry(key: "a", value: .other),
        Entry(key: "b", value: .sequence([plain("1"), plain("4")])),
        Entry(key: "c", value: .other),
        Entry(key: "d", value: .scalar(plain("after"))),
      ])
  }

  @Test func aliasesStandForScalarsOnly() throws {
    let entries = try #require(
      read(
        """
        base: &b Hello
        copy: *b
        list: [*b, x, *b]
        map: &m {k: v, inner: &i deep}
        ref: *m
        seq: &s [1, 2]
        refs: [*s, *i]
        *b : aliased key
        """))
    #expect(
      entries == [
        Entry(key: "base", value: .scalar(plain("Hello"))),
        Entry(key: "copy", value: .scalar(plain("Hello"))),
        Entry(key: "list", value: .sequence([plain("Hello"), plain("x"), plain("Hello")])),
        Entry(key: "map", value: .other),
        Entry(key: "ref", value: .other),
        Entry(key: "seq", value: .sequence([plain("1"), plain("2")])),
        Entry(key: "refs", value: .sequence([plain("deep")])),
        Entry(key: "Hello", value: .scalar(plain("aliased key"))),
      ])
    #expect(read("a: *nowhere\n") == nil, "an undefined alias is an error, as in libyaml's loader")
  }

  @Test func billionLaughsIsNotExpanded() throws {
    var yaml = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    let names = (UnicodeScalar("b").value...UnicodeScalar("z").value).map { String(UnicodeScalar($0)!) }
    var previous = "a"
    for name in names {
      yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
      previous = name
    }
    let clock = ContinuousClock()
    let start = clock.now
    let entries = try #require(read(yaml))
    #expect(clock.now - start < .seconds(2))
    #expect(entries.count == 26)
    #expect(entries.last == Entry(key: "z", value: .sequence([])))
  }

  @Test(arguments: ["- a\n- b\n", "just text\n", "~\n", "\"quoted\"\n", "*x\n", "[a: b]\n"])
  func aDocumentThatIsNotAMappingIsNil(yaml: String) {
    #expect(read(yaml) == nil)
  }

  @Test(arguments: ["", "\n\n", "# only a comment\n", "---\n", "--- \n...\n"])
  func anEmptyDocumentIsAnEmptyMapping(yaml: String) {
    #expect(read(yaml) == [])
  }

  @Test(arguments: [
    "a: [unclosed\n", "a: \"open\n", "a: b\n]\n", "a: b\n  c: d\n", "a: {b: c\n", "a: 'x'y\n", "\ta: b\n", "a: b\0c\n",
    "a: b\nb: [x, *undefined]\n", "a: !<bad b\n", "a: &\n",
  ])
  func malformedYAMLIsNil(yaml: String) {
    #expect(read(yaml) == nil, "\(yaml.debugDescription)")
  }

  @Test func onlyTheFirstDocumentIsRead() {
    #expect(read("a: 1\n---\nb: 2\n") == [Entry(key: "a", value: .scalar(plain("1")))])
    #expect(read("--- \na: 1\n...\n--- [not, a, mapping\n") == [Entry(key: "a", value: .scalar(plain("1")))])
  }

  @Test(arguments: [("[", "]"), ("{k: ", "}"), ("- ", "")])
  func tenThousandDeepIsReadWithoutACrash(open: String, close: String) throws {
    let depth = 10_000
    let clock = ContinuousClock()
    let start = clock.now
    // `- - - x` on a line of its own nests block sequences.
    let deep =
      (close.isEmpty ? "\n" : "") + String(repeating: open, count: depth) + "x" + String(repeating: close, count: depth)
    let entries = try #require(read("a: \(deep)\nb: after\n"))
    #expect(entries.map(\.key) == ["a", "b"])
    #expect(entries.first?.value == (open == "{k: " ? .other : .sequence([])))
    #expect(entries.last?.value == .scalar(plain("after")))
    if !close.isEmpty {
      #expect(read("a: " + String(repeating: open, count: depth) + "x\n") == nil, "unclosed: an error, not a crash")
    }
    #expect(clock.now - start < .seconds(20))
  }

  @Test func crlfReadsLikeLF() throws {
    let lf = "title: a title\nlist:\n  - one\n  - two\nfolded: >\n  folded\n  text\nquoted: \"a\n  b\"\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    let entries = try #require(read(crlf))
    #expect(entries == read(lf))
    #expect(entries.last == Entry(key: "quoted", value: .scalar(quoted("a b"))))
  }
}

/// What `YAML.blockMapping` writes: read back by ours and by Yams, and byte for byte what Yams
/// (the same emitter, through Yams' own copy of libyaml) writes for the same nodes.
@Suite struct YAMLWriteTests {
  static let hostile = [
    "plain", "", " leading and trailing ", "null", "~", "yes", "- a list?", "# comment?", "key: value", "[1, 2]",
    "{a: b}", "\"quoted\" and \\ backslash", "tab\there", "line\nbreak\r\nCRLF\rCR", "esc \u{1B}[31m bel \u{07}",
    "nul \u{0} del \u{7F}", "csi \u{9B}2J", "rlo \u{202E} lri \u{2066} lrm \u{200E}", "bom \u{FEFF}",
    "nel \u{85} ls \u{2028} ps \u{2029}", "emoji 😀 👩‍👩‍👧 🇪🇺", "Ιστορία 中文 日本語 한국어", "e\u{301} combining",
    "'single'", "&anchor *alias !tag %directive @at `tick`", "3.14", "0x1F", "2026-11-22", "---", "...",
    String(repeating: "long words, ", count: 2_000),
  ]

  static func entries(_ i: Int) -> [(key: String, value: YAML.Written)] {
    let h = hostile
    return [
      ("title", .text(h[i])), ("source", .text(h[(i + 7) % h.count])),
      ("tags", .list([h[i], h[(i + 3) % h.count]])), ("empty", .list([])),
    ]
  }

  @Test func writtenValuesReadBackThroughOursAndYams() throws {
    for i in Self.hostile.indices {
      let entries = Self.entries(i)
      let yaml = try #require(YAML.blockMapping(entries))
      #expect(yaml.split(separator: "\n", omittingEmptySubsequences: false).count == entries.count + 1, "\(yaml)")
      let ours = try #require(YAML.mapping(yaml), "\(yaml)")
      #expect(ours.map(\.key) == entries.map(\.key))
      for (read, written) in zip(ours, entries) {
        switch written.value {
        case .text(let text): #expect(read.value == .scalar(YAML.Scalar(text, isPlain: false)), "\(yaml)")
        case .list(let items):
          #expect(read.value == .sequence(items.map { YAML.Scalar($0, isPlain: false) }), "\(yaml)")
        }
      }
      let yams = try #require(try Yams.load(yaml: yaml) as? [String: Any], "\(yaml)")
      #expect(yams["title"] as? String == Self.hostile[i], "\(yaml)")
      #expect(yams["source"] as? String == Self.hostile[(i + 7) % Self.hostile.count])
      #expect(yams["tags"] as? [String] == [Self.hostile[i], Self.hostile[(i + 3) % Self.hostile.count]])
      #expect((yams["empty"] as? [Any])?.isEmpty == true)
    }
  }

  @Test func theBytesAreTheOnesYamsWrites() throws {
    let keys = ["title", "a key: with a colon", "", "ключ", "- dash", "null"]
    for i in Self.hostile.indices {
      var entries = Self.entries(i)
      entries.append((keys[i % keys.count], .text(Self.hostile[(i + 1) % Self.hostile.count])))
      let ours = try #require(YAML.blockMapping(entries))
      func quoted(_ s: String) -> Node { Node(s, .implicit, .doubleQuoted) }
      let pairs: [(Node, Node)] = entries.map { key, value in
        switch value {
        case .text(let text): (Node(key), quoted(text))
        case .list(let items): (Node(key), Node(items.map(quoted), .implicit, .flow))
        }
      }
      let yams = try Yams.serialize(node: Node(pairs), width: -1, allowUnicode: true)
      #expect(ours == yams)
    }
  }
}

/// Front matter read through libyaml gives the fields that reading it through Yams (what
/// Gloss did before) gives, on the same inputs.
@Suite struct FrontMatterAgreesWithYamsTests {
  /// The former reader: Yams' composed tree, the same rules.
  static func yamsFields(_ yaml: String) -> [String: String]? {
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch {
      return nil
    }
    guard let root else { return [:] }
    guard let mapping = root.mapping else { return nil }
    func text(_ scalar: Node.Scalar) -> String? {
      if scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string) { return nil }
      return scalar.string.split(whereSeparator: { " \n\t\r".contains($0) }).joined(separator: " ")
    }
    var fields: [String: String] = [:]
    for (key, value) in mapping {
      guard let name = key.scalar?.string.lowercased() else { continue }
      let value =
        value.scalar.flatMap(text)
        ?? value.sequence.map { $0.compactMap { $0.scalar.flatMap(text) }.joined(separator: ", ") }
      if let value, !value.isEmpty { fields[name] = value }
    }
    return fields
  }

  static let inputs = [
    "title: 'It''s a \"Title\": with colons'\nauthor:\n  - Jane Doe\n  - John Roe\ndate: 2024-05-01\n",
    "source: >\n  https://example.com/\n  folded\ntags: [a, b]\nextra: { nested: mapping }\n",
    "title: A title that\n  goes on\nauthor: \"Ann \\u00C9mile\"\ndate: ~\n",
    "Title: Upper\nTITLE: later wins\nauthor: [~, Ann, '', null, Bob]\n",
    "title: |\n  line one\n    indented\n  line three\nauthor: \"  spaced\\t out  \"\n",
    "base: &b Hello\ntitle: *b\nauthor: [*b, x]\n*b : aliased key\n",
    "title: Nested\nextra: {a: [1, [2, {b: c}]]}\nauthor: [A, [B], {c: d}, E]\n",
    "? complex\n: key\n? [a, b]\n: dropped\ntitle: after\n",
    "title: 中文 😀 e\u{301}\nauthor: \"rlo \u{202E} esc \\e nel \\N\"\n",
    "title: x\r\nauthor: [a,\r\n  b]\r\ndate: >\r\n  folded\r\n  crlf\r\n",
    "title: !!str 2024\ndate: !custom tagged\nempty:\nalso: ''\n",
    "- a list\n- not a mapping\n", "just a line of text\n", "title: [unclosed\n", "title: \"open\n", "a: b\n  c: d\n",
    "", "# only a comment\n", "title: *undefined\n",
  ]

  @Test func fieldsAreTheOnesYamsGave() {
    for yaml in Self.inputs {
      #expect(FrontMatter.fields(yaml) == Self.yamsFields(yaml), "\(yaml.debugDescription)")
    }
  }

  @Test func markdownWithCRLFFrontMatterReadsLikeLF() {
    let lf = "---\ntitle: A title\nauthor:\n  - Ann\n  - Bob\ndate: >\n  2024\n  May\n---\n\nBody words.\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    let a = MarkdownReader.article(path: "a.md", data: Data(crlf.utf8))
    #expect(a.title == "A title")
    #expect(a.byline == ["Ann, Bob · 2024 May"])
    #expect(paragraphTexts(a) == paragraphTexts(MarkdownReader.article(path: "a.md", data: Data(lf.utf8))))
    #expect(!a.text.contains("\r"))
  }

  @Test func textAfterANulIsKept() {
    let a = MarkdownReader.article(path: "a.md", data: Data("---\ntitle: T\n---\n\nBefore\u{0}after.\n\nNext.\n".utf8))
    #expect(a.title == "T")
    #expect(a.text.contains("after."))
    #expect(a.text.contains("Next."))
  }
}

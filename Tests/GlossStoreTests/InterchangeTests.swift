import Foundation
import GlossModel
import Testing

@testable import GlossStore

let interchangeArticle = Article(
  path: "essay.txt",
  string: """
    An Essay About Interchange

    The first paragraph has a sentence worth keeping, and another one.

    The second paragraph talks about “curly quotes” — and Հայերեն too.
    """)

func interchangeAnnotations() -> [Annotation] {
  let text = AnchorText(article: interchangeArticle)
  func range(_ s: String) -> Range<Int> { QuoteFinder.occurrences(of: s, in: text)[0] }
  return [
    Annotation(
      article: interchangeArticle, range: range("a sentence worth keeping"), color: .green,
      tags: ["keep", "foreign policy"], note: "a note\nover two lines", now: Date(timeIntervalSince1970: 1_000)),
    Annotation(
      article: interchangeArticle, range: range("“curly quotes” — and Հայերեն"), color: .purple, tags: ["Ιστορία"],
      now: Date(timeIntervalSince1970: 2_000)),
    Annotation(article: interchangeArticle, range: range("another one"), now: Date(timeIntervalSince1970: 3_000)),
  ]
}

func freshStore() throws -> (AnnotationStore, URL) {
  let root = try temporaryFolder()
  return (try AnnotationStore(url: AnnotationStore.defaultURL(library: root)), root)
}

@Suite struct InterchangeTests {
  let library = URL(fileURLWithPath: "/library")
  let articles = ["essay.txt": interchangeArticle]

  @Test func glossJSONRoundTripsExactly() throws {
    let original = interchangeAnnotations()
    let data = try Interchange.glossJSON([(interchangeArticle, "essay.txt", interchangeArticle.title, original)])
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let first = try #require((object["articles"] as? [[String: Any]])?.first)
    #expect(first["title"] as? String == "An Essay About Interchange")
    #expect((first["sha256"] as? String)?.count == 64)
    let (store, root) = try freshStore()
    defer { try? FileManager.default.removeItem(at: root) }
    let report = try Interchange.merge(
      try Interchange.read(data, file: "x.json", library: library), into: store, articles: articles)
    #expect(report == .init(added: 3, updated: 0, unchanged: 0, orphaned: 0))
    #expect(store.all.sorted { $0.start < $1.start } == original.sorted { $0.start < $1.start })
    // Importing the same file again changes nothing.
    let before = try Data(contentsOf: store.url)
    let again = try Interchange.merge(
      try Interchange.read(data, file: "x.json", library: library), into: store, articles: articles)
    #expect(again == .init(added: 0, updated: 0, unchanged: 3, orphaned: 0))
    #expect(try Data(contentsOf: store.url) == before)
  }

  @Test func w3cHasTheSpecShapeAndRoundTrips() throws {
    let original = interchangeAnnotations()
    let data = try Interchange.w3c(original)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["@context"] as? String == "http://www.w3.org/ns/anno.jsonld")
    #expect(object["type"] as? String == "AnnotationCollection")
    #expect(object["total"] as? Int == 3)
    let items = try #require(object["items"] as? [[String: Any]])
    for item in items {
      // As in the Web Annotation Data Model's examples (sections 3.1, 4.2.4, 4.2.1).
      #expect(item["type"] as? String == "Annotation")
      #expect((item["id"] as? String)?.hasPrefix("urn:uuid:") == true)
      #expect(item["created"] is String && item["modified"] is String)
      let target = try #require(item["target"] as? [String: Any])
      #expect(target["source"] as? String == "essay.txt")
      let selectors = try #require(target["selector"] as? [[String: Any]])
      #expect(Set(selectors.compactMap { $0["type"] as? String }) == ["TextQuoteSelector", "TextPositionSelector"])
      let quote = selectors.first { $0["type"] as? String == "TextQuoteSelector" }!
      #expect(quote["exact"] is String && quote["prefix"] is String && quote["suffix"] is String)
      let position = selectors.first { $0["type"] as? String == "TextPositionSelector" }!
      #expect(position["start"] is Int && position["end"] is Int)
      for body in item["body"] as? [[String: Any]] ?? [] {
        #expect(body["type"] as? String == "TextualBody")
        #expect(["commenting", "tagging"].contains(body["purpose"] as? String))
      }
    }
    let noted = items.first {
      ($0["body"] as? [[String: Any]])?.contains { $0["purpose"] as? String == "commenting" } == true
    }!
    #expect((noted["body"] as? [[String: Any]])?.first?["value"] as? String == "a note\nover two lines")
    let (store, root) = try freshStore()
    defer { try? FileManager.default.removeItem(at: root) }
    let report = try Interchange.merge(
      try Interchange.read(data, file: "w.jsonld", library: library), into: store, articles: articles)
    #expect(report.added == 3)
    let imported = store.all.sorted { $0.start < $1.start }
    let expected = original.sorted { $0.start < $1.start }
    #expect(imported.map(\.quote) == expected.map(\.quote))
    #expect(imported.map(\.tags) == expected.map(\.tags))
    #expect(imported.map(\.note) == expected.map(\.note))
    #expect(imported.map(\.color) == expected.map(\.color))
    #expect(imported.map(\.id) == expected.map(\.id))
  }

  @Test func w3cQuoteSelectorAloneWithAFileURLIsAnchored() throws {
    let json = """
      { "@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
        "items": [ { "type": "Annotation", "id": "http://example.org/anno/1",
          "body": { "type": "TextualBody", "value": "from another tool", "purpose": "commenting" },
          "target": { "source": "file:///library/essay.txt",
                      "selector": { "type": "TextQuoteSelector", "exact": "talks about" } } } ] }
      """
    let (store, root) = try freshStore()
    defer { try? FileManager.default.removeItem(at: root) }
    let incoming = try Interchange.read(Data(json.utf8), file: "h.json", library: library)
    #expect(incoming[0].article == "essay.txt")
    let report = try Interchange.merge(incoming, into: store, articles: articles)
    #expect(report.added == 1)
    let a = store.all[0]
    #expect(AnchorText(article: interchangeArticle).string(a.range) == "talks about")
    #expect(a.note == "from another tool")
    #expect(a.anchor == .relocated)
    // Without a Gloss id, a second import matches it by article and quote.
    #expect(
      try Interchange.merge(
        Interchange.read(Data(json.utf8), file: "h.json", library: library), into: store, articles: articles
      ).unchanged == 1)
    #expect(store.all.count == 1)
  }

  @Test func updatesAndOrphansAreCounted() throws {
    let (store, root) = try freshStore()
    defer { try? FileManager.default.removeItem(at: root) }
    var records = interchangeAnnotations()
    try store.apply(upserts: records, deletions: [])
    records[0].note = "changed later"
    records[0].modified = Date(timeIntervalSince1970: 9_000)
    records[1].quote = "a passage that is not in the essay at all"
    records[1].start = -1
    records[1].modified = Date(timeIntervalSince1970: 9_000)
    let data = try Interchange.glossJSON([(interchangeArticle, "essay.txt", "t", records)])
    let report = try Interchange.merge(
      try Interchange.read(data, file: "u.json", library: library), into: store, articles: articles)
    #expect(report == .init(added: 0, updated: 2, unchanged: 1, orphaned: 1))
    #expect(store.all.first { $0.id == records[0].id }?.note == "changed later")
    #expect(store.all.first { $0.id == records[1].id }?.anchor == .orphaned)
  }

  @Test(arguments: [
    ("not json at all", "is not JSON"),
    ("{\"something\": 1}", "expected a Gloss export"),
    ("[{\"article\": \"essay.txt\"}]", "annotation 1: missing \"quote\""),
    ("[{\"article\": \"essay.txt\", \"quote\": \"x\", \"color\": \"mauve\"}]", "unknown color mauve"),
    ("{\"items\": [{\"target\": {\"source\": \"essay.txt\"}}]}", "annotation 1: no target with a TextQuoteSelector"),
  ])
  func malformedFilesAreRejectedAndTheStoreUntouched(json: String, message: String) throws {
    let (store, root) = try freshStore()
    defer { try? FileManager.default.removeItem(at: root) }
    try store.apply(upserts: interchangeAnnotations(), deletions: [])
    let before = try Data(contentsOf: store.url)
    #expect {
      let incoming = try Interchange.read(Data(json.utf8), file: "bad.json", library: library)
      _ = try Interchange.merge(incoming, into: store, articles: articles)
    } throws: { error in
      "\(error)".contains(message) && "\(error)".contains("nothing was imported")
    }
    #expect(try Data(contentsOf: store.url) == before)
  }

  @Test func sha256MatchesKnownVectors() {
    #expect(Interchange.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(Interchange.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      Interchange.sha256Hex(String(repeating: "a", count: 1000))
        == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
  }
}

@Suite struct RecordsJSONTests {
  @Test func handWrittenJSONIsByteForByteWhatJSONEncoderWrites() throws {
    var annotations = interchangeAnnotations()
    annotations[0].note = "quotes \" backslash \\ slash / tab \t newline \n bell \u{07} del \u{7F} emoji 😀"
    annotations[1].tags = []
    annotations[2].created = Date(timeIntervalSince1970: -86_400 * 400 + 3_661)
    annotations[2].modified = Date(timeIntervalSince1970: 4_102_444_800)
    let expected = try Interchange.encoder().encode(annotations.map(AnnotationRecord.init))
    #expect(StoreJSON.records(annotations) == String(decoding: expected, as: UTF8.self) + "\n")
    #expect(
      Interchange.recordsJSON([]) == String(
        decoding: try Interchange.encoder().encode([AnnotationRecord]()), as: UTF8.self) + "\n")
  }

  @Test func iso8601ParsesWhatItWritesAndWritesWhatTheFormatStyleWrites() throws {
    let times: [TimeInterval] = [
      0, 1_000_000_000, 1_800_000_000, -86_400 * 400 + 3_661, 4_102_444_800, 1_795_334_400.75,
    ]
    for t in times {
      let date = Date(timeIntervalSince1970: t)
      let text = ISO8601.string(date)
      #expect(ISO8601.date(text) == Date(timeIntervalSince1970: t.rounded(.down)), "\(text)")
      #expect(Date(timeIntervalSince1970: t.rounded(.down)).formatted(Date.ISO8601FormatStyle()) == text)
      #expect(try Date.ISO8601FormatStyle().parse(text) == ISO8601.date(text))
    }
    #expect(ISO8601.date("2026-11-22T10:00:00.250+02:00") == Date(timeIntervalSince1970: 1_795_334_400.25))
    #expect(ISO8601.date("yesterday") == nil)
  }

  @Test func oneDateCodecEverywhere() throws {
    // The store, the exports and the reading positions write the same text for a date.
    let date = Date(timeIntervalSince1970: 1_795_334_400)
    let encoded = try Interchange.encoder().encode([date])
    #expect(String(decoding: encoded, as: UTF8.self).contains("\"2026-11-22T08:00:00Z\""))
  }

  @Test func sha256MatchesKnownVectorsThroughSwiftCrypto() {
    #expect(Interchange.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }
}

@Suite struct W3CWriterTests {
  @Test func w3cIsWhatJSONEncoderWritesForTheCollection() throws {
    var annotations = interchangeAnnotations()
    annotations[0].note = "quotes \" and \\ and / and \n"
    let data = try Interchange.w3c(annotations)
    let object = try JSONDecoder().decode(JSONValue.self, from: data)
    let reencoded = try Interchange.encoder().encode(object) + Data("\n".utf8)
    #expect(data == reencoded)
    #expect(try Interchange.w3c([]).count > 0)
  }

  @Test func everyC0AndC1ControlIsEscapedInJSONExports() throws {
    var annotations = interchangeAnnotations()
    annotations[0].note = "esc \u{1B}c bel \u{07} csi \u{9B}31m del \u{7F} rlo \u{202E}"
    annotations[0].tags = ["t\u{1B}(0"]
    let outputs = [
      try Interchange.w3c(annotations),
      try Interchange.glossJSON([(article: nil, path: "a.txt", title: "T\u{9B}x", annotations: annotations)]),
      Data(Interchange.recordsJSON(annotations).utf8),
    ]
    for data in outputs {
      let text = String(decoding: data, as: UTF8.self)
      let raw = text.unicodeScalars.filter { $0 != "\n" && Glyph.escape($0) != nil }
      #expect(raw.isEmpty, "raw controls: \(raw.map { $0.value })")
      #expect(text.contains("\\u009b") || text.contains("\\u001b"))
      // Still the same data.
      #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: data) }
    }
  }
}

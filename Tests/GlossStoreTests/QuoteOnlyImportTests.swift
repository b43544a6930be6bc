import Foundation
import GlossModel
import Testing

@testable import GlossStore

@Suite struct QuoteOnlyImportTests {
  /// A W3C annotation with only a TextQuoteSelector.
  func item(_ quote: String, prefix: String, suffix: String, id: UUID) -> [String: Any] {
    [
      "id": "urn:uuid:\(id.uuidString.lowercased())", "type": "Annotation", "created": "2026-01-02T03:04:05.5+01:00",
      "target": [
        "source": "a.txt",
        "selector": [["type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": suffix]],
      ],
    ]
  }

  /// Many quotes at once go through one prepared index of the article; one at a time, each
  /// is looked for on its own. Both store the same anchors, quotes, contexts and dates.
  @Test func aBatchImportAnchorsAsImportingOneByOne() throws {
    var rng = SystemRandomNumberGenerator()
    let words = ["the", "of", "treaty", "“quoted”", "—", "naïve", "中文", "😀", "Baku’s", "a"]
    let text = (0..<1500).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
    let article = Article(path: "a.txt", string: text)
    // The article's text between two scalar offsets, clamped to it.
    let anchorText = AnchorText(article: article)
    func slice(_ lo: Int, _ hi: Int) -> String { anchorText.string(lo..<max(lo, hi)) }
    var items: [[String: Any]] = []
    for i in 0..<60 {
      let start = Int.random(in: 0..<(anchorText.scalars.count - 80), using: &rng)
      let end = start + (i % 3 == 0 ? Int.random(in: 1...5, using: &rng) : Int.random(in: 6...70, using: &rng))
      var quote = slice(start, end)
      if i % 10 == 9 { quote += "zq" }
      items.append(item(quote, prefix: slice(start - 32, start), suffix: slice(end, end + 32), id: UUID()))
    }
    #expect(items.count >= Interchange.preparedIndexThreshold)
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-quote-only-\(UUID())")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let batch = try AnnotationStore(url: root.appendingPathComponent("batch.json"))
    let data = try JSONSerialization.data(withJSONObject: ["type": "AnnotationCollection", "items": items])
    let report = try Interchange.merge(
      try Interchange.read(data, file: "w3c.json", library: root), into: batch, articles: ["a.txt": article])
    #expect(report.added == 60)
    let single = try AnnotationStore(url: root.appendingPathComponent("single.json"))
    for one in items {
      let data = try JSONSerialization.data(withJSONObject: ["type": "AnnotationCollection", "items": [one]])
      _ = try Interchange.merge(
        try Interchange.read(data, file: "w3c.json", library: root), into: single, articles: ["a.txt": article])
    }
    func key(_ a: Annotation) -> [String] {
      [a.id.uuidString, a.quote, a.prefix, a.suffix, "\(a.start)", "\(a.end)", a.anchor.rawValue, "\(a.created)"]
    }
    #expect(
      batch.all.map(key).sorted { $0.lexicographicallyPrecedes($1) }
        == single.all.map(key).sorted { $0.lexicographicallyPrecedes($1) })
    #expect(batch.all.allSatisfy { $0.created == Date(timeIntervalSince1970: 1_767_319_445.5) })
  }

  /// Anchored on every core first, or one by one: the same store and report, whatever an
  /// earlier item of the same import changes for a later one (the same id twice, records
  /// without an id that share a quote, a position without a quote, a short quote whose
  /// context is elsewhere and is searched for approximately).
  @Test func anchoringOnEveryCoreFirstChangesNothing() throws {
    var rng = SeededRandom(seed: 8)
    let words = ["the", "of", "treaty", "“quoted”", "—", "naïve", "中文", "😀", "Baku’s", "a", "Armenia"]
    let text = (0..<3000).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
    let article = Article(path: "a.txt", string: text)
    // The article's text between two scalar offsets, clamped to it.
    let anchorText = AnchorText(article: article)
    func slice(_ lo: Int, _ hi: Int) -> String { anchorText.string(lo..<max(lo, hi)) }
    let repeatedID = UUID()
    var items: [[String: Any]] = []
    var quotes: [String] = []
    for i in 0..<300 {
      let start = Int.random(in: 40..<(anchorText.scalars.count - 120), using: &rng)
      let end = start + Int.random(in: 3...90, using: &rng)
      var quote = slice(start, end)
      var (prefix, suffix) = (slice(start - 32, start), slice(end, end + 32))
      if i % 9 == 4, let earlier = quotes.randomElement(using: &rng) { quote = earlier }
      if i % 13 == 6 { (prefix, suffix) = (slice(end + 500, end + 532), slice(start - 40, start - 8)) }
      quotes.append(quote)
      let id: UUID? = i % 17 == 3 ? repeatedID : i % 5 == 2 ? nil : UUID()
      var record: [String: Any] = [
        "type": "Annotation", "created": "2026-01-02T03:04:05Z", "modified": "2026-01-0\(1 + i % 7)T00:00:00Z",
        "body": [["type": "TextualBody", "value": "note \(i)", "purpose": "commenting"]],
      ]
      if let id { record["id"] = "urn:uuid:\(id.uuidString.lowercased())" }
      let selector: [String: Any] =
        i % 11 == 7
        ? ["type": "TextPositionSelector", "start": start, "end": end]
        : ["type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": suffix]
      record["target"] = ["source": "a.txt", "selector": [selector]]
      items.append(record)
    }
    #expect(items.count >= Interchange.parallelThreshold)
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-parallel-import-\(UUID())")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let data = try JSONSerialization.data(withJSONObject: ["type": "AnnotationCollection", "items": items])
    let incoming = try Interchange.read(data, file: "w3c.json", library: root)
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var results: [(Interchange.ImportReport, [[String]])] = []
    for threads in [2, 1] {
      let store = try AnnotationStore(url: root.appendingPathComponent("\(threads).json"))
      let report = try Interchange.merge(
        incoming, into: store, articles: ["a.txt": article], now: now, threads: threads)
      // Records without an id get a new one each time: compared by what they hold.
      let keys = store.all.map { a in
        [a.quote, a.prefix, a.suffix, "\(a.start)", "\(a.end)", a.anchor.rawValue, a.note, "\(a.modified)"]
      }
      results.append((report, keys.sorted { $0.lexicographicallyPrecedes($1) }))
    }
    #expect(results[0].0 == results[1].0)
    #expect(results[0].1 == results[1].1)
    #expect(results[0].0.updated > 0, "an earlier item changed for a later one: \(results[0].0)")
    #expect(results[0].0.orphaned > 0, "some quotes were searched for and not found: \(results[0].0)")
    #expect(results[0].1.filter { $0[5] == AnchorState.relocated.rawValue }.count > 100)
    // The first pass anchored on two threads nearly everything (all but the positions).
    let early = Interchange.anchorAll(incoming, texts: ["a.txt": anchorText], now: now, threads: 2) { _ in nil }
    #expect(early.count >= 250, "anchored on two threads first: \(early.count)")
    #expect(early.values.filter { $0.1.anchor == .relocated }.count > 100)
  }

  /// An earlier item with the same id changes what a later one makes (the colour and date it
  /// takes from the stored annotation): the later one's early anchoring is not taken as is.
  @Test func anEarlierItemWithTheSameIDChangesTheLaterOne() throws {
    let text = (0..<400).map { "word\($0 % 37) and more" }.joined(separator: " ")
    let article = Article(path: "a.txt", string: text)
    // The article's text between two scalar offsets, clamped to it.
    let anchorText = AnchorText(article: article)
    func slice(_ lo: Int, _ hi: Int) -> String { anchorText.string(lo..<max(lo, hi)) }
    let shared = UUID()
    let made = Date(timeIntervalSince1970: 1_700_000_000)
    var incoming: [Interchange.Incoming] = []
    for i in 0..<80 {
      let start = 40 + i * 50
      let end = start + 20
      incoming.append(
        Interchange.Incoming(
          id: i == 10 || i == 50 ? shared : UUID(), article: "a.txt", quote: slice(start, end),
          prefix: slice(start - 32, start), suffix: slice(end, end + 32), start: nil, end: nil,
          color: i == 10 ? .pink : nil, tags: [], note: "note \(i)", created: i == 50 ? nil : made,
          modified: i == 50 ? made.addingTimeInterval(60) : made))
    }
    #expect(incoming.count >= Interchange.parallelThreshold)
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-same-id-\(UUID())")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var stored: [Annotation] = []
    for threads in [2, 1] {
      let store = try AnnotationStore(url: root.appendingPathComponent("\(threads).json"))
      _ = try Interchange.merge(incoming, into: store, articles: ["a.txt": article], now: now, threads: threads)
      stored.append(try #require(store.annotations[shared]))
    }
    #expect(stored[0] == stored[1])
    // The second item updated the first: its note and range, the first's colour and date.
    #expect(stored[0].color == .pink)
    #expect(stored[0].created == made)
    #expect(stored[0].note == "note 50")
  }

  /// The byte-level look for characters to escape agrees with the escaping itself, for every
  /// BMP scalar and some astral ones, alone and inside text.
  @Test func escapePreCheckAgreesWithTheEscaping() {
    var values = Array(0..<0xD800) + Array(0xE000..<0x10000)
    values += [0x1F600, 0x20000, 0x10FFFF]
    for v in values {
      let s = String(Unicode.Scalar(UInt32(v))!)
      for text in [s, "a“\(s)”—b"] {
        let escaped = StoreJSON.escapingControls(Data(text.utf8)) != Data(text.utf8)
        #expect(Interchange.mayNeedEscapes(text) == escaped, "U+\(String(v, radix: 16))")
      }
    }
  }
}

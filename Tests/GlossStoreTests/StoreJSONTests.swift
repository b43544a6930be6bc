import Foundation
import GlossModel
import Testing

@testable import GlossStore

/// The fast reader and writer of the annotations file must agree with Foundation exactly.
@Suite struct StoreJSONTests {
  func foundationEncoded(_ file: AnnotationStore.File) throws -> Data {
    try Interchange.encoder().encode(file) + Data("\n".utf8)
  }

  func awkwardFile() -> AnnotationStore.File {
    var annotations = interchangeAnnotations()
    annotations[0].note =
      "quotes \" backslash \\ slash / tab \t newline \n cr \r bell \u{07} nul \u{0} esc \u{1B}[31m del \u{7F} C1 \u{85} emoji 😀 bidi \u{202E}"
    annotations[0].prefix = "\u{2028}line separator\u{2029}"
    annotations[1].tags = []
    annotations[1].start = 0
    annotations[2].created = Date(timeIntervalSince1970: -86_400 * 400 + 3_661)
    annotations[2].modified = Date(timeIntervalSince1970: 4_102_444_800)
    annotations[2].anchor = .orphaned
    annotations[2].tags = ["  not normalised  ", "Same", "same"]
    return AnnotationStore.File(
      version: 1, annotations: annotations,
      deleted: [AnnotationStore.Tombstone(id: UUID(), deleted: Date(timeIntervalSince1970: 1_700_000_000))])
  }

  @Test func writerGivesJSONEncodersBytes() throws {
    let file = awkwardFile()
    #expect(StoreJSON.encode(file) == (try foundationEncoded(file)))
    let empty = AnnotationStore.File(version: 1, annotations: [], deleted: [])
    #expect(StoreJSON.encode(empty) == (try foundationEncoded(empty)))
  }

  /// Annotations and tombstones are written by id, whatever order they are in: an annotation
  /// keeps its place when it is re-anchored or edited, so a change is only its own lines in
  /// `git diff`, and two machines' files merge line by line.
  @Test func annotationsAreWrittenByIDSoAChangeIsOnlyItsOwnLines() throws {
    var annotations = interchangeAnnotations()
    let tombstones = (0..<3).map { _ in AnnotationStore.Tombstone(id: UUID(), deleted: Date(timeIntervalSince1970: 9)) }
    func text(_ list: [Annotation]) -> String {
      let file = AnnotationStore.File(version: 1, annotations: list, deleted: tombstones.reversed())
      return String(decoding: StoreJSON.encode(file), as: UTF8.self)
    }
    let before = text(annotations)
    #expect(before == text(annotations.reversed()), "the order given does not matter")
    let offsets = try annotations.sorted { $0.id.sortKey < $1.id.sortKey }.map {
      try #require(before.range(of: $0.id.uuidString)).lowerBound
    }
    #expect(offsets == offsets.sorted())
    let deletedOffsets = try tombstones.sorted { $0.id.sortKey < $1.id.sortKey }.map {
      try #require(before.range(of: $0.id.uuidString)).lowerBound
    }
    #expect(deletedOffsets == deletedOffsets.sorted())
    annotations[0].start += 1_000  // re-anchored past the others
    annotations[0].note = "changed"
    let after = text(annotations)
    let diff = after.split(separator: "\n").difference(from: before.split(separator: "\n"))
    #expect(diff.removals.count == 2 && diff.insertions.count == 2, "\(diff)")
    #expect(
      diff.insertions.allSatisfy { change in
        guard case .insert(_, let line, _) = change else { return false }
        return line.contains("\"note\" : \"changed\"") || line.contains("\"start\" : ")
      })
  }

  @Test func readerGivesJSONDecodersResult() throws {
    let file = awkwardFile()
    let data = StoreJSON.encode(file)
    let fast = try #require(StoreJSON.decode(data), "the fast reader reads what the writer wrote")
    let slow = try AnnotationStore.decodeWithFoundation(data, url: URL(fileURLWithPath: "/s.json"))
    #expect(fast.annotations == slow.annotations)
    #expect(fast.deleted == slow.deleted)
    let third = try #require(fast.annotations.first { $0.id == file.annotations[2].id })
    #expect(third.tags == ["  not normalised  ", "Same", "same"], "tags as stored, as JSONDecoder gives them")
  }

  /// Valid JSON the fast reader declines is still read (by JSONDecoder), with the same result
  /// as the same content written plainly.
  @Test(arguments: [
    #"{"version": 1e0, "annotations": [], "deleted": []}"#,
    #"{"version": 1, "version": 1, "annotations": [], "deleted": []}"#,
    #"{"version": 1.0, "annotations": [], "deleted": []}"#,
    // Foundation is lenient about these; the fast reader is strict and leaves them to it.
    #"{"version": 1, "annotations": [], "deleted": [],}"#,
    "{\"version\": 1, \"annotations\": [], \"deleted\": [], \"s\": 1.5}",
  ])
  func unusualButValidFilesFallBackToFoundation(json: String) throws {
    #expect(StoreJSON.decode(Data(json.utf8)) == nil)
    let file = try AnnotationStore.decode(Data(json.utf8), url: URL(fileURLWithPath: "/s.json"))
    #expect(file.version == 1 && file.annotations.isEmpty)
  }

  @Test func readerHandlesEscapesUnknownKeysAndWhitespaceLikeFoundation() throws {
    let id = UUID()
    let json = """
      {"extra": {"nested": [1, true, null, "x"]}, "version":1,"deleted":[],
       "annotations":[ {"id":"\(id.uuidString.lowercased())","article":"a\\/b.txt","start":0,"end":5,
        "quote":"\\ud83d\\ude00 \\u00e9\\n","prefix":"","suffix":"","color":"pink","tags":["x"],"note":"\\"",
        "created":"2026-11-22T10:00:00.250Z","modified":"2026-11-22T12:00:00+02:00","anchor":"relocated","future":"ignored"} ] }
      """
    let fast = try #require(StoreJSON.decode(Data(json.utf8)))
    let slow = try AnnotationStore.decodeWithFoundation(Data(json.utf8), url: URL(fileURLWithPath: "/s.json"))
    #expect(fast.annotations == slow.annotations)
    #expect(fast.annotations[0].quote == "😀 é\n")
    #expect(fast.annotations[0].article == "a/b.txt")
    #expect(fast.annotations[0].id == id)
  }

  @Test(arguments: [
    "{\"version\": 1, \"annotations\": [], \"deleted\": []} x",
    "{\"version\": 1, \"annotations\": [\"\\ud800\"], \"deleted\": []}",
    "{\"version\": 01, \"annotations\": [], \"deleted\": []}",
    "{\"version\": 1, \"annotations\": [], \"deleted\": [{\"id\": \"nope\", \"deleted\": \"2026-11-22T10:00:00Z\"}]}",
    "{\"version\": 99999999999999999999, \"annotations\": [], \"deleted\": []}",
    // A raw control character in a kept unknown field: not JSON.
    "{\"version\": 1, \"annotations\": [], \"deleted\": [], \"s\": \"\u{01}\"}",
  ])
  func invalidFilesAreLeftToFoundationToExplain(json: String) throws {
    #expect(StoreJSON.decode(Data(json.utf8)) == nil)
    #expect(throws: AnnotationStore.LoadError.self) {
      _ = try AnnotationStore.decode(Data(json.utf8), url: URL(fileURLWithPath: "/s.json"))
    }
  }

  /// Any timestamp round-trips exactly (to the second), in the proleptic Gregorian calendar
  /// (Foundation switches to the Julian calendar before 1582; Gloss does not).
  @Test func timestampsRoundTripInAnyYear() throws {
    for t in [-30_000_000_000.0, -12_212_553_601, 0, 1_800_000_000, 253_402_300_799] {
      var a = sampleAnnotation()
      a.created = Date(timeIntervalSince1970: t)
      a.modified = Date(timeIntervalSince1970: t)
      let file = AnnotationStore.File(version: 1, annotations: [a], deleted: [])
      let read = try #require(StoreJSON.decode(StoreJSON.encode(file)))
      #expect(read.annotations == [a], "\(t)")
    }
  }

  @Test func invalidUTF8IsNotReadByTheFastPath() {
    var bytes = Array(#"{"version": 1, "annotations": [], "deleted": [], "s": "x"}"#.utf8)
    bytes[bytes.count - 3] = 0xFF
    #expect(StoreJSON.decode(Data(bytes)) == nil)
    // Found by FuzzStore: invalid UTF-8 in an unknown key.
    var key = Array(#"{"extra": 1, "version": 1, "annotations": [], "deleted": []}"#.utf8)
    key[5] = 0xFF
    #expect(StoreJSON.decode(Data(key)) == nil)
    #expect(throws: AnnotationStore.LoadError.self) {
      _ = try AnnotationStore.decode(Data(key), url: URL(fileURLWithPath: "/s.json"))
    }
  }

  @Test func saveSkipsDecodingAnUnchangedFileButMergesAChangedOne() throws {
    let (store, root) = try freshStore()
    defer { try? FileManager.default.removeItem(at: root) }
    try store.apply(upserts: [sampleAnnotation("one")], deletions: [])
    let other = try AnnotationStore(url: store.url)
    try other.apply(upserts: [sampleAnnotation("two", start: 40)], deletions: [])
    try store.apply(upserts: [sampleAnnotation("three", start: 80)], deletions: [])
    #expect(Set(try AnnotationStore(url: store.url).all.map(\.quote)) == ["one", "two", "three"])
    #expect(Set(store.all.map(\.quote)) == ["one", "two", "three"])
  }
}

@Suite struct StoreOrderTests {
  /// `all` is kept sorted change by change; it must always equal a fresh sort.
  @Test func allStaysSortedThroughUpsertsDeletionsAndMerges() throws {
    let (store, root) = try freshStore()
    defer { try? FileManager.default.removeItem(at: root) }
    var rng = SeededRandom(seed: 9)
    var live: [UUID: Annotation] = [:]
    let initial = (0..<300).map { i in
      sampleAnnotation(
        "q\(i)", start: Int.random(in: 0..<50, using: &rng), at: Double(Int.random(in: 0..<5, using: &rng)))
    }
    try store.apply(upserts: initial, deletions: [])
    for a in initial { live[a.id] = a }
    let reopened = try AnnotationStore(url: store.url)
    #expect(reopened.all == initial.sorted(by: AnnotationStore.storeOrder))
    for round in 0..<120 {
      switch Int.random(in: 0..<3, using: &rng) {
      case 0:
        var a = live.values.randomElement(using: &rng)!
        a.start = Int.random(in: 0..<50, using: &rng)
        a.modified = Date(timeIntervalSince1970: Double(10_000 + round))
        try store.apply(upserts: [a], deletions: [])
        live[a.id] = a
      case 1:
        let id = live.keys.randomElement(using: &rng)!
        try store.apply(upserts: [], deletions: [id], now: Date(timeIntervalSince1970: Double(20_000 + round)))
        live[id] = nil
      default:
        let a = sampleAnnotation("new\(round)", start: Int.random(in: 0..<50, using: &rng))
        try store.apply(upserts: [a], deletions: [])
        live[a.id] = a
      }
      #expect(store.all == live.values.sorted(by: AnnotationStore.storeOrder), "round \(round)")
    }
    #expect(try AnnotationStore(url: store.url).all == store.all)
  }
}

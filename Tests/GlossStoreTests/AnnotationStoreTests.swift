import Foundation
import GlossModel
import Testing

@testable import GlossStore

func sampleAnnotation(
  _ quote: String = "a passage", start: Int = 10, tags: [String] = [], at seconds: TimeInterval = 1000
) -> Annotation {
  Annotation(
    article: "a.txt", start: start, end: start + quote.unicodeScalars.count, quote: quote, prefix: "before ",
    suffix: " after", tags: tags, created: Date(timeIntervalSince1970: seconds))
}

@Suite struct AnnotationStoreTests {
  @Test func roundTripsAsPrettySortedVersionedJSON() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = AnnotationStore.defaultURL(library: root)
    let store = try AnnotationStore(url: url)
    var a = sampleAnnotation("“Ա” 中文 😀 quote", tags: ["diplomacy", "foreign policy"])
    a.note = "a note\nwith two lines"
    a.color = .purple
    try store.apply(upserts: [a], deletions: [])
    let reopened = try AnnotationStore(url: url)
    #expect(reopened.all == [a])
    let json = try String(contentsOf: url, encoding: .utf8)
    #expect(json.contains("\"version\" : 1"))
    let keys = [
      "anchor", "article", "color", "created", "end", "id", "modified", "note", "prefix", "quote", "start", "suffix",
      "tags",
    ]
    let positions = keys.map { json.range(of: "\"\($0)\" :")!.lowerBound }
    #expect(positions == positions.sorted(), "keys are sorted")
  }

  @Test func previousVersionIsKeptAsBak() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = AnnotationStore.defaultURL(library: root)
    let store = try AnnotationStore(url: url)
    try store.apply(upserts: [sampleAnnotation("first")], deletions: [])
    let first = try Data(contentsOf: url)
    try store.apply(upserts: [sampleAnnotation("second", start: 50)], deletions: [])
    #expect(try Data(contentsOf: URL(fileURLWithPath: url.path + ".bak")) == first)
  }

  @Test(arguments: [
    ("{ \"version\": 1, \"annotations\": [ ", "invalid JSON"),
    (
      "{\"version\": 1, \"annotations\": [{\"id\": 5}], \"deleted\": []}",
      "annotations[0].id is the number 5, expected an id"
    ),
    ("{\"version\": 1, \"deleted\": []}", "\"annotations\" is missing"),
    ("{\"version\": 2, \"annotations\": [], \"deleted\": []}", "newer Gloss (format version 2"),
  ])
  func unreadableStoreIsNeverOverwritten(contents: String, message: String) throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = AnnotationStore.defaultURL(library: root)
    try write(contents, ".gloss/annotations.json", in: root)
    #expect {
      _ = try AnnotationStore(url: url)
    } throws: { error in
      "\(error)".contains(message) && "\(error)".contains(url.path)
    }
    let readOnly = AnnotationStore.openForReading(url: url)
    #expect(readOnly.readOnlyReason != nil)
    #expect(throws: AnnotationStore.SaveError.self) {
      try readOnly.apply(upserts: [sampleAnnotation()], deletions: [])
    }
    #expect(try String(contentsOf: url, encoding: .utf8) == contents, "byte for byte untouched")
    #expect(!FileManager.default.fileExists(atPath: url.path + ".bak"))
  }

  @Test func aFileCorruptedByAnotherProcessIsNotOverwrittenEither() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = AnnotationStore.defaultURL(library: root)
    let store = try AnnotationStore(url: url)
    try store.apply(upserts: [sampleAnnotation()], deletions: [])
    try Data("garbage".utf8).write(to: url)
    #expect(throws: AnnotationStore.SaveError.self) {
      try store.apply(upserts: [sampleAnnotation("more", start: 40)], deletions: [])
    }
    #expect(try String(contentsOf: url, encoding: .utf8) == "garbage")
  }

  @Test func twoStoresMergeByIdNewestWinsAndDeletionsStick() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = AnnotationStore.defaultURL(library: root)
    let first = try AnnotationStore(url: url)
    let second = try AnnotationStore(url: url)
    let shared = sampleAnnotation("shared")
    try first.apply(upserts: [shared], deletions: [])
    try second.apply(upserts: [sampleAnnotation("only in second", start: 80)], deletions: [])
    #expect(Set(second.all.map(\.quote)) == ["shared", "only in second"])
    // First edits the shared one later; second's stale copy must not win.
    var edited = shared
    edited.note = "newer"
    edited.modified = Date(timeIntervalSince1970: 2000)
    try first.apply(upserts: [edited], deletions: [])
    try second.apply(upserts: [sampleAnnotation("third", start: 120)], deletions: [])
    #expect(second.all.first { $0.id == shared.id }?.note == "newer")
    // A deletion in one survives the other's next save.
    try first.apply(upserts: [], deletions: [shared.id], now: Date(timeIntervalSince1970: 3000))
    try second.apply(upserts: [sampleAnnotation("fourth", start: 160)], deletions: [])
    #expect(!second.all.contains { $0.id == shared.id })
    let final = try AnnotationStore(url: url)
    #expect(Set(final.all.map(\.quote)) == ["only in second", "third", "fourth"])
  }

  @Test func failedSaveKeepsChangesInMemoryAndRetries() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("in the way", ".gloss", in: root)
    let store = try AnnotationStore(url: AnnotationStore.defaultURL(library: root))
    let a = sampleAnnotation()
    #expect(throws: AnnotationStore.SaveError.self) { try store.apply(upserts: [a], deletions: []) }
    #expect(store.all == [a])
    #expect(store.hasUnsavedChanges)
    try FileManager.default.removeItem(at: root.appendingPathComponent(".gloss"))
    try store.save()
    #expect(try AnnotationStore(url: AnnotationStore.defaultURL(library: root)).all == [a])
  }

  @Test func tagCountsAreCaseInsensitive() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let store = try AnnotationStore(url: AnnotationStore.defaultURL(library: root))
    try store.apply(
      upserts: [sampleAnnotation(tags: ["Iran", "history"]), sampleAnnotation("x", start: 50, tags: ["iran"])],
      deletions: [])
    #expect(store.tagCounts.map(\.tag) == ["Iran", "history"])
    #expect(store.tagCounts.map(\.count) == [2, 1])
  }
}

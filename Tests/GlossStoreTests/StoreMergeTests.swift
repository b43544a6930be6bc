import Foundation
import GlossModel
import Testing

@testable import GlossStore

/// `StoreMerge`: the three-way merge behind `gloss merge`, rule by rule, over files.
@Suite struct StoreMergeTests {
  typealias File = AnnotationStore.File

  func annotation(_ n: Int, note: String = "", tags: [String] = [], color: HighlightColor = .yellow) -> Annotation {
    Annotation(
      id: UUID(uuidString: String(format: "%08X-0000-4000-8000-000000000000", n))!, article: "a.txt", start: n * 10,
      end: n * 10 + 5, quote: "quote \(n)", prefix: "", suffix: "", color: color, tags: tags, note: note,
      created: Date(timeIntervalSince1970: 1_000), modified: Date(timeIntervalSince1970: 1_000))
  }

  func file(_ annotations: [Annotation], deleted: [AnnotationStore.Tombstone] = []) -> File {
    File(version: 1, annotations: annotations, deleted: deleted)
  }

  /// An edit on one side, made later than BASE.
  func edited(_ a: Annotation, _ change: (inout Annotation) -> Void) -> Annotation {
    var a = a
    change(&a)
    a.modified = a.modified.addingTimeInterval(60)
    return a
  }

  func merge(_ base: File, _ ours: File, _ theirs: File) -> (File, StoreMerge.Report) {
    StoreMerge.merge(base: base, ours: ours, theirs: theirs)
  }

  func byID(_ file: File) -> [UUID: Annotation] {
    Dictionary(uniqueKeysWithValues: file.annotations.map { ($0.id, $0) })
  }

  @Test func additionsFromBothSidesAreKept() {
    let shared = annotation(1)
    let (merged, report) = merge(file([shared]), file([shared, annotation(2)]), file([shared, annotation(3)]))
    #expect(Set(merged.annotations.map(\.id)) == Set([1, 2, 3].map { annotation($0).id }))
    #expect(report.isClean && report.notices.isEmpty)
  }

  @Test func bothAddedWithAnEmptyBase() {
    // git passes an empty BASE when neither side had the file before.
    let (merged, report) = merge(file([]), file([annotation(1)]), file([annotation(2), annotation(1)]))
    #expect(merged.annotations.count == 2)
    #expect(report.isClean)
  }

  @Test func deletionOfAnUnchangedAnnotationIsHonouredWithATombstone() {
    let gone = annotation(1)
    let kept = annotation(2)
    let (merged, report) = merge(file([gone, kept]), file([kept]), file([gone, kept]))
    #expect(merged.annotations.map(\.id) == [kept.id])
    #expect(merged.deleted.map(\.id) == [gone.id], "a tombstone keeps the deletion from coming back")
    #expect(report.isClean && report.notices.isEmpty)
  }

  @Test func deletedOnOneSideEditedOnTheOtherKeepsTheEditedOneAndSaysSo() throws {
    let a = annotation(1)
    let theirs = edited(a) { $0.note = "still useful" }
    let tombstone = AnnotationStore.Tombstone(id: a.id, deleted: Date(timeIntervalSince1970: 2_000))
    let (merged, report) = merge(file([a]), file([], deleted: [tombstone]), file([theirs]))
    #expect(merged.annotations == [theirs])
    #expect(merged.deleted.isEmpty, "no tombstone for a kept annotation")
    #expect(report.isClean)
    let notice = try #require(report.notices.first)
    #expect(notice.id == a.id)
    #expect(notice.what.contains("deleted in ours but changed in theirs") == true)
  }

  @Test func deletedOnBothSides() {
    let (merged, _) = merge(file([annotation(1)]), file([]), file([]))
    #expect(merged.annotations.isEmpty)
    #expect(merged.deleted.map(\.id) == [annotation(1).id])
  }

  @Test func differentFieldsEditedOnEachSideBothApply() throws {
    let a = annotation(1, note: "old", tags: ["x"])
    let ours = edited(a) { $0.note = "new note" }
    let theirs = edited(a) { $0.color = .blue }
    let (merged, report) = merge(file([a]), file([ours]), file([theirs]))
    let m = try #require(merged.annotations.first)
    #expect(m.note == "new note")
    #expect(m.color == .blue)
    #expect(m.modified == ours.modified)
    #expect(report.isClean)
  }

  @Test func tagsMergeAsSetsWithRemovalsHonoured() {
    let a = annotation(1, tags: ["keep", "drop-ours", "drop-theirs"])
    let ours = edited(a) { $0.tags = ["keep", "drop-theirs", "new-ours"] }
    let theirs = edited(a) { $0.tags = ["drop-ours", "KEEP", "new-theirs"] }
    let (merged, report) = merge(file([a]), file([ours]), file([theirs]))
    #expect(merged.annotations.first?.tags == ["keep", "new-ours", "new-theirs"])
    #expect(report.isClean)
  }

  @Test func colourChangedDifferentlyOnBothSidesKeepsOursAsAConflict() {
    let a = annotation(1)
    let (merged, report) = merge(
      file([a]), file([edited(a) { $0.color = .green }]), file([edited(a) { $0.color = .pink }]))
    #expect(merged.annotations.first?.color == .green)
    #expect(report.conflicts.count == 1)
    #expect(report.conflicts.first?.what.contains("colour") == true)
  }

  @Test func noteChangedDifferentlyOnBothSidesKeepsBothBetweenMarkers() {
    let a = annotation(1, note: "base")
    let (merged, report) = merge(
      file([a]), file([edited(a) { $0.note = "mine" }]), file([edited(a) { $0.note = "yours" }]))
    #expect(
      merged.annotations.first?.note
        == "mine\n\(StoreMerge.noteConflictMarker)\nyours\n\(StoreMerge.noteConflictEnd)")
    #expect(!report.isClean)
  }

  @Test func theSameChangeOnBothSidesIsNoConflict() {
    let a = annotation(1, note: "base")
    let both = edited(a) {
      $0.note = "same"
      $0.color = .purple
    }
    let (merged, report) = merge(file([a]), file([both]), file([both]))
    #expect(merged.annotations == [both])
    #expect(report.isClean)
  }

  @Test func aMovedAnnotationTakesTheSideThatMovedIt() throws {
    let a = annotation(1)
    let moved = edited(a) {
      $0.start = 500
      $0.end = 505
      $0.anchor = .relocated
    }
    let noted = edited(a) { $0.note = "n" }
    let (merged, report) = merge(file([a]), file([noted]), file([moved]))
    let m = try #require(merged.annotations.first)
    #expect(m.start == 500 && m.anchor == .relocated && m.note == "n")
    #expect(report.isClean)
  }

  @Test func unknownFieldsAreMergedKeyByKeyOursWinning() {
    let a = annotation(1)
    var base = file([a])
    base.annotationExtras[a.id] = ["shared": .int(1), "removed": .bool(true), "both": .string("b")]
    base.extras = ["sync": .string("base")]
    var ours = base
    ours.annotationExtras[a.id] = ["shared": .int(1), "both": .string("o"), "mine": .null]
    ours.extras = ["sync": .string("ours"), "ours-only": .int(1)]
    var theirs = base
    theirs.annotationExtras[a.id] = [
      "shared": .int(2), "removed": .bool(true), "both": .string("t"), "theirs": .int(3),
    ]
    theirs.extras = ["sync": .string("theirs"), "theirs-only": .int(2)]
    let (merged, _) = merge(base, ours, theirs)
    #expect(
      merged.annotationExtras[a.id] == ["shared": .int(2), "both": .string("o"), "mine": .null, "theirs": .int(3)])
    #expect(merged.extras == ["sync": .string("ours"), "ours-only": .int(1), "theirs-only": .int(2)])
  }

  @Test func anAdditionTheOtherSideDeletedLaterStaysDeleted() {
    let a = annotation(1)
    let tombstone = AnnotationStore.Tombstone(id: a.id, deleted: Date(timeIntervalSince1970: 5_000))
    let (merged, _) = merge(file([]), file([a]), file([], deleted: [tombstone]))
    #expect(merged.annotations.isEmpty)
    #expect(merged.deleted == [tombstone])
  }

  // MARK: - Files

  func write(_ text: String, _ name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test func filesWithCRLFAndAnEmptyBaseMergeIntoOurs() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let crlf = String(decoding: StoreJSON.encode(file([annotation(2)])), as: UTF8.self)
      .replacingOccurrences(of: "\n", with: "\r\n")
    let base = try write("", "base", in: folder)
    let ours = try write(String(decoding: StoreJSON.encode(file([annotation(1)])), as: UTF8.self), "ours", in: folder)
    let theirs = try write(crlf, "theirs", in: folder)
    let report = try StoreMerge.mergeFiles(base: base, ours: ours, theirs: theirs)
    #expect(report.isClean)
    let result = try AnnotationStore.decode(Data(contentsOf: ours), url: ours)
    #expect(result.annotations.map(\.id) == [annotation(1).id, annotation(2).id])
    #expect(try Data(contentsOf: ours) == StoreJSON.encode(result), "written by the store's writer")
  }

  @Test(arguments: ["base", "ours", "theirs"])
  func anUnreadableInputLeavesOursUntouched(broken: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = String(decoding: StoreJSON.encode(file([annotation(1)])), as: UTF8.self)
    // Two records with one id: the store refuses to choose, and so does the merge.
    let duplicate = String(decoding: StoreJSON.encode(file([annotation(2), annotation(2)])), as: UTF8.self)
    #expect(duplicate.components(separatedBy: annotation(2).id.uuidString).count == 3)
    var urls: [String: URL] = [:]
    for name in ["base", "ours", "theirs"] {
      urls[name] = try write(name == broken ? duplicate : good, name, in: folder)
    }
    let before = try Data(contentsOf: urls["ours"]!)
    #expect(throws: StoreMerge.ReadError.self) {
      try StoreMerge.mergeFiles(base: urls["base"]!, ours: urls["ours"]!, theirs: urls["theirs"]!)
    }
    #expect(try Data(contentsOf: urls["ours"]!) == before)
    let missing = folder.appendingPathComponent("missing")
    #expect(throws: StoreMerge.ReadError.self) {
      try StoreMerge.mergeFiles(base: missing, ours: urls["ours"]!, theirs: urls["theirs"]!)
    }
  }
}

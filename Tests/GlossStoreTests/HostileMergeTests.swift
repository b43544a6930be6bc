import Foundation
import GlossModel
import Testing

@testable import GlossStore

#if canImport(Glibc)
  import Glibc
#endif

/// `gloss merge`'s files as a hostile first user hands them over: FIFOs, folders, symbolic
/// links, binary and UTF-16 files, identical files, and an OURS that is read-only. Nothing is
/// ever written over OURS unless all three were read and OURS may be written.
@Suite struct HostileMergeTests {
  func annotation(_ n: Int, note: String = "") -> Annotation {
    Annotation(
      id: UUID(uuidString: String(format: "%08X-0000-4000-8000-000000000000", n))!, article: "a.txt", start: n * 10,
      end: n * 10 + 5, quote: "quote \(n)", prefix: "", suffix: "", color: .yellow, tags: [], note: note,
      created: Date(timeIntervalSince1970: 1_000), modified: Date(timeIntervalSince1970: 1_000))
  }

  func storeData(_ annotations: [Annotation]) -> Data {
    StoreJSON.encode(AnnotationStore.File(version: 1, annotations: annotations, deleted: []))
  }

  /// Three readable files in a fresh folder: BASE and OURS hold annotation 1, THEIRS adds 2.
  func threeFiles() throws -> (folder: URL, base: URL, ours: URL, theirs: URL) {
    let folder = try temporaryFolder()
    let base = folder.appendingPathComponent("base")
    let ours = folder.appendingPathComponent("ours")
    let theirs = folder.appendingPathComponent("theirs")
    try storeData([annotation(1)]).write(to: base)
    try storeData([annotation(1)]).write(to: ours)
    try storeData([annotation(1), annotation(2)]).write(to: theirs)
    return (folder, base, ours, theirs)
  }

  func mergeError(_ base: URL, _ ours: URL, _ theirs: URL) -> String? {
    do {
      _ = try StoreMerge.mergeFiles(base: base, ours: ours, theirs: theirs)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test(arguments: ["base", "ours", "theirs"])
  func aFIFOOrAFolderIsRefusedByNameWithoutBlocking(which: String) throws {
    for kind in ["fifo", "folder"] {
      let (folder, base, ours, theirs) = try threeFiles()
      defer { try? FileManager.default.removeItem(at: folder) }
      let odd = folder.appendingPathComponent("odd-\(kind)")
      if kind == "fifo" {
        #expect(mkfifo(odd.path, 0o644) == 0)
      } else {
        try FileManager.default.createDirectory(at: odd, withIntermediateDirectories: false)
      }
      let before = try Data(contentsOf: ours)
      let error = try #require(
        mergeError(which == "base" ? odd : base, which == "ours" ? odd : ours, which == "theirs" ? odd : theirs))
      #expect(error.contains(odd.path), "\(error)")
      if which != "ours" { #expect(try Data(contentsOf: ours) == before) }
      var info = stat()
      #expect(lstat(odd.path, &info) == 0)
      #expect(info.st_mode & S_IFMT == (kind == "fifo" ? S_IFIFO : S_IFDIR), "left as it was")
    }
  }

  @Test func aUTF16TheirsIsReadAsTheJSONItIs() throws {
    let (folder, base, ours, theirs) = try threeFiles()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = String(decoding: storeData([annotation(1), annotation(3)]), as: UTF8.self)
    try #require(text.data(using: .utf16)).write(to: theirs)
    #expect(try StoreMerge.mergeFiles(base: base, ours: ours, theirs: theirs).isClean)
    let merged = try AnnotationStore.decode(Data(contentsOf: ours), url: ours)
    #expect(merged.annotations.map(\.id) == [annotation(1).id, annotation(3).id])
  }

  @Test(arguments: ["binary", "truncated"])
  func anUnreadableTheirsLeavesOursAsItWas(kind: String) throws {
    let (folder, base, ours, theirs) = try threeFiles()
    defer { try? FileManager.default.removeItem(at: folder) }
    switch kind {
    case "binary": try Data([0x00, 0xFF, 0x1B, 0x5B, 0x32, 0x4A, 0x89, 0x50, 0x4E, 0x47]).write(to: theirs)
    default: try storeData([annotation(3)]).prefix(40).write(to: theirs)
    }
    let before = try Data(contentsOf: ours)
    let error = try #require(mergeError(base, ours, theirs))
    #expect(error.contains(theirs.path), "names the file: \(error)")
    #expect(try Data(contentsOf: ours) == before)
  }

  @Test func aReadOnlyOursIsNotReplaced() throws {
    let (folder, base, ours, theirs) = try threeFiles()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(chmod(ours.path, 0o444) == 0)
    let before = try Data(contentsOf: ours)
    let error = try #require(mergeError(base, ours, theirs), "a read-only OURS is not written over")
    #expect(error.contains(ours.path) && error.contains("read-only"), "\(error)")
    #expect(try Data(contentsOf: ours) == before)
    var info = stat()
    #expect(stat(ours.path, &info) == 0 && info.st_mode & 0o777 == 0o444)
  }

  @Test func identicalFilesAreNotRewritten() throws {
    let (folder, base, ours, _) = try threeFiles()
    defer { try? FileManager.default.removeItem(at: folder) }
    var before = stat()
    #expect(stat(ours.path, &before) == 0)
    let report = try StoreMerge.mergeFiles(base: base, ours: ours, theirs: base)
    #expect(report.isClean && report.notices.isEmpty)
    var after = stat()
    #expect(stat(ours.path, &after) == 0)
    #expect(after.st_ino == before.st_ino, "not replaced")
  }

  @Test func aSymbolicLinkAsOursStaysALinkAndItsFileGetsTheMerge() throws {
    let (folder, base, ours, theirs) = try threeFiles()
    defer { try? FileManager.default.removeItem(at: folder) }
    let link = folder.appendingPathComponent("ours-link")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: ours)
    _ = try StoreMerge.mergeFiles(base: base, ours: link, theirs: theirs)
    var info = stat()
    #expect(lstat(link.path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    let merged = try AnnotationStore.decode(Data(contentsOf: ours), url: ours)
    #expect(merged.annotations.map(\.id) == [annotation(1).id, annotation(2).id])
  }

  @Test func hugeNotesAndEscapesInConflictingNotesStayInTheFile() throws {
    let (folder, base, ours, theirs) = try threeFiles()
    defer { try? FileManager.default.removeItem(at: folder) }
    let mine = annotation(1, note: "\u{1B}]52;c;ZXZpbA==\u{07} mine " + String(repeating: "x", count: 200_000))
    var their = annotation(1, note: "theirs \u{202E}\u{9B}2J")
    their.modified = Date(timeIntervalSince1970: 2_000)
    try storeData([mine]).write(to: ours)
    try storeData([their]).write(to: theirs)
    let report = try StoreMerge.mergeFiles(base: base, ours: ours, theirs: theirs)
    #expect(report.conflicts.count == 1)
    let merged = try AnnotationStore.decode(Data(contentsOf: ours), url: ours)
    let note = try #require(merged.annotations.first?.note)
    #expect(note.hasPrefix(mine.note) && note.contains(their.note) && note.contains(StoreMerge.noteConflictMarker))
    let raw = try Data(contentsOf: ours)
    #expect(!raw.contains(0x1B), "control characters are escaped in the file")
  }
}

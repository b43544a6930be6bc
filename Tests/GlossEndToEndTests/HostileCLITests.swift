import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `gloss edit`, `delete`, `merge`, `annotations` and `search` as a hostile first user runs
/// them: ambiguous ids, 10 KB notes full of escape sequences, stores that are read-only or
/// folders, odd files for the merge, and readers that go away (`| head -1`). Output never
/// carries control characters raw; nothing is written over what should be left alone.
@Suite struct HostileCLITests {
  static let hostile = "\u{1B}[2J\u{1B}]0;pwned\u{07}\u{202E}\u{9B}31m"

  func id(_ n: Int) -> String { String(format: "%08X-0000-4000-8000-000000000000", n) }

  /// A library with a store of `count` annotations (ids `0000000N-…`), notes and quotes
  /// holding escape sequences.
  func library(count: Int) throws -> (folder: URL, store: URL) {
    let text = (1...3_000).map { "Some words here, line \($0)." }.joined(separator: "\n\n")
    let folder = try makeLibrary(files: ["a.txt": "A title\n\n" + text + "\n"])
    let escaped = "\\u001b[2J \\u202e"
    let records = (1...count).map { n in
      """
      {"id": "\(id(n))", "article": "a.txt", "start": 9, "end": 13, "quote": "word \(n) \(escaped)",
       "prefix": "", "suffix": "", "color": "yellow", "tags": ["t\(escaped)"], "note": "note \(escaped)",
       "created": "2026-11-22T10:00:00Z", "modified": "2026-11-22T10:00:00Z", "anchor": "exact"}
      """
    }
    let json = #"{"version": 1, "deleted": [], "annotations": ["# + records.joined(separator: ",\n") + "]}\n"
    let store = folder.appendingPathComponent(".gloss/annotations.json")
    try FileManager.default.createDirectory(at: store.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(json.utf8).write(to: store)
    return (folder, store)
  }

  func noRawControls(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let raw = text.unicodeScalars.filter {
      ($0.value < 0x20 && $0 != "\n") || (0x7F..<0xA0).contains($0.value) || (0x202A...0x202E).contains($0.value)
    }
    #expect(raw.isEmpty, "raw: \(raw.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
  }

  @Test func anIdThatStartsSeveralChangesNothing() throws {
    let (folder, store) = try library(count: 12)
    let before = try Data(contentsOf: store)
    for arguments in [["edit", "0000000", "--note", "x"], ["delete", "0000000"], ["delete", "00000001", "0000000"]] {
      let r = try runGloss(arguments + ["--library", folder.path])
      #expect(r.status == 1)
      #expect(r.stderr.contains("starts"), "\(r.stderr)")
      noRawControls(r.stderr)
    }
    #expect(try Data(contentsOf: store) == before)
  }

  @Test func tenKilobyteNotesWithEscapeSequencesAreSavedExactlyAndPrintedInert() throws {
    let (folder, store) = try library(count: 2)
    let note = String(repeating: "n" + Self.hostile, count: 600)
    #expect(note.utf8.count > 10_000)
    for json in [false, true] {
      let r = try runGloss(["edit", id(1), "--note", note, "--library", folder.path] + (json ? ["--json"] : []))
      #expect(r.status == 0, "\(r.stderr)")
      noRawControls(r.stdout)
      noRawControls(r.stderr)
    }
    let listed = try runGloss(["annotations", "--library", folder.path])
    noRawControls(listed.stdout)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: store)) as? [String: Any])
    let records = try #require(object["annotations"] as? [[String: Any]])
    #expect(records.first { $0["id"] as? String == id(1) }?["note"] as? String == note, "saved exactly")
    let deleted = try runGloss(["delete", id(2), "--library", folder.path])
    #expect(deleted.status == 0)
    noRawControls(deleted.stdout)
  }

  @Test func aReadOnlyStoreIsLeftAsItWas() throws {
    let (folder, store) = try library(count: 1)
    #expect(chmod(store.path, 0o444) == 0)
    let before = try Data(contentsOf: store)
    for arguments in [["edit", id(1), "--note", "x"], ["delete", id(1)]] {
      let r = try runGloss(arguments + ["--library", folder.path])
      #expect(r.status == 1, "\(arguments): \(r.stdout)")
      #expect(r.stderr.contains(store.path) && r.stderr.contains("read-only"), "\(r.stderr)")
    }
    #expect(try Data(contentsOf: store) == before)
  }

  @Test func aStoreThatIsAFolderIsNamed() throws {
    let folder = try makeLibrary(files: ["a.txt": "A title\n\nSome words.\n"])
    let store = folder.appendingPathComponent("notes.json")
    try FileManager.default.createDirectory(at: store, withIntermediateDirectories: false)
    for arguments in [["edit", "0", "--note", "x"], ["delete", "0"]] {
      let r = try runGloss(arguments + ["--library", folder.path, "--store", store.path])
      #expect(r.status != 0)
      #expect(r.stderr.contains(store.path), "\(r.stderr)")
    }
    var info = stat()
    #expect(stat(store.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR)
  }

  @Test func mergeOutputAndErrorsAreInert() throws {
    let (folder, store) = try library(count: 1)
    let base = folder.appendingPathComponent("base.json")
    let theirs = folder.appendingPathComponent("theirs.json")
    try FileManager.default.copyItem(at: store, to: base)
    // Both sides change the note (escape sequences in it): a conflict, reported inert.
    #expect(try runGloss(["edit", id(1), "--note", "ours " + Self.hostile, "--library", folder.path]).status == 0)
    try FileManager.default.copyItem(at: store, to: theirs)
    var text = try String(contentsOf: theirs, encoding: .utf8)
    text = text.replacingOccurrences(of: "ours ", with: "theirs ")
    try Data(text.utf8).write(to: theirs)
    let r = try runGloss(["merge", base.path, store.path, theirs.path])
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr.contains("merge conflict"))
    noRawControls(r.stderr)
    // A file whose name holds escape sequences, and a FIFO: exit 2, named, inert.
    let evil = folder.appendingPathComponent("evil\u{1B}[2J.json")
    let fifo = folder.appendingPathComponent("fifo")
    #expect(mkfifo(fifo.path, 0o644) == 0)
    for (b, o, t) in [(evil, store, theirs), (base, store, fifo), (base, folder, theirs)] {
      let before = try? Data(contentsOf: store)
      let failed = try runGloss(["merge", b.path, o.path, t.path])
      #expect(failed.status == 2, "\(failed.stderr)")
      noRawControls(failed.stderr)
      #expect((try? Data(contentsOf: store)) == before)
    }
  }

  @Test(arguments: [["annotations"], ["search", "word"], ["annotations", "--json"], ["search", "word", "--json"]])
  func aReaderThatGoesAwayEndsTheCommandQuietly(arguments: [String]) throws {
    let binary = try #require(glossBinary)
    let (folder, _) = try library(count: 3_000)
    let command =
      ([binary.path] + arguments + ["--library", folder.path]).map(shellQuote).joined(separator: " ")
      + " | head -1 >/dev/null; echo \"status ${PIPESTATUS[0]}\""
    let r = try run("/bin/bash", ["-c", command], environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
    #expect(r.stdout == "status 0\n", "\(r.stdout)")
    #expect(r.stderr.isEmpty, "\(r.stderr)")
  }
}

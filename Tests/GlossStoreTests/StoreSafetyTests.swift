import Foundation
import GlossModel
import Testing

@testable import GlossStore

#if canImport(Glibc)
  import Glibc
#endif

/// The data-safety rules of the store (FIRST-USER-FINDINGS D2–D7, W9, X24).
@Suite struct StoreSafetyTests {
  func storeFile(_ root: URL) -> URL { AnnotationStore.defaultURL(library: root) }

  // MARK: D3 unknown fields

  static let unknownFieldsFile = """
    {"x-top": {"nested": [1, true, null, "s", {}], "empty": []}, "annotations": [
      {"id": "6F9619FF-8B86-D011-B42D-00C04FC964FF", "article": "a.txt", "start": 1, "end": 5, "quote": "abcd",
       "prefix": "", "suffix": "", "color": "yellow", "tags": [], "note": "", "created": "2026-01-01T00:00:00Z",
       "modified": "2026-01-01T00:00:00Z", "anchor": "exact", "future": 1, "source_url": "https://example.com/a",
       "Zed": [], "aaa": {"k": "v"}, "zzz": false}
    ], "deleted": [], "version": 1, "~last": "kept"}
    """

  @Test(arguments: [false, true])
  func unknownFieldsAreKeptThroughASave(foundationPath: Bool) throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    // A fraction sends the file down JSONDecoder's path; without one the fast reader reads it.
    let text =
      foundationPath
      ? Self.unknownFieldsFile.replacingOccurrences(of: "\"future\": 1", with: "\"future\": 1.5")
      : Self.unknownFieldsFile
    try write(text, ".gloss/annotations.json", in: root)
    #expect((StoreJSON.decode(Data(text.utf8)) == nil) == foundationPath)
    let store = try AnnotationStore(url: storeFile(root))
    var changed = try #require(store.all.first)
    changed.note = "edited"
    changed.modified = Date(timeIntervalSince1970: 1_800_000_000)
    try store.apply(upserts: [changed, sampleAnnotation("new one", start: 40)], deletions: [])
    let saved = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: storeFile(root))) as? [String: Any])
    #expect(saved["~last"] as? String == "kept")
    #expect((saved["x-top"] as? [String: Any])?["nested"] as? [Any] != nil)
    let records = try #require(saved["annotations"] as? [[String: Any]])
    let edited = try #require(records.first { $0["note"] as? String == "edited" })
    #expect(edited["source_url"] as? String == "https://example.com/a")
    #expect(edited["future"] != nil)
    #expect((edited["aaa"] as? [String: Any])?["k"] as? String == "v")
    #expect(edited["zzz"] as? Bool == false)
    #expect(records.count == 2)
    // And read again, still there (both paths agree on the saved bytes).
    let again = try AnnotationStore.decode(Data(contentsOf: storeFile(root)), url: storeFile(root))
    #expect(again.annotationExtras[changed.id]?["source_url"] == .string("https://example.com/a"))
  }

  @Test func fastWriterWithUnknownFieldsGivesJSONEncodersBytes() throws {
    let data = Data(Self.unknownFieldsFile.utf8)
    let file = try #require(StoreJSON.decode(data))
    #expect(!file.extras.isEmpty && !file.annotationExtras.isEmpty)
    #expect(StoreJSON.encode(file) == (try Interchange.encoder().encode(file) + Data("\n".utf8)))
    #expect(AnnotationStore.fastPathDisagreement(data) == nil)
  }

  /// Random unknown fields: the fast reader and writer agree with JSONDecoder and JSONEncoder.
  @Test func unknownFieldsPropertyFastAndFoundationAgree() throws {
    var generator = SystemRandomNumberGenerator()
    let names = ["a", "Z", "_x", "end_x", "endZ", "anchor2", "id0", "zz", "note ", "tagsx", "~"]
    func value(_ depth: Int) -> String {
      switch Int.random(in: 0..<(depth > 2 ? 4 : 6), using: &generator) {
      case 0: return String(Int.random(in: -1000...1000, using: &generator))
      case 1: return "\"s\\u00e9\\n\""
      case 2: return ["true", "false", "null"].randomElement(using: &generator)!
      case 3: return "\"\""
      case 4:
        return "[" + (0..<Int.random(in: 0...3, using: &generator)).map { _ in value(depth + 1) }.joined(separator: ",")
          + "]"
      default:
        return "{"
          + (0..<Int.random(in: 0...3, using: &generator)).map { i in "\"k\(i)\": \(value(depth + 1))" }
          .joined(separator: ",") + "}"
      }
    }
    for _ in 0..<200 {
      let picked = Array(Set(names.shuffled(using: &generator).prefix(Int.random(in: 1...4, using: &generator))))
      let fields = picked.map { "\"\($0)\": \(value(0))" }.joined(separator: ", ")
      let text = Self.unknownFieldsFile.replacingOccurrences(of: "\"future\": 1", with: fields)
        .replacingOccurrences(of: "\"~last\": \"kept\"", with: fields)
      let data = Data(text.utf8)
      let fast = try #require(StoreJSON.decode(data), "\(text)")
      let slow = try AnnotationStore.decodeWithFoundation(data, url: URL(fileURLWithPath: "/p.json"))
      #expect(fast.extras == slow.extras, "\(text)")
      #expect(fast.annotationExtras == slow.annotationExtras, "\(text)")
      #expect(AnnotationStore.fastPathDisagreement(data) == nil, "\(text)")
    }
  }

  @Test func aStoreWithCRLFLineEndingsIsReadByTheFastPathAndSaved() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let crlf = Self.unknownFieldsFile.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(StoreJSON.decode(Data(crlf.utf8)) != nil)
    try write(crlf, ".gloss/annotations.json", in: root)
    let store = try AnnotationStore(url: storeFile(root))
    try store.apply(upserts: [sampleAnnotation("new", start: 60)], deletions: [])
    #expect(try AnnotationStore(url: storeFile(root)).all.count == 2)
  }

  // MARK: D4 duplicate ids

  @Test func twoRecordsWithOneIdAreRefusedNamingTheIdAndTheFile() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let one = sampleAnnotation("first quote")
    var two = sampleAnnotation("second quote", start: 50)
    two.id = one.id
    let file = AnnotationStore.File(version: 1, annotations: [one, two], deleted: [])
    try FileManager.default.createDirectory(
      at: storeFile(root).deletingLastPathComponent(), withIntermediateDirectories: true)
    for bytes in [StoreJSON.encode(file), try Interchange.encoder().encode(file)] {
      try bytes.write(to: storeFile(root))
      #expect {
        _ = try AnnotationStore(url: storeFile(root))
      } throws: { error in
        "\(error)".contains(one.id.uuidString) && "\(error)".contains(storeFile(root).path)
      }
      let store = AnnotationStore.openForReading(url: storeFile(root))
      #expect(throws: AnnotationStore.SaveError.self) {
        try store.apply(upserts: [sampleAnnotation("third", start: 90)], deletions: [])
      }
      #expect(try Data(contentsOf: storeFile(root)) == bytes)
    }
  }

  // MARK: D5 links and special files

  @Test func savesWriteThroughASymlinkToTheRealFile() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let synced = root.appendingPathComponent("synced/annotations.json")
    try FileManager.default.createDirectory(at: synced.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: storeFile(root).deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: storeFile(root).path, withDestinationPath: "../synced/annotations.json")
    let store = try AnnotationStore(url: storeFile(root))
    try store.apply(upserts: [sampleAnnotation()], deletions: [])
    try store.apply(upserts: [sampleAnnotation("two", start: 30)], deletions: [])
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: storeFile(root).path) == "../synced/annotations.json")
    #expect(try AnnotationStore(url: synced).all.count == 2)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: synced.deletingLastPathComponent().path)
    #expect(leftovers.filter { $0.contains(".tmp-") }.isEmpty)
  }

  @Test func nonRegularFilesAreNeverReplaced() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let fifo = root.appendingPathComponent("fifo.json")
    #expect(mkfifo(fifo.path, 0o644) == 0)
    let folder = root.appendingPathComponent("folder.json")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for url in [fifo, folder] {
      #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write(Data("x".utf8), to: url) }
      // Opening one as a store does not block and says what it is.
      #expect {
        _ = try AnnotationStore(url: url)
      } throws: { error in
        "\(error)".contains(url == folder ? "is a folder" : "FIFO")
      }
    }
    var info = stat()
    #expect(lstat(fifo.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    #expect(throws: AtomicFile.WriteError.self) {
      try AtomicFile.write(Data("x".utf8), to: URL(fileURLWithPath: "/dev/null"))
    }
    #expect(lstat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
  }

  @Test func aPrivateFileStaysPrivateAndARelativeLinkChainIsFollowed() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let real = root.appendingPathComponent("deep/real.json")
    try FileManager.default.createDirectory(at: real.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("old".utf8).write(to: real)
    #expect(chmod(real.path, 0o600) == 0)
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("hop").path, withDestinationPath: "deep/real.json")
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("link").path, withDestinationPath: "hop")
    try AtomicFile.write(Data("new".utf8), to: root.appendingPathComponent("link"))
    #expect(try String(contentsOf: real, encoding: .utf8) == "new")
    var info = stat()
    #expect(stat(real.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: root.appendingPathComponent("link").path) == "hop")
  }

  // MARK: X24 temporary files of killed writers

  @Test func temporaryFilesOfDeadWritersAreRemovedOnTheNextSave() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let store = try AnnotationStore(url: storeFile(root))
    try store.apply(upserts: [sampleAnnotation()], deletions: [])
    let folder = storeFile(root).deletingLastPathComponent()
    // A process that has exited (its pid is free), one alive and recent, one alive but old.
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try child.run()
    child.waitUntilExit()
    let dead = ".annotations.json.bak.tmp-\(child.processIdentifier)-12345"
    let deadMain = ".annotations.json.tmp-\(child.processIdentifier)-999"
    let alive = ".annotations.json.tmp-1-777"  // pid 1 is always alive
    let old = ".annotations.json.tmp-1-778"
    for name in [dead, deadMain, alive, old] {
      try Data("partial".utf8).write(to: folder.appendingPathComponent(name))
    }
    let past = Date(timeIntervalSinceNow: -120)
    try FileManager.default.setAttributes(
      [.modificationDate: past], ofItemAtPath: folder.appendingPathComponent(old).path)
    try store.apply(upserts: [sampleAnnotation("more", start: 40)], deletions: [])
    let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
    #expect(!names.contains(dead) && !names.contains(deadMain) && !names.contains(old))
    #expect(names.contains(alive))
  }

  // MARK: W9 error messages

  @Test(arguments: [
    ("{ \"version\": 1, \"annotations\": [ ", "invalid JSON at line 1, column 34 (the file ends too early)"),
    ("{\n  \"version\": 1,\n  \"annotations\": [ x ]\n}", "invalid JSON at line 3, column"),
    (
      "{\"version\": 1, \"annotations\": [{\"id\": \"6F9619FF-8B86-D011-B42D-00C04FC964FF\", \"article\": \"a\", "
        + "\"start\": 98.5}], \"deleted\": []}", "annotations[0].start is the number 98.5, expected a whole number"
    ),
    (
      "{\"version\": 1, \"annotations\": [{\"id\": \"6F9619FF-8B86-D011-B42D-00C04FC964FF\", \"article\": \"a\", "
        + "\"start\": 1234567890123456789012345}], \"deleted\": []}", "annotations[0].start is the number"
    ),
    (
      "{\"version\": 1, \"annotations\": [{\"id\": \"nope\"}], \"deleted\": []}",
      "annotations[0].id is the text \"nope\""
    ),
    ("[1, 2]", "the file holds a list, expected an object"),
    (
      StoreSafetyTests.unknownFieldsFile.replacingOccurrences(of: "\"yellow\"", with: "\"orange\""),
      "annotations[0].color is the text \"orange\", expected one of yellow, green, blue, pink, purple"
    ),
  ])
  func loadErrorsSayWhereAndWhatInPlainWords(contents: String, expected: String) throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write(contents, ".gloss/annotations.json", in: root)
    var message = ""
    #expect {
      _ = try AnnotationStore(url: storeFile(root))
    } throws: { error in
      message = "\(error)"
      return message.contains(expected)
    }
    for leak in ["Dictionary<", "Swift.", "Cannot initialize", "invalid UUID string", "typeMismatch"] {
      #expect(!message.contains(leak), "\(message)")
    }
    #expect(!message.contains(".bak"), "no backup exists: \(message)")
    try write("{}", ".gloss/annotations.json.bak", in: root)
    #expect(throws: AnnotationStore.LoadError.self) { _ = try AnnotationStore(url: storeFile(root)) }
    #expect("\(AnnotationStore.openForReading(url: storeFile(root)).readOnlyReason ?? "")".contains("restore"))
  }

  @Test func aFolderAsTheStoreSaysItIsAFolder() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    #expect {
      _ = try AnnotationStore(url: root)
    } throws: { error in
      "\(error)".contains("is a folder") && !"\(error)".contains(".bak")
    }
  }

  // MARK: D2 a store that could not be read

  @Test func aStoreThatCouldNotBeReadReadsAgainOnTheNextChange() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let store = try AnnotationStore(url: storeFile(root))
    let first = sampleAnnotation("first")
    try store.apply(upserts: [first], deletions: [])
    let good = try Data(contentsOf: storeFile(root))
    // Another tool is half-way through writing it.
    try Data("{\"annotations\": [".utf8).write(to: storeFile(root))
    let second = sampleAnnotation("second", start: 40)
    #expect(throws: AnnotationStore.SaveError.self) { try store.apply(upserts: [second], deletions: []) }
    #expect(store.unsavedCount == 1 && store.hasUnsavedChanges)
    #expect(store.readOnlyReason != nil)
    #expect(try Data(contentsOf: storeFile(root)) == Data("{\"annotations\": [".utf8))
    // Fixed on disk (with an annotation from elsewhere): the next change merges and saves all.
    let third = sampleAnnotation("third", start: 80)
    let other = try AnnotationStore(url: root.appendingPathComponent("other.json"))
    try other.apply(upserts: [first, sampleAnnotation("from elsewhere", start: 120)], deletions: [])
    _ = good
    try Data(contentsOf: root.appendingPathComponent("other.json")).write(to: storeFile(root))
    try store.apply(upserts: [third], deletions: [])
    #expect(store.unsavedCount == 0 && !store.hasUnsavedChanges && store.readOnlyReason == nil)
    #expect(
      Set(try AnnotationStore(url: storeFile(root)).all.map(\.quote)) == ["first", "second", "third", "from elsewhere"])
  }

  @Test func anUnreadableStoreOpenedForReadingKeepsChangesAndRetries() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("{\"version\": 1, \"annotations\": [", ".gloss/annotations.json", in: root)
    let store = AnnotationStore.openForReading(url: storeFile(root))
    #expect(store.readOnlyReason != nil)
    #expect(throws: AnnotationStore.SaveError.self) { try store.apply(upserts: [sampleAnnotation()], deletions: []) }
    #expect(store.unsavedCount == 1)
    #expect(throws: AnnotationStore.SaveError.self) { try store.retrySave() }
    try FileManager.default.removeItem(at: storeFile(root))
    try store.retrySave()
    #expect(store.unsavedCount == 0)
    #expect(try AnnotationStore(url: storeFile(root)).all.map(\.quote) == ["a passage"])
  }

  @Test func recoveryFileHoldsTheUnsavedAnnotationsAndImportsBack() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("{\"version\": 1, \"annotations\": [", ".gloss/annotations.json", in: root)
    let store = AnnotationStore.openForReading(url: storeFile(root))
    let pending = [sampleAnnotation("one"), sampleAnnotation("two", start: 30)]
    #expect(throws: AnnotationStore.SaveError.self) { try store.apply(upserts: pending, deletions: []) }
    let recovery = try store.writeRecovery(to: nil)
    #expect(
      recovery.deletingLastPathComponent().standardizedFileURL.path
        == storeFile(root).deletingLastPathComponent().standardizedFileURL.path)
    let file = try AnnotationStore.decode(Data(contentsOf: recovery), url: recovery)
    #expect(Set(file.annotations.map(\.quote)) == ["one", "two"])
    // `gloss import` reads it back into a store.
    let (fresh, freshRoot) = try freshStore()
    defer { try? FileManager.default.removeItem(at: freshRoot) }
    let incoming = try Interchange.read(Data(contentsOf: recovery), file: recovery.path, library: root)
    let report = try Interchange.merge(incoming, into: fresh, articles: [:])
    #expect(report.added == 2)
    // Not writable next to the store: $XDG_STATE_HOME/gloss.
    let state = root.appendingPathComponent("state")
    setenv("XDG_STATE_HOME", state.path, 1)
    defer { unsetenv("XDG_STATE_HOME") }
    let blocked = root.appendingPathComponent("blocked")
    try Data().write(to: blocked)  // a file where a folder should be
    let elsewhere = AnnotationStore.openForReading(url: blocked.appendingPathComponent("annotations.json"))
    #expect(throws: AnnotationStore.SaveError.self) { try elsewhere.apply(upserts: pending, deletions: []) }
    let written = try elsewhere.writeRecovery(to: nil)
    #expect(written.path.hasPrefix(state.appendingPathComponent("gloss").path))
  }
}

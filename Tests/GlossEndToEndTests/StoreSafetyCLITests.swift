import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Root with `unshare`: a private mount namespace gives a read-only or full file system to
/// one command, whatever the permissions (root ignores them).
let canMountPrivately: Bool = getuid() == 0 && which("unshare") != nil

/// The annotation JSON a store file holds.
func storedAnnotations(_ library: URL) throws -> [[String: Any]] {
  let data = try Data(contentsOf: library.appendingPathComponent(".gloss/annotations.json"))
  let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  return try #require(object["annotations"] as? [[String: Any]])
}

/// The data-safety rules through the real `gloss` binary (no terminal): FIRST-USER-FINDINGS
/// D3–D5, D7, T3, W1, W9, W18, X14, and writers killed with SIGKILL.
@Suite(.serialized) struct StoreSafetyCLITests {
  let gloss: String

  init() throws {
    gloss = try #require(glossBinary).path
  }

  func store(_ library: URL) -> URL { library.appendingPathComponent(".gloss/annotations.json") }

  func add(_ library: URL, _ quote: String, article: String = "why", extra: [String] = []) throws -> CommandResult {
    try run(gloss, ["add", "--library", library.path, "--article", article, "--quote", quote] + extra)
  }

  /// `sh -c script` in a private mount namespace.
  func privately(_ script: String) throws -> CommandResult {
    try run("/usr/bin/env", ["unshare", "-m", "/bin/sh", "-c", script])
  }

  @Test func concurrentWritersLoseNothing() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let perWriter = 15
    let script =
      "for i in $(seq \(perWriter)); do \(shellQuote(gloss)) add --library \(shellQuote(library.path)) --article Nagorno --quote Azerbaijan --occurrence $i >/dev/null || exit 1; done"
    let results = try [0, 1].map { _ in try spawnShell(script) }
    for pid in results {
      var status: Int32 = 0
      waitpid(pid, &status, 0)
      #expect(status == 0)
    }
    let listed = try run(gloss, ["annotations", "--json", "--library", library.path])
    let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    #expect(items.count == 2 * perWriter)
  }

  @Test func killedWritersNeverCorruptTheStoreOrLoseAcknowledgedAnnotations() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    var acknowledged: [String] = []
    let quotes = ["International inaction", "Nagorno-Karabakh", "Azerbaijan", "Armenia", "the West"]
    let rounds = 40
    for round in 0..<rounds {
      let log = library.appendingPathComponent("out-\(round)")
      let quote = quotes[round % quotes.count]
      let script =
        "exec \(shellQuote(gloss)) add --library \(shellQuote(library.path)) --article Nagorno "
        + "--quote \(shellQuote(quote)) > \(shellQuote(log.path)) 2>/dev/null"
      let pid = try spawnShell(script)
      // Every fourth writer is let finish (so some writes are always acknowledged); the others
      // are killed with SIGKILL at a random moment, often in the middle of a save.
      if round % 4 != 0 {
        usleep(UInt32.random(in: 0...60_000))
        kill(pid, SIGKILL)
      }
      var status: Int32 = 0
      waitpid(pid, &status, 0)
      let out = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      if out.hasPrefix("added ") {
        acknowledged.append(out.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines))
      }
      if round % 4 == 0 { #expect(out.hasPrefix("added "), "writer \(round) was not killed and must succeed") }
      // After every kill the store parses.
      if FileManager.default.fileExists(atPath: store(library).path) {
        #expect(throws: Never.self) { _ = try storedAnnotations(library) }
      }
    }
    #expect(acknowledged.count >= rounds / 4, "only \(acknowledged.count) acknowledged writes: the test proves nothing")
    let listed = try run(gloss, ["annotations", "--json", "--library", library.path])
    #expect(listed.status == 0, "\(listed.stderr)")
    let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    let ids = Set(items.compactMap { $0["id"] as? String })
    for id in acknowledged { #expect(ids.contains(id), "acknowledged \(id) lost") }
    // The temporary files of killed writers do not pile up (at most the last kill's).
    let folder = store(library).deletingLastPathComponent().path
    let temporaries = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
    #expect(temporaries.count <= 2, "\(temporaries)")
  }

  @Test func unknownFieldsSurviveAnAdd() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    #expect(try add(library, "reckless driving", article: "stay away").status == 0)
    var object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: store(library))) as? [String: Any])
    var records = try #require(object["annotations"] as? [[String: Any]])
    records[0]["future"] = 1
    records[0]["source_url"] = "https://example.com"
    object["annotations"] = records
    object["x"] = ["kept": true]
    try JSONSerialization.data(withJSONObject: object).write(to: store(library))
    let added = try add(library, "United States")
    #expect(added.status == 0, "\(added.stderr)")
    let text = try String(contentsOf: store(library), encoding: .utf8)
    #expect(text.contains("\"future\" : 1") && text.contains("\"source_url\" : \"https://example.com\""))
    #expect(text.contains("\"kept\" : true"))
  }

  @Test func duplicateIdsAreRefusedAndTheFileIsUnchanged() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    #expect(try add(library, "reckless driving", article: "stay away").status == 0)
    var object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: store(library))) as? [String: Any])
    var records = try #require(object["annotations"] as? [[String: Any]])
    var copy = records[0]
    copy["quote"] = "a different quote"
    copy["note"] = "hand merged"
    records.append(copy)
    object["annotations"] = records
    let bytes = try JSONSerialization.data(withJSONObject: object)
    try bytes.write(to: store(library))
    let id = try #require(copy["id"] as? String)
    for arguments in [["annotations"], ["add", "--article", "why", "--quote", "United States"]] {
      let result = try run(gloss, arguments + ["--library", library.path])
      #expect(result.status != 0)
      #expect(result.stderr.contains(id) && result.stderr.contains(store(library).path), "\(result.stderr)")
      #expect(try Data(contentsOf: store(library)) == bytes)
    }
  }

  @Test func aSymlinkedStoreIsWrittenThroughAndStaysALink() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let synced = library.appendingPathComponent("synced")
    try FileManager.default.createDirectory(at: synced, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: store(library).deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: store(library).path, withDestinationPath: synced.appendingPathComponent("annotations.json").path)
    #expect(try add(library, "United States").status == 0)
    #expect(try add(library, "reckless driving", article: "stay away").status == 0)
    let link = try FileManager.default.destinationOfSymbolicLink(atPath: store(library).path)
    #expect(link.hasSuffix("synced/annotations.json"))
    let real = try String(contentsOf: synced.appendingPathComponent("annotations.json"), encoding: .utf8)
    #expect(real.contains("United States") && real.contains("reckless driving"))
  }

  @Test func exportToAFIFOWritesIntoItAndLeavesItAFIFO() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    #expect(try add(library, "United States").status == 0)
    let fifo = library.appendingPathComponent("pipe.md")
    #expect(mkfifo(fifo.path, 0o644) == 0)
    let received = library.appendingPathComponent("received")
    let reader = try spawnShell("cat \(shellQuote(fifo.path)) > \(shellQuote(received.path))")
    let result = try run(gloss, ["export", "--library", library.path, "--output", fifo.path])
    var status: Int32 = 0
    waitpid(reader, &status, 0)
    #expect(result.status == 0, "\(result.stderr)")
    var info = stat()
    #expect(lstat(fifo.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
    #expect(try String(contentsOf: received, encoding: .utf8).contains("United States"))
    // A folder is refused, not replaced.
    let folder = library.appendingPathComponent("dir.md")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let refused = try run(gloss, ["export", "--library", library.path, "--format", "json", "--output", folder.path])
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("folder"), "\(refused.stderr)")
    var isDirectory: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue)
  }

  @Test func exportToAFolderGivesArticlesThatShareANameDistinctFiles() throws {
    let library = try makeLibrary(files: ["Notes.md": "C\n\nEta\n"])
    defer { try? FileManager.default.removeItem(at: library) }
    for (folder, text) in [("2023", "A\n\nAlpha\n"), ("2024", "B\n\nDelta\n")] {
      try FileManager.default.createDirectory(
        at: library.appendingPathComponent(folder), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: library.appendingPathComponent("\(folder)/notes.txt"))
    }
    for (article, quote) in [("2023/notes.txt", "Alpha"), ("2024/notes.txt", "Delta"), ("Notes.md", "Eta")] {
      let result = try add(library, quote, article: article)
      #expect(result.status == 0, "\(result.stderr)")
    }
    let out = library.appendingPathComponent("out")
    let result = try run(gloss, ["export", "--library", library.path, "--output", out.path + "/"])
    #expect(result.status == 0, "\(result.stderr)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(names == ["2023-notes.md", "2024-notes.md", "notes.md"])
    let texts = try names.map { try String(contentsOf: out.appendingPathComponent($0), encoding: .utf8) }
    #expect(texts[0].contains("Alpha") && texts[1].contains("Delta") && texts[2].contains("Eta"))
  }

  @Test func exportsNeverWriteRawControlCharacters() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let note = "x\u{1B}(0 y\u{1B}c bell\u{07} csi\u{9B}2J rlo\u{202E}z"
    let added = try add(library, "Azerbaijan is not an ally", extra: ["--note", note, "--tag", "t\u{1B}[?1049h\u{9B}"])
    #expect(added.status == 0, "\(added.stderr)")
    for format in ["markdown", "json", "w3c"] {
      let result = try run(gloss, ["export", "--library", library.path, "--format", format])
      #expect(result.status == 0, "\(result.stderr)")
      let raw = result.stdout.unicodeScalars.filter {
        ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
      }
      #expect(raw.isEmpty, "\(format): \(raw.map { String($0.value, radix: 16) })")
      #expect(result.stdout.contains(format == "markdown" ? "U+009B" : "\\u009b"), "\(format)")
    }
    for command in [["annotations", "--json"], ["tags", "--json"], ["search", "Azerbaijan", "--json"]] {
      let listed = try run(gloss, command + ["--library", library.path])
      #expect(listed.status == 0, "\(command): \(listed.stderr)")
      #expect(!listed.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B }, "\(command)")
    }
  }

  @Test func importingANewerFormatSaysSoAndChangesNothing() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    #expect(try add(library, "United States").status == 0)
    let exported = try run(gloss, ["export", "--library", library.path, "--format", "json"])
    let newer = exported.stdout.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 2")
    #expect(newer != exported.stdout)
    let file = library.appendingPathComponent("newer.json")
    try Data(newer.utf8).write(to: file)
    let before = try Data(contentsOf: store(library))
    let result = try run(gloss, ["import", "--library", library.path, file.path])
    #expect(result.status != 0)
    #expect(result.stderr.contains("newer format"), "\(result.stderr)")
    #expect(try Data(contentsOf: store(library)) == before)
  }

  @Test func aFolderGivenAsTheStoreIsCalledAFolder() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let result = try run(gloss, ["annotations", "--library", library.path, "--store", library.path])
    #expect(result.status != 0)
    #expect(result.stderr.contains("is a folder") && !result.stderr.contains(".bak"), "\(result.stderr)")
  }

  @Test func aTruncatedStoreSaysLineAndColumn() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    try FileManager.default.createDirectory(
      at: store(library).deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("{\n  \"annotations\": [".utf8).write(to: store(library))
    let result = try run(gloss, ["annotations", "--library", library.path])
    #expect(result.status != 0)
    #expect(result.stderr.contains("line 2, column 19"), "\(result.stderr)")
  }

  @Test(.enabled(if: canMountPrivately, "needs root and unshare"))
  func readCommandsWorkOnAReadOnlyLibrary() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    #expect(try add(library, "reckless driving", article: "stay away").status == 0)
    // The article moves under the annotation: listing it wants to save the new position.
    let article = library.appendingPathComponent("us-should-stay-away-from-azerbaijan-iran-tensions.txt")
    let text = try String(contentsOf: article, encoding: .utf8)
    try Data(("A new first line.\n\n" + text).utf8).write(to: article)
    let before = try Data(contentsOf: store(library))
    let lib = shellQuote(library.path)
    for command in ["annotations", "export", "tags", "search reckless"] {
      let result = try privately(
        "mount --bind -o ro \(lib) \(lib) && exec \(shellQuote(gloss)) \(command) --library \(lib)")
      #expect(result.status == 0, "\(command): \(result.stderr)")
      #expect(result.stdout.contains("reckless driving") || command == "tags", "\(command): \(result.stdout)")
      #expect(result.stderr.split(separator: "\n").count <= 1, "\(command): \(result.stderr)")
      #expect(!result.stderr.contains("kept in memory"))
    }
    #expect(try Data(contentsOf: store(library)) == before)
  }

  @Test(.enabled(if: canMountPrivately, "needs root and unshare"))
  func addOnAFullDiskFailsClearly() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let folder = store(library).deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let dir = shellQuote(folder.path)
    let result = try privately(
      "mount -t tmpfs -o size=64k tmpfs \(dir) && dd if=/dev/zero of=\(dir)/fill bs=1k count=100 2>/dev/null; "
        + "exec \(shellQuote(gloss)) add --library \(shellQuote(library.path)) --article why --quote 'United States'")
    #expect(result.status != 0)
    #expect(!result.stdout.contains("added"))
    #expect(result.stderr.contains("not added") && result.stderr.lowercased().contains("no space"), "\(result.stderr)")
    #expect(!result.stderr.contains("kept in memory"))
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
  }

  @Test func emptyPathsAndQuotesAreRefusedNotTakenAsTheCurrentFolder() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let scratch = library.appendingPathComponent("cwd")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    #expect(try add(library, "United States").status == 0)
    let export = try run(gloss, ["export", "--library", library.path, "--output", ""], currentDirectory: scratch)
    #expect(export.status != 0 && export.stderr.contains("--output is empty"), "\(export.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    let store = try run(gloss, ["annotations", "--library", library.path, "--store", ""])
    #expect(store.status != 0 && store.stderr.contains("--store is empty"), "\(store.stderr)")
    let quote = try run(gloss, ["add", "--library", library.path, "--article", "why", "--quote", ""])
    #expect(quote.status != 0 && quote.stderr.contains("--quote is empty"), "\(quote.stderr)")
  }

  @Test func importReadsFromAPipe() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    #expect(try add(library, "United States").status == 0)
    let exported = try run(gloss, ["export", "--library", library.path, "--format", "json"])
    let file = library.appendingPathComponent("e.json")
    try Data(exported.stdout.utf8).write(to: file)
    try FileManager.default.removeItem(at: library.appendingPathComponent(".gloss"))
    let script = "cat \(shellQuote(file.path)) | \(shellQuote(gloss)) import --library \(shellQuote(library.path)) -"
    let piped = try run("/bin/sh", ["-c", script])
    #expect(piped.status == 0, "\(piped.stderr)")
    #expect(piped.stdout.contains("1 added"), "\(piped.stdout)")
  }
}

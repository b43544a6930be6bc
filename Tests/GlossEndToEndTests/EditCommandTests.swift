import Foundation
import Testing

/// `gloss edit`, `gloss delete`, `--version`, values that start with '-', and `search`'s exit
/// status: the real binary.
@Suite struct EditCommandTests {
  /// An annotations file written by hand: ids `0000000N-0000-4000-8000-000000000000`, and a
  /// field no version of Gloss knows, which every write must keep.
  func handWrittenStore(_ numbers: [Int]) throws -> (folder: URL, store: URL) {
    let folder = try makeLibrary(files: ["a.txt": "A title\n\nSome words here.\n"])
    let records = numbers.map { n in
      """
      {"id": "\(id(n))", "article": "a.txt", "start": \(n), "end": \(n + 4), "quote": "word \(n)",
       "prefix": "", "suffix": "", "color": "yellow", "tags": ["West"], "note": "",
       "created": "2026-11-22T10:00:00Z", "modified": "2026-11-22T10:00:00Z", "anchor": "exact",
       "x-sync": {"device": "laptop"}}
      """
    }
    let text =
      #"{"version": 1, "deleted": [], "x-top": [1, 2], "annotations": ["#
      + records.joined(separator: ",\n") + "]}\n"
    let store = folder.appendingPathComponent("notes.json")
    try Data(text.utf8).write(to: store)
    return (folder, store)
  }

  func id(_ n: Int) -> String { String(format: "%08X-0000-4000-8000-000000000000", n) }

  func records(_ store: URL) throws -> [[String: Any]] {
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: store)) as? [String: Any], "the store is a JSON object")
    return try #require(object["annotations"] as? [[String: Any]])
  }

  @Test func editChangesNoteTagsAndColourAndKeepsUnknownFields() throws {
    let (folder, store) = try handWrittenStore([1, 2])
    defer { try? FileManager.default.removeItem(at: folder) }
    let r = try runGloss([
      "edit", "--store", store.path, "00000001", "--note", "-5% off", "--tag", "-draft", "--tag", "Ἱστορία",
      "--remove-tag", "west", "--color", "PINK", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let printed = try #require(try json(r.stdout).first)
    #expect(printed["note"] as? String == "-5% off")
    #expect(printed["tags"] as? [String] == ["-draft", "Ἱστορία"])
    #expect(printed["color"] as? String == "pink")
    let saved = try #require(try records(store).first { $0["id"] as? String == id(1) })
    #expect(saved["note"] as? String == "-5% off")
    #expect(saved["tags"] as? [String] == ["-draft", "Ἱστορία"])
    #expect(saved["modified"] as? String != "2026-11-22T10:00:00Z")
    #expect((saved["x-sync"] as? [String: String]) == ["device": "laptop"], "unknown fields are kept")
    let other = try #require(try records(store).first { $0["id"] as? String == id(2) })
    #expect(other["note"] as? String == "" && other["tags"] as? [String] == ["West"])
    let text = try String(contentsOf: store, encoding: .utf8)
    #expect(text.contains("\"x-top\" : ["), "unknown top-level fields are kept")

    let human = try runGloss(["edit", "--store", store.path, "00000002", "--note", "second\u{1B}[31m"])
    #expect(human.status == 0, "\(human.stderr)")
    #expect(human.stdout.hasPrefix("\(id(2))  a.txt  [yellow]  “word 2”  #West\n    note: second"))
    #expect(!human.stdout.contains("\u{1B}"), "untrusted text is made inert")
  }

  @Test func editRefusesBadColoursUnknownIdsAndNothingToDo() throws {
    let (folder, store) = try handWrittenStore([1, 2])
    defer { try? FileManager.default.removeItem(at: folder) }
    let before = try Data(contentsOf: store)
    let colour = try runGloss(["edit", "--store", store.path, "00000001", "--color", "mauve"])
    #expect(colour.status == 1)
    #expect(colour.stderr == "gloss: unknown colour 'mauve', expected one of: yellow, green, blue, pink, purple\n")
    let unknown = try runGloss(["edit", "--store", store.path, "FFFF", "--note", "x"])
    #expect(unknown.status == 1)
    #expect(
      unknown.stderr.contains("no annotation has the id 'FFFF'") && unknown.stderr.contains("nothing was changed"))
    let ambiguous = try runGloss(["edit", "--store", store.path, "0000000", "--note", "x"])
    #expect(ambiguous.status == 1)
    #expect(ambiguous.stderr.contains("'0000000' starts 2 annotations' ids"), "\(ambiguous.stderr)")
    let nothing = try runGloss(["edit", "--store", store.path, "00000001"])
    #expect(nothing.status == 1)
    #expect(nothing.stderr.contains("nothing to change"))
    #expect(try Data(contentsOf: store) == before, "nothing was written")
  }

  @Test func deleteTakesPrefixesInAnyCaseAndDeletesNothingWhenOneIsUnknown() throws {
    let (folder, store) = try handWrittenStore([1, 2, 3])
    defer { try? FileManager.default.removeItem(at: folder) }
    let before = try Data(contentsOf: store)
    let refused = try runGloss(["delete", "--store", store.path, "00000001", "nope"])
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains("no annotation has the id 'nope'") && refused.stderr.contains("nothing was deleted"))
    #expect(try Data(contentsOf: store) == before)

    let lower = id(1).lowercased()
    let deleted = try runGloss(["delete", "--store", store.path, String(lower.prefix(8)), id(3)])
    #expect(deleted.status == 0, "\(deleted.stderr)")
    #expect(
      deleted.stdout
        == "deleted \(id(1))  a.txt  [yellow]  “word 1”  #West\ndeleted \(id(3))  a.txt  [yellow]  “word 3”  #West\n")
    let left = try records(store)
    #expect(left.map { $0["id"] as? String } == [id(2)])
    #expect((left.first?["x-sync"] as? [String: String]) == ["device": "laptop"])
    let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: store)) as? [String: Any])
    let tombstones = try #require(file["deleted"] as? [[String: Any]])
    #expect(Set(tombstones.compactMap { $0["id"] as? String }) == [id(1), id(3)])
    #expect(FileManager.default.fileExists(atPath: store.path + ".bak"), "the previous file is kept, as for every save")
  }

  @Test func deleteNeverWritesOverAStoreItCannotRead() throws {
    let (folder, store) = try handWrittenStore([1])
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("{\"version\": 1, \"annotations\": [".utf8).write(to: store)
    let r = try runGloss(["delete", "--store", store.path, "00000001"])
    #expect(r.status == 1)
    #expect(r.stderr.contains(store.path))
    #expect(try String(contentsOf: store, encoding: .utf8) == "{\"version\": 1, \"annotations\": [")
    let fifo = folder.appendingPathComponent("fifo.json")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    let onFIFO = try runGloss(["edit", "--store", fifo.path, "00000001", "--note", "x"])
    #expect(onFIFO.status == 1)
    #expect(onFIFO.stderr.contains("not a regular file"), "\(onFIFO.stderr)")
  }

  @Test func versionIsPrinted() throws {
    let r = try runGloss(["--version"])
    #expect(r.status == 0)
    #expect(r.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(r.stdout)")
  }

  @Test func freeTextValuesMayStartWithADash() throws {
    let library = try makeLibrary(files: ["a.txt": "Dashes\n\nSome text -- dash here, and -foo too.\n"])
    defer { try? FileManager.default.removeItem(at: library) }
    let added = try runGloss([
      "add", "--library", library.path, "--article", "a.txt", "--quote", "-- dash", "--note", "-5%", "--tag", "-x",
    ])
    #expect(added.status == 0, "\(added.stderr)")
    let listed = try #require(try json(runGloss(["annotations", "--json", "--library", library.path]).stdout).first)
    #expect(listed["quote"] as? String == "-- dash")
    #expect(listed["note"] as? String == "-5%")
    #expect(listed["tags"] as? [String] == ["-x"])
    let search = try runGloss(["search", "--library", library.path, "--", "-foo"])
    #expect(search.status == 0, "\(search.stderr)")
    #expect(search.stdout.contains("-foo too"))
  }

  @Test func searchExitStatusIsTheSameWithAndWithoutJSON() throws {
    let library = try makeLibrary(files: ["a.txt": "Title\n\nSome words.\n"])
    defer { try? FileManager.default.removeItem(at: library) }
    for asJSON in [false, true] {
      let flag = asJSON ? ["--json"] : []
      let hit = try runGloss(["search", "words", "--library", library.path] + flag)
      #expect(hit.status == 0, "\(hit.stderr)")
      let none = try runGloss(["search", "zebra", "--library", library.path] + flag)
      #expect(none.status == 1)
      #expect(none.stderr == "gloss: no matches for 'zebra'\n")
      if asJSON { #expect(try json(none.stdout).isEmpty, "--json prints an empty array") }
      let broken = try runGloss(
        ["search", "words", "--library", library.appendingPathComponent("missing").path] + flag)
      #expect(broken.status == 2)
      #expect(broken.stderr.hasPrefix("gloss: "))
    }
  }
}

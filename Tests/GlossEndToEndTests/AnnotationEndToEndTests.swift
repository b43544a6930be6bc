import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The annotation JSON a store file holds.
func storedAnnotations(_ library: URL) throws -> [[String: Any]] {
  let data = try Data(contentsOf: library.appendingPathComponent(".gloss/annotations.json"))
  let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  return try #require(object["annotations"] as? [[String: Any]])
}

/// Highlighting, tagging and noting in the real reader, in tmux.
@Suite(.serialized, .enabled(if: endToEndEnabled, "tmux is not installed"))
struct AnnotationEndToEndTests {
  @Test func selectHighlightTagWithCompletionNoteAndSeeItAgain() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    // A tag already in the library, for completion.
    let gloss = try #require(glossBinary).path
    let added = try run(gloss, ["add", "--library", library.path, "--article", "stay away", "--quote", "reckless driving", "--tag", "diplomacy"])
    #expect(added.status == 0, "\(added.stderr)")
    do {
      let t = try TmuxSession(arguments: ["why the u.s."], library: library)
      try t.waitFor("Why the U.S. Must Not Support")
      // Cursor to "Eldar Mamedov warns…", select three words, highlight.
      try t.keys("}", "}")
      try t.keys("v", "w", "w", "h")
      try t.waitFor("highlighted 3 words")
      try t.keys("t")
      try t.waitFor("tags:")
      try t.type("dip")
      try t.keys("Tab")
      try t.waitFor("tags: diplomacy")
      try t.type(", Armenia")
      try t.keys("Enter")
      try t.waitFor("tagged #diplomacy #Armenia")
      try t.keys("a")
      try t.type("Mamedov is the source")
      try t.keys("Enter")
      try t.waitFor("note saved")
      try t.keys("4")
      try t.waitFor("colour set to pink")
      try t.keys("q")
      try t.waitForExit(0)
    }
    let stored = try storedAnnotations(library)
    let mine = try #require(stored.first { ($0["quote"] as? String) == "Eldar Mamedov warns" })
    #expect(mine["tags"] as? [String] == ["diplomacy", "Armenia"])
    #expect(mine["note"] as? String == "Mamedov is the source")
    #expect(mine["color"] as? String == "pink")
    // Reopen: the highlight is drawn in its colour (pink falls back to red on 8 colours: 41m).
    let t = try TmuxSession(arguments: ["why the u.s."], library: library)
    let screen = try t.waitFor("the highlight", colors: true) { $0.contains("Mamedov") }
    let line = screen.split(separator: "\n").first { $0.contains("Mamedov") }.map(String.init) ?? ""
    #expect(line.contains("41m") || line.contains("48;5;218m"), "no pink background in \(line.debugDescription)")
    try t.keys("A")
    let list = try t.waitFor("Annotations (1)")
    #expect(list.contains("#diplomacy #Armenia"))
    try t.keys("q")
    try t.waitForExit(0)
  }

  @Test func editedArticleIsReanchoredAndDeletedPassageOrphaned() throws {
    let original = "A Headline Worth Keeping\n\nThe first paragraph is about the weather.\n\nThe passage everyone remembers is this one, about the treaty signed in spring.\n\nA closing paragraph.\n"
    let library = try makeLibrary(files: ["story.txt": original])
    defer { try? FileManager.default.removeItem(at: library) }
    let gloss = try #require(glossBinary).path
    #expect(try run(gloss, ["add", "--library", library.path, "--article", "story", "--quote", "the treaty signed in spring", "--color", "green"]).status == 0)
    #expect(try run(gloss, ["add", "--library", library.path, "--article", "story", "--quote", "about the weather"]).status == 0)
    // Edit: text inserted before, and the weather sentence deleted.
    let edited = "A Headline Worth Keeping\n\nA new opening paragraph was added by the editor.\n\nThe first paragraph was rewritten entirely.\n\nThe passage everyone remembers is this one, about the treaty signed in spring.\n\nA closing paragraph.\n"
    try Data(edited.utf8).write(to: library.appendingPathComponent("story.txt"))
    let t = try TmuxSession(arguments: ["story"], library: library)
    let screen = try t.waitFor("the re-anchored highlight", colors: true) { $0.contains("treaty") && $0.contains("orphaned") }
    let line = screen.split(separator: "\n").first { $0.contains("treaty") }.map(String.init) ?? ""
    #expect(line.contains("42m"), "green highlight moved with its text: \(line.debugDescription)")
    try t.keys("A")
    let list = try t.waitFor("Orphaned")
    #expect(list.contains("about the weather"))
    try t.keys("q")
    try t.waitForExit(0)
    let stored = try storedAnnotations(library)
    #expect(stored.count == 2, "nothing is dropped")
    #expect(Set(stored.compactMap { $0["anchor"] as? String }) == ["relocated", "orphaned"])
  }

  @Test func corruptStoreLetsYouReadButNotAnnotate() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    try FileManager.default.createDirectory(at: library.appendingPathComponent(".gloss"), withIntermediateDirectories: true)
    let corrupt = "{ \"version\": 1, \"annotations\": [ oops"
    try Data(corrupt.utf8).write(to: library.appendingPathComponent(".gloss/annotations.json"))
    let t = try TmuxSession(arguments: ["why the u.s."], library: library)
    try t.waitFor("annotations are read-only")
    try t.keys("}", "h")
    try t.waitFor("annotations are read-only")
    try t.keys("q")
    try t.waitForExit(0)
    #expect(try String(contentsOf: library.appendingPathComponent(".gloss/annotations.json"), encoding: .utf8) == corrupt)
    let listed = try run(try #require(glossBinary).path, ["annotations", "--library", library.path])
    #expect(listed.status != 0)
    #expect(listed.stderr.contains("annotations.json: invalid JSON at line 1, column 34"), "\(listed.stderr)")
  }
}

/// The annotation commands for scripting, and the store under stress.
@Suite(.enabled(if: glossBinary != nil || runningInCI, "gloss binary not found"))
struct AnnotationCommandLineTests {
  var gloss: String { glossBinary!.path }

  @Test func addListAndTagsAsJSON() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let added = try run(gloss, ["add", "--library", library.path, "--article", "Nagorno", "--quote", "International   inaction", "--occurrence", "2", "--color", "blue", "--tag", "West", "--tag", "west", "--tag", "Ἱστορία", "--note", "second time"])
    #expect(added.status == 0, "\(added.stderr)")
    #expect(added.stdout.hasPrefix("added "))
    let listed = try run(gloss, ["annotations", "--json", "--library", library.path, "--tag", "WEST"])
    let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    #expect(items.count == 1)
    let a = items[0]
    #expect(a["article"] as? String == "west-moral-responsibility-peace-in-nagorno-karabakh.txt")
    #expect(a["quote"] as? String == "International inaction")
    #expect(a["tags"] as? [String] == ["West", "Ἱστορία"])
    #expect(a["color"] as? String == "blue")
    #expect(a["note"] as? String == "second time")
    #expect(a["anchor"] as? String == "exact")
    for key in ["id", "prefix", "suffix", "start", "end", "created", "modified"] { #expect(a[key] != nil, "\(key) missing") }
    let tags = try run(gloss, ["tags", "--json", "--library", library.path])
    let tagItems = try #require(try JSONSerialization.jsonObject(with: Data(tags.stdout.utf8)) as? [[String: Any]])
    #expect(tagItems.map { $0["tag"] as? String } == ["West", "Ἱστορία"])
    let human = try run(gloss, ["annotations", "--library", library.path])
    #expect(human.stdout.contains("“International inaction”  #West #Ἱστορία"))
  }

  @Test func storeOptionOverridesTheDefaultStore() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let store = library.appendingPathComponent("elsewhere/my-annotations.json")
    let added = try run(gloss, ["add", "--library", library.path, "--store", store.path, "--article", "Nagorno", "--quote", "Azerbaijan"])
    #expect(added.status == 0, "\(added.stderr)")
    #expect(FileManager.default.fileExists(atPath: store.path))
    #expect(!FileManager.default.fileExists(atPath: library.appendingPathComponent(".gloss/annotations.json").path))
    let listed = try run(gloss, ["annotations", "--library", library.path, "--store", store.path])
    #expect(listed.stdout.contains("“Azerbaijan”"))
  }

  @Test func addReportsQuotesThatAreNotThere() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let missing = try run(gloss, ["add", "--library", library.path, "--article", "Nagorno", "--quote", "no such words at all"])
    #expect(missing.status != 0)
    #expect(missing.stderr.hasPrefix("gloss: the quote is not in west-moral-responsibility-peace-in-nagorno-karabakh.txt"))
    let tooMany = try run(gloss, ["add", "--library", library.path, "--article", "Nagorno", "--quote", "International inaction", "--occurrence", "9"])
    #expect(tooMany.stderr.contains("occurs 2 times"))
    #expect(!FileManager.default.fileExists(atPath: library.appendingPathComponent(".gloss/annotations.json").path))
  }

  @Test func concurrentWritersLoseNothing() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let perWriter = 15
    let script = "for i in $(seq \(perWriter)); do \(shellQuote(gloss)) add --library \(shellQuote(library.path)) --article Nagorno --quote Azerbaijan --occurrence $i >/dev/null || exit 1; done"
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
}

import Foundation
import Testing

/// Runs the built `gloss` with a clean environment (no user keymap, no GLOSS_LIBRARY unless
/// given): `environment` adds to or replaces PATH, LANG, HOME and XDG_CONFIG_HOME.
func runGloss(
  _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> CommandResult {
  let binary = try #require(
    glossBinary, "the gloss binary was not built next to the tests", sourceLocation: sourceLocation)
  let home = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-home-none")
  var env = [
    "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": home.path,
    "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path,
  ]
  env.merge(environment) { $1 }
  return try run(binary.path, arguments, environment: env, currentDirectory: currentDirectory)
}

func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
  try #require(
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "not a JSON array: \(text)",
    sourceLocation: sourceLocation)
}

/// The command line: the real binary, run to completion without a terminal.
@Suite struct CLITests {
  let bundled = bundledArticles.path

  // MARK: - Listing and opening

  @Test func listPrintsFileTitleAndWords() throws {
    let result = try runGloss(["list", "--library", bundled])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 5)
    let line = try #require(lines.first { $0.hasPrefix("why-the-us-must-not-support-azerbaijans-war.txt") })
    #expect(line.contains("Why the U.S. Must Not Support Azerbaijan’s War"))
    #expect(line.contains("(892 words)"))
  }

  @Test func listJSON() throws {
    let result = try runGloss(["list", "--json"], environment: ["GLOSS_LIBRARY": bundled])
    #expect(result.status == 0, "\(result.stderr)")
    let items = try json(result.stdout)
    #expect(items.count == 5)
    let item = try #require(
      items.first { ($0["path"] as? String) == "us-should-stay-away-from-azerbaijan-iran-tensions.txt" })
    #expect(item["title"] as? String == "The US should stay away from Azerbaijan-Iran tensions")
    #expect(item["words"] as? Int == 1564)
  }

  @Test func defaultLibraryIsArticlesInTheCurrentFolder() throws {
    let result = try runGloss(["list"], currentDirectory: repositoryRoot)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.split(separator: "\n").count == 5)
    #expect(result.stdout.contains("why-the-us-must-not-support-azerbaijans-war.txt"))
  }

  @Test func missingLibraryIsOneClearLine() throws {
    let result = try runGloss(["list", "--library", "/no/such/library"])
    #expect(result.status != 0)
    #expect(result.stderr == "gloss: no such library: /no/such/library (give --library DIR or set GLOSS_LIBRARY)\n")
    #expect(result.stdout.isEmpty)
  }

  @Test func ambiguousArticleIsOneClearLine() throws {
    let result = try runGloss(["Azerbaijan", "--library", bundled])
    #expect(result.status != 0)
    #expect(result.stderr.hasPrefix("gloss: 'Azerbaijan' matches"), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stdout.isEmpty, "the terminal was not touched")
  }

  @Test func badKeymapLineIsReportedBeforeTheTerminalIsTouched() throws {
    let dir = try makeLibrary(files: ["a.txt": "Some Headline Words\n\nBody."])
    defer { try? FileManager.default.removeItem(at: dir) }
    let conf = dir.appendingPathComponent("bad.conf")
    try Data("# mine\nbind reader j lin-down\n".utf8).write(to: conf)
    let result = try runGloss(["--keymap", conf.path, "--library", dir.path])
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "gloss: \(conf.path):2: unknown command 'lin-down' (did you mean 'line-down'?), expected one of the commands listed by 'gloss --help' and in keymap.conf\n"
    )
    #expect(result.stdout.isEmpty)
  }

  @Test func userKeymapFromXDGConfigHomeIsRead() throws {
    let dir = try makeLibrary(files: ["a.txt": "Some Headline Words\n\nBody."])
    defer { try? FileManager.default.removeItem(at: dir) }
    let conf = dir.appendingPathComponent("xdg/gloss/keymap.conf")
    try FileManager.default.createDirectory(at: conf.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("bind reader j nonsense\n".utf8).write(to: conf)
    let result = try runGloss(
      ["--library", dir.path],
      environment: ["XDG_CONFIG_HOME": dir.appendingPathComponent("xdg").path, "HOME": dir.path])
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("gloss: \(conf.path):1: unknown command 'nonsense'"), "\(result.stderr)")
  }

  @Test func readSubcommandResolvesArticlesToo() throws {
    let result = try runGloss(["read", "volcanoes", "--library", bundled])
    #expect(result.status != 0)
    #expect(result.stderr.hasPrefix("gloss: no article matches 'volcanoes' in "), "\(result.stderr)")
  }

  @Test func readerWithoutATerminalSaysSo() throws {
    let result = try runGloss(["--library", bundled])
    #expect(result.status != 0)
    #expect(result.stderr.hasPrefix("gloss: "), "\(result.stderr)")
    #expect(result.stderr.contains("gloss list"), "\(result.stderr)")
    #expect(result.stdout.isEmpty, "nothing drawn on a file")
  }

  // MARK: - Annotations

  @Test func addListAndTagsAsJSON() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let added = try runGloss([
      "add", "--library", library.path, "--article", "Nagorno", "--quote", "International   inaction",
      "--occurrence", "2", "--color", "blue", "--tag", "West", "--tag", "west", "--tag", "Ἱστορία", "--note",
      "second time",
    ])
    #expect(added.status == 0, "\(added.stderr)")
    #expect(added.stdout.hasPrefix("added "))
    let listed = try runGloss(["annotations", "--json", "--library", library.path, "--tag", "WEST"])
    #expect(listed.status == 0, "\(listed.stderr)")
    let items = try json(listed.stdout)
    #expect(items.count == 1)
    let a = try #require(items.first)
    #expect(a["article"] as? String == "west-moral-responsibility-peace-in-nagorno-karabakh.txt")
    #expect(a["quote"] as? String == "International inaction")
    #expect(a["tags"] as? [String] == ["West", "Ἱστορία"])
    #expect(a["color"] as? String == "blue")
    #expect(a["note"] as? String == "second time")
    #expect(a["anchor"] as? String == "exact")
    #expect(added.stdout == "added \(a["id"] as? String ?? "?")\n", "add prints the new id")
    for key in ["id", "prefix", "suffix", "start", "end", "created", "modified"] {
      #expect(a[key] != nil, "\(key) missing")
    }
    let second = try #require(a["start"] as? Int)
    let hits = try runGloss(["search", "--json", "International inaction", "--library", library.path])
    let first = try json(hits.stdout).filter { $0["article"] as? String == a["article"] as? String }
      .compactMap { $0["start"] as? Int }.min()
    #expect(first.map { $0 < second } == true, "--occurrence 2 took the second one")
    let tags = try runGloss(["tags", "--json", "--library", library.path])
    #expect(tags.status == 0, "\(tags.stderr)")
    #expect(try json(tags.stdout).map { $0["tag"] as? String } == ["West", "Ἱστορία"])
    let human = try runGloss(["annotations", "--library", library.path])
    #expect(human.stdout.contains("“International inaction”  #West #Ἱστορία"), "\(human.stdout)")
  }

  @Test func storeOptionOverridesTheDefaultStore() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let store = library.appendingPathComponent("elsewhere/my-annotations.json")
    let added = try runGloss([
      "add", "--library", library.path, "--store", store.path, "--article", "Nagorno", "--quote", "Azerbaijan",
    ])
    #expect(added.status == 0, "\(added.stderr)")
    #expect(FileManager.default.fileExists(atPath: store.path))
    #expect(!FileManager.default.fileExists(atPath: library.appendingPathComponent(".gloss/annotations.json").path))
    let listed = try runGloss(["annotations", "--library", library.path, "--store", store.path])
    #expect(listed.stdout.contains("“Azerbaijan”"), "\(listed.stdout)")
    let defaultStore = try runGloss(["annotations", "--library", library.path])
    #expect(!defaultStore.stdout.contains("“Azerbaijan”"), "the default store holds nothing")
  }

  @Test func addReportsQuotesThatAreNotThere() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let missing = try runGloss([
      "add", "--library", library.path, "--article", "Nagorno", "--quote", "no such words at all",
    ])
    #expect(missing.status != 0)
    #expect(
      missing.stderr.hasPrefix("gloss: the quote is not in west-moral-responsibility-peace-in-nagorno-karabakh.txt"))
    let tooMany = try runGloss([
      "add", "--library", library.path, "--article", "Nagorno", "--quote", "International inaction", "--occurrence",
      "9",
    ])
    #expect(tooMany.status != 0)
    #expect(tooMany.stderr.contains("occurs 2 times"), "\(tooMany.stderr)")
    #expect(!FileManager.default.fileExists(atPath: library.appendingPathComponent(".gloss/annotations.json").path))
  }

  @Test func annotationsOnACorruptStoreSayWhereItIsBroken() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let store = library.appendingPathComponent(".gloss/annotations.json")
    try FileManager.default.createDirectory(at: store.deletingLastPathComponent(), withIntermediateDirectories: true)
    let corrupt = Data("{ \"version\": 1, \"annotations\": [ oops".utf8)
    try corrupt.write(to: store)
    let listed = try runGloss(["annotations", "--library", library.path])
    #expect(listed.status != 0)
    #expect(listed.stderr.contains("annotations.json: invalid JSON at line 1, column 34"), "\(listed.stderr)")
    let added = try runGloss(["add", "--library", library.path, "--article", "Nagorno", "--quote", "Azerbaijan"])
    #expect(added.status != 0, "a store that cannot be read is not overwritten")
    #expect(try Data(contentsOf: store) == corrupt)
  }

  /// Control characters and bidi overrides in a file name, a title, a tag and a note never
  /// reach the terminal through the commands' output either.
  @Test func hostileNamesTitlesTagsAndNotesAreInertInTheOutput() throws {
    let evil = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}"
    let name = "evil\u{1B}[31mname.txt"
    let library = try makeLibrary(files: [name: "Title \(evil) Here Now\n\nBody text with a passage to tag.\n"])
    defer { try? FileManager.default.removeItem(at: library) }
    let added = try runGloss([
      "add", "--library", library.path, "--article", name, "--quote", "a passage", "--tag", "tag\(evil)", "--note",
      "note \(evil) end",
    ])
    #expect(added.status == 0, "\(added.stderr)")
    let listed = try runGloss(["annotations", "--library", library.path])
    #expect(listed.status == 0, "\(listed.stderr)")
    #expect(listed.stdout.contains("“a passage”"), "\(listed.stdout)")
    let list = try runGloss(["list", "--library", library.path])
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("Here Now"), "\(list.stdout)")
    for output in [listed.stdout, listed.stderr, list.stdout, list.stderr, added.stdout] {
      #expect(
        !output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" || $0 == "\u{202E}" })
    }
  }

  // MARK: - Export and import

  func libraryWithAnnotations() throws -> URL {
    let library = try makeLibrary()
    for (article, quote, tag) in [
      ("Nagorno", "International inaction", "West"), ("stay away", "reckless driving", "diplomacy"),
      ("why the u.s.", "Lyon, France", "Europe"),
    ] {
      let r = try runGloss([
        "add", "--library", library.path, "--article", article, "--quote", quote, "--tag", tag, "--color", "green",
      ])
      #expect(r.status == 0, "\(r.stderr)")
    }
    return library
  }

  @Test func markdownToStdoutIsDeterministicWithoutTimestamp() throws {
    let library = try libraryWithAnnotations()
    defer { try? FileManager.default.removeItem(at: library) }
    let a = try runGloss(["export", "--library", library.path, "--no-timestamp"])
    let b = try runGloss(["export", "--library", library.path, "--no-timestamp"])
    #expect(a.status == 0, "\(a.stderr)")
    #expect(a.stdout == b.stdout)
    #expect(!a.stdout.contains("exported:"))
    #expect(a.stdout.components(separatedBy: "title: ").count == 4, "one document per article")
    for quote in ["> International inaction", "> reckless driving", "> Lyon, France"] {
      #expect(a.stdout.contains(quote))
    }
    let stamped = try runGloss(["export", "--library", library.path, "--tag", "west"])
    #expect(stamped.status == 0, "\(stamped.stderr)")
    #expect(stamped.stdout.contains("exported: \""))
    #expect(stamped.stdout.contains("> International inaction"))
    #expect(!stamped.stdout.contains("reckless"))
  }

  @Test func markdownIntoAFolderWritesOneFilePerArticle() throws {
    let library = try libraryWithAnnotations()
    defer { try? FileManager.default.removeItem(at: library) }
    let out = library.appendingPathComponent("out")
    let r = try runGloss(["export", "--library", library.path, "--output", out.path + "/"])
    #expect(r.status == 0, "\(r.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(
      files == [
        "us-should-stay-away-from-azerbaijan-iran-tensions.md",
        "west-moral-responsibility-peace-in-nagorno-karabakh.md",
        "why-the-us-must-not-support-azerbaijans-war.md",
      ])
    let one = try String(
      contentsOf: out.appendingPathComponent("why-the-us-must-not-support-azerbaijans-war.md"), encoding: .utf8)
    #expect(one.contains("> Lyon, France"))
    #expect(!one.contains("reckless"), "each file holds its own article's annotations")
  }

  @Test(arguments: ["json", "w3c"])
  func exportRoundTripsIntoAnEmptyStore(format: String) throws {
    let library = try libraryWithAnnotations()
    defer { try? FileManager.default.removeItem(at: library) }
    let file = library.appendingPathComponent("export.\(format)")
    let exported = try runGloss(["export", "--library", library.path, "--format", format, "--output", file.path])
    #expect(exported.status == 0, "\(exported.stderr)")
    let store = library.appendingPathComponent("fresh-\(format).json")
    let imported = try runGloss(["import", file.path, "--library", library.path, "--store", store.path])
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(imported.stdout == "imported \(file.path): 3 added, 0 updated, 0 unchanged, 0 orphaned\n")
    let again = try runGloss(["import", file.path, "--library", library.path, "--store", store.path])
    #expect(again.stdout.hasSuffix("0 added, 0 updated, 3 unchanged, 0 orphaned\n"), "\(again.stdout)")
    let original = try runGloss(["annotations", "--json", "--library", library.path]).stdout
    let copy = try runGloss(["annotations", "--json", "--library", library.path, "--store", store.path]).stdout
    #expect(try json(original).count == 3)
    #expect(original == copy, "\(format) round trip")
  }

  @Test func malformedImportLeavesTheStoreAlone() throws {
    let library = try libraryWithAnnotations()
    defer { try? FileManager.default.removeItem(at: library) }
    let storeFile = library.appendingPathComponent(".gloss/annotations.json")
    let before = try Data(contentsOf: storeFile)
    let bad = library.appendingPathComponent("bad.json")
    try Data("{\"items\": [{\"target\": \"essay.txt\"}]}".utf8).write(to: bad)
    let r = try runGloss(["import", bad.path, "--library", library.path])
    #expect(r.status != 0)
    #expect(
      r.stderr.contains("no target with a TextQuoteSelector or TextPositionSelector; nothing was imported"),
      "\(r.stderr)")
    #expect(try Data(contentsOf: storeFile) == before)
  }

  // MARK: - Search

  @Test func searchJSONFindsCurlyWithStraightQuotes() throws {
    let r = try runGloss(["search", "--json", "Azerbaijan's war", "--library", bundled])
    #expect(r.status == 0, "\(r.stderr)")
    let hits = try json(r.stdout)
    let hit = try #require(hits.first)
    #expect(hit["article"] as? String == "why-the-us-must-not-support-azerbaijans-war.txt")
    #expect(hit["kind"] as? String == "text")
    #expect((hit["context"] as? String)?.contains("Azerbaijan’s War") == true)
    for key in ["title", "start", "end"] { #expect(hit[key] != nil, "\(key) missing") }
    let none = try runGloss(["search", "zebra crossing", "--library", bundled])
    #expect(none.status == 1)
    #expect(none.stderr == "gloss: no matches for 'zebra crossing'\n")
  }

  /// libxml2 is opened on first use, not linked: the binary starts without it, and a saved page
  /// says plainly why it cannot be shown when the library is missing.
  @Test func savedPagesNeedLibXML2OnlyWhenReadAndSaySoWithoutIt() throws {
    let binary = try #require(glossBinary)
    let library = try makeLibrary(files: [
      "page.html": "<html><head><title>Saved Page</title></head><body><p>Saved page text.</p></body></html>",
      "note.txt": "A Note\n\nPlain text.\n",
    ])
    defer { try? FileManager.default.removeItem(at: library) }
    let linked = try run("/usr/bin/ldd", [binary.path])
    #expect(linked.status == 0, "\(linked.stderr)")
    #expect(!linked.stdout.contains("libxml2"), "libxml2 is linked at start-up: \(linked.stdout)")
    let listed = try runGloss(["list", "--library", library.path])
    #expect(listed.status == 0 && listed.stdout.contains("Saved Page"), "\(listed.stdout)\(listed.stderr)")
    let without = try runGloss(
      ["search", "cannot be shown", "--library", library.path],
      environment: ["GLOSS_LIBXML2": "/nonexistent/libxml2.so.2"])
    #expect(without.status == 0, "\(without.stderr)")
    #expect(without.stdout.contains("page.html") && without.stdout.contains("libxml2"), "\(without.stdout)")
    let plain = try runGloss(
      ["list", "--library", library.path], environment: ["GLOSS_LIBXML2": "/nonexistent/libxml2.so.2"])
    #expect(plain.stdout.contains("A Note"), "plain text still reads: \(plain.stdout)")
  }
}

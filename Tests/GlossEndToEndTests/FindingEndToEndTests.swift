import Foundation
import Testing

@Suite(.serialized, .enabled(if: endToEndEnabled, "tmux is not installed"))
struct FindingEndToEndTests {
  @Test func markdownAndHTMLArticlesReadAndLibrarySearchOpensAtTheMatch() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    try Data("---\ntitle: Field Notes\n---\n\nA *formatted* note about the **Caucasus**.\n".utf8).write(to: library.appendingPathComponent("notes.md"))
    try Data("<html><head><title>Saved Page</title><script>alert(1)</script></head><body><nav>Menu Home</nav><p>Saved page text about Baku&rsquo;s oil.</p></body></html>".utf8)
      .write(to: library.appendingPathComponent("page.html"))
    let t = try TmuxSession(arguments: [], library: library)
    var screen = try t.waitFor("Articles (7)")
    #expect(screen.contains("Field Notes"))
    #expect(screen.contains("Saved Page"))
    // Library-wide search, with straight quotes finding curly ones.
    try t.keys("S")
    try t.waitFor("search library:")
    try t.type("baku's oil")
    try t.keys("Enter")
    screen = try t.waitFor("“baku's oil” (1)")
    try t.keys("Enter")
    screen = try t.waitFor("the saved page") { $0.contains("Saved page text about Baku’s oil.") && $0.contains("READ") }
    #expect(!screen.contains("alert") && !screen.contains("Menu Home"))
    // The list narrows as you type.
    try t.keys("Tab", "/")
    try t.type("field")
    screen = try t.waitFor("Articles (1/7) /field")
    try t.keys("Enter", "Enter")
    screen = try t.waitFor("A formatted note about the Caucasus.")
    #expect(!screen.contains("*formatted*"))
    try t.keys("q")
    try t.waitForExit(0)
  }

  /// A library larger than the first screen: the first screen comes from the first files;
  /// the others' titles arrive right after (filtering by a late file's title finds it).
  @Test func aLargeLibraryFillsInItsTitlesAfterTheFirstScreen() throws {
    let library = try makeLibrary(files: [:])
    defer { try? FileManager.default.removeItem(at: library) }
    for i in 0..<400 {
      try Data("Headline Number \(i) Of The Library\n\nBody text of article \(i).\n".utf8)
        .write(to: library.appendingPathComponent(String(format: "a%04d.txt", i)))
    }
    let t = try TmuxSession(arguments: [], library: library)
    try t.waitFor("Articles (400)")
    try t.keys("Tab", "/")
    try t.type("number 399 of")
    let screen = try t.waitFor("the late article's title, found by the filter") {
      $0.contains("Articles (1/400)") && $0.contains("Headline Number 399 Of")
    }
    #expect(!screen.contains("a0399"), "the title replaced the file name shown while it was being read")
    try t.keys("Enter", "Enter")
    try t.waitFor("Body text of article 399.")
    try t.keys("q")
    try t.waitForExit(0)
  }
}

@Suite(.enabled(if: glossBinary != nil || runningInCI, "gloss binary not found"))
struct SearchCommandLineTests {
  /// libxml2 is opened on first use, not linked: the binary starts without it, and a saved page
  /// says plainly why it cannot be shown when the library is missing.
  @Test func savedPagesNeedLibXML2OnlyWhenReadAndSaySoWithoutIt() throws {
    let gloss = try #require(glossBinary).path
    let library = try makeLibrary(files: [
      "page.html": "<html><head><title>Saved Page</title></head><body><p>Saved page text.</p></body></html>",
      "note.txt": "A Note\n\nPlain text.\n",
    ])
    defer { try? FileManager.default.removeItem(at: library) }
    let linked = try run("/usr/bin/ldd", [gloss]).stdout
    #expect(!linked.contains("libxml2"), "libxml2 is linked at start-up: \(linked)")
    let listed = try run(gloss, ["list", "--library", library.path])
    #expect(listed.status == 0 && listed.stdout.contains("Saved Page"), "\(listed.stdout)\(listed.stderr)")
    var environment = ProcessInfo.processInfo.environment
    environment["GLOSS_LIBXML2"] = "/nonexistent/libxml2.so.2"
    let without = try run(gloss, ["search", "cannot be shown", "--library", library.path], environment: environment)
    #expect(without.status == 0, "\(without.stderr)")
    #expect(without.stdout.contains("page.html") && without.stdout.contains("libxml2"), "\(without.stdout)")
    let plain = try run(gloss, ["list", "--library", library.path], environment: environment)
    #expect(plain.stdout.contains("A Note"), "plain text still reads: \(plain.stdout)")
  }

  @Test func searchJSONFindsCurlyWithStraightQuotes() throws {
    let gloss = try #require(glossBinary).path
    let r = try run(gloss, ["search", "--json", "Azerbaijan's war", "--library", repositoryRoot.appendingPathComponent("articles").path])
    #expect(r.status == 0, "\(r.stderr)")
    let hits = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    #expect(!hits.isEmpty)
    let hit = hits[0]
    #expect(hit["article"] as? String == "why-the-us-must-not-support-azerbaijans-war.txt")
    #expect(hit["kind"] as? String == "text")
    #expect((hit["context"] as? String)?.contains("Azerbaijan’s War") == true)
    for key in ["title", "start", "end"] { #expect(hit[key] != nil) }
    let none = try run(gloss, ["search", "zebra crossing", "--library", repositoryRoot.appendingPathComponent("articles").path])
    #expect(none.status == 1)
    #expect(none.stderr == "gloss: no matches for 'zebra crossing'\n")
  }
}

import Foundation
import Testing

@Suite(.serialized, .enabled(if: endToEndEnabled, "tmux is not installed"))
struct ExportEndToEndTests {
  @Test func exportKeyWritesTheFileAndSaysWhere() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let gloss = try #require(glossBinary).path
    #expect(try run(gloss, ["add", "--library", library.path, "--article", "why the u.s.", "--quote", "Lyon, France", "--tag", "Europe", "--note", "see *also* <this>"]).status == 0)
    let t = try TmuxSession(arguments: ["why the u.s."], library: library)
    try t.waitFor("Why the U.S. Must Not Support")
    try t.keys("E")
    let prompt = try t.waitFor("export to:")
    #expect(prompt.contains("exports/why-the-us-must-not-support-azerbaijans-war.md"))
    try t.keys("Enter")
    let expected = library.appendingPathComponent("exports/why-the-us-must-not-support-azerbaijans-war.md").path
    try t.waitFor("exported 1 annotation to")
    let written = try String(contentsOfFile: expected, encoding: .utf8)
    #expect(written.contains("> Lyon, France"))
    #expect(written.contains("see \\*also\\* \\<this\\>"))
    #expect(written.contains("#Europe"))
    try t.keys("q")
    try t.waitForExit(0)
  }
}

@Suite(.enabled(if: glossBinary != nil || runningInCI, "gloss binary not found"))
struct ExportCommandLineTests {
  var gloss: String { glossBinary!.path }

  func libraryWithAnnotations() throws -> URL {
    let library = try makeLibrary()
    for (article, quote, tag) in [("Nagorno", "International inaction", "West"), ("stay away", "reckless driving", "diplomacy"), ("why the u.s.", "Lyon, France", "Europe")] {
      let r = try run(gloss, ["add", "--library", library.path, "--article", article, "--quote", quote, "--tag", tag, "--color", "green"])
      #expect(r.status == 0, "\(r.stderr)")
    }
    return library
  }

  @Test func markdownToStdoutIsDeterministicWithoutTimestamp() throws {
    let library = try libraryWithAnnotations()
    defer { try? FileManager.default.removeItem(at: library) }
    let a = try run(gloss, ["export", "--library", library.path, "--no-timestamp"])
    let b = try run(gloss, ["export", "--library", library.path, "--no-timestamp"])
    #expect(a.status == 0)
    #expect(a.stdout == b.stdout)
    #expect(!a.stdout.contains("exported:"))
    #expect(a.stdout.components(separatedBy: "title: ").count == 4, "one document per article")
    let stamped = try run(gloss, ["export", "--library", library.path, "--tag", "west"])
    #expect(stamped.stdout.contains("exported: \""))
    #expect(stamped.stdout.contains("> International inaction"))
    #expect(!stamped.stdout.contains("reckless"))
  }

  @Test func markdownIntoAFolderWritesOneFilePerArticle() throws {
    let library = try libraryWithAnnotations()
    defer { try? FileManager.default.removeItem(at: library) }
    let out = library.appendingPathComponent("out/")
    let r = try run(gloss, ["export", "--library", library.path, "--output", out.path + "/"])
    #expect(r.status == 0, "\(r.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(files == ["us-should-stay-away-from-azerbaijan-iran-tensions.md", "west-moral-responsibility-peace-in-nagorno-karabakh.md", "why-the-us-must-not-support-azerbaijans-war.md"])
  }

  @Test func jsonAndW3CRoundTripIntoAnEmptyStore() throws {
    let library = try libraryWithAnnotations()
    defer { try? FileManager.default.removeItem(at: library) }
    for format in ["json", "w3c"] {
      let file = library.appendingPathComponent("export.\(format)")
      #expect(try run(gloss, ["export", "--library", library.path, "--format", format, "--output", file.path]).status == 0)
      let store = library.appendingPathComponent("fresh-\(format).json")
      let imported = try run(gloss, ["import", file.path, "--library", library.path, "--store", store.path])
      #expect(imported.status == 0, "\(imported.stderr)")
      #expect(imported.stdout == "imported \(file.path): 3 added, 0 updated, 0 unchanged, 0 orphaned\n")
      let again = try run(gloss, ["import", file.path, "--library", library.path, "--store", store.path])
      #expect(again.stdout.hasSuffix("0 added, 0 updated, 3 unchanged, 0 orphaned\n"))
      let original = try run(gloss, ["annotations", "--json", "--library", library.path]).stdout
      let copy = try run(gloss, ["annotations", "--json", "--library", library.path, "--store", store.path]).stdout
      #expect(original == copy, "\(format) round trip")
    }
  }

  @Test func malformedImportLeavesTheStoreAlone() throws {
    let library = try libraryWithAnnotations()
    defer { try? FileManager.default.removeItem(at: library) }
    let storeFile = library.appendingPathComponent(".gloss/annotations.json")
    let before = try Data(contentsOf: storeFile)
    let bad = library.appendingPathComponent("bad.json")
    try Data("{\"items\": [{\"target\": \"essay.txt\"}]}".utf8).write(to: bad)
    let r = try run(gloss, ["import", bad.path, "--library", library.path])
    #expect(r.status != 0)
    #expect(r.stderr.contains("no target with a TextQuoteSelector") && r.stderr.contains("nothing was imported"))
    #expect(try Data(contentsOf: storeFile) == before)
  }
}

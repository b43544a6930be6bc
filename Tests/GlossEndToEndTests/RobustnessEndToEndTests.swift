import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Terminal sizes, resize storms and escape-sequence injection through every way text gets
/// on screen: article text, file names, titles, tags and notes.
@Suite(.serialized, .enabled(if: endToEndEnabled, "tmux is not installed"))
struct RobustnessEndToEndTests {
  @Test func sizesFromOneByOneToHugeAndAResizeStormRecover() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: [], library: library)
    try t.waitFor("Articles (5)")
    for (w, h) in [(1, 1), (2, 2), (10, 3), (29, 5), (30, 6), (69, 20), (70, 20), (300, 100), (100, 30)] {
      try t.resize(width: w, height: h)
      Thread.sleep(forTimeInterval: 0.05)
    }
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<100 {
      try t.resize(width: Int.random(in: 1...300, using: &rng), height: Int.random(in: 1...100, using: &rng))
    }
    try t.resize(width: 100, height: 30)
    let screen = try t.waitFor("the screen recovered") { $0.contains("Articles (5)") && $0.contains("READ") }
    #expect(screen.contains("│"))
    try t.keys("q")
    try t.waitForExit(0)
  }

  @Test func hostileFileNamesTitlesTagsAndNotesAreInert() throws {
    let evil = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}"
    let name = "evil\u{1B}[31mname.txt"
    let library = try makeLibrary(files: [name: "Title \(evil) Here Now\n\nBody text with a passage to tag.\n"])
    defer { try? FileManager.default.removeItem(at: library) }
    let gloss = try #require(glossBinary).path
    let added = try run(gloss, ["add", "--library", library.path, "--article", name, "--quote", "a passage", "--tag", "tag\(evil)", "--note", "note \(evil) end"])
    #expect(added.status == 0, "\(added.stderr)")
    let listed = try run(gloss, ["annotations", "--library", library.path])
    #expect(!listed.stdout.contains("\u{1B}") && !listed.stdout.contains("\u{9B}") && !listed.stdout.contains("\u{202E}"))
    let list = try run(gloss, ["list", "--library", library.path])
    #expect(!list.stdout.contains("\u{1B}"))
    let t = try TmuxSession(arguments: [], library: library)
    try t.waitFor("Articles (1)")
    try t.keys("A")
    var screen = try t.waitFor("Annotations (1)")
    try t.keys("}", "]")
    screen = try t.waitFor("highlight 1 of 1")
    #expect(screen.contains("^[]0;pwned^G"), "the title's OSC sequence is shown, not obeyed")
    #expect(!(try t.paneTitle()).contains("pwned"))
    #expect(screen.contains("Articles") == false || screen.contains("Annotations (1)"), "the screen was not cleared")
    let raw = try t.capture(colors: true)
    #expect(!raw.contains("\u{9B}") && !raw.contains("\u{202E}"))
    try t.keys("q")
    try t.waitForExit(0)
  }
}

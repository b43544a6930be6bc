import Foundation
import Testing

/// The reader's side of a split screen (what is right of the separator), without the status line.
func readerPane(_ screen: String) -> String {
  screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2).map {
    $0.split(separator: "│", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
  }.joined(separator: "\n")
}

/// The real binary in a real terminal (tmux).
@Suite(.serialized, .enabled(if: endToEndEnabled, "tmux is not installed"))
struct ReaderEndToEndTests {
  @Test func opensTheBundledLibraryAndNavigates() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: [], library: library)
    var screen = try t.waitFor("Articles (5)")
    #expect(screen.contains("│"))
    #expect(screen.contains("READ  0%"))
    // The first article in the list is open; its first words are the title.
    #expect(screen.contains("As tensions subsided following weeks of saber-rattling"))
    try t.keys("Space")
    screen = try t.waitFor("a page further") { !$0.contains("READ  0%") }
    #expect(screen.range(of: #"READ  \d+%"#, options: .regularExpression) != nil)
    try t.keys("G")
    screen = try t.waitFor("READ  100%")
    try t.keys("g")
    screen = try t.waitFor("READ  0%")
    // Switch to the list, pick the last article, open it.
    try t.keys("Tab", "G", "Enter")
    screen = try t.waitFor("Why the U.S. Must Not Support Azerbaijan’s War")
    #expect(screen.contains("Politics Foreign Affairs Culture Fellows Program"))
    try t.keys("?")
    screen = try t.waitFor("the help overlay") { $0.contains("Gloss keys") && $0.contains("scroll down a page") }
    try t.keys("q")
    screen = try t.waitFor("help closed") { !$0.contains("Gloss keys") }
    try t.keys("q")
    screen = try t.waitForExit(0)
    #expect(terminalRestored(screen))
  }

  @Test func searchHighlightsMatchesAndNMoves() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: ["why the u.s."], library: library)
    try t.waitFor("Why the U.S. Must Not Support")
    try t.keys("/")
    try t.type("Lyon")
    try t.waitFor("/Lyon")
    try t.keys("Enter")
    try t.waitFor("the match highlighted") { $0.contains("Lyon") && !$0.contains("/Lyon") }
    let colored = try t.capture(colors: true)
    // The current match is drawn with a background colour (cyan: 46).
    let line = colored.split(separator: "\n").first { $0.contains("Lyon") }.map(String.init) ?? ""
    #expect(line.contains("46m"), "no highlight in: \(line.debugDescription)")
    try t.keys("/")
    try t.type("no such words anywhere")
    try t.keys("Enter")
    try t.waitFor("pattern not found: no such words anywhere")
    try t.keys("q")
    try t.waitForExit(0)
  }

  @Test func resizeRewrapsKeepsTheParagraphAndNarrowShowsOnePane() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: ["nagorno"], library: library)
    try t.waitFor("The West has a moral responsibility")
    for _ in 0..<12 { try t.keys("j") }
    try t.waitFor("scrolled") { !$0.contains("READ  0%") }
    let before = try t.settled()
    let topWords = readerPane(before).split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }!
      .split(separator: " ").prefix(3).joined(separator: " ")
    try t.resize(width: 60, height: 20)
    var screen = try t.waitFor("one pane") { !$0.contains("│") && $0.contains("READ") }
    // The paragraph that was at the top is still on screen.
    #expect(screen.contains(topWords), "'\(topWords)' lost after resize:\n\(screen)")
    try t.keys("Tab")
    screen = try t.waitFor("Articles (5)")
    #expect(screen.contains("LIST"))
    try t.keys("Tab")
    try t.waitFor("READ")
    try t.resize(width: 20, height: 5)
    screen = try t.waitFor("Terminal too small")
    try t.resize(width: 100, height: 30)
    screen = try t.waitFor("Articles (5)")
    #expect(screen.contains("│"))
    try t.keys("q")
    try t.waitForExit(0)
  }

  @Test func escapeSequencesInAnArticleAreShownNotObeyed() throws {
    let hostile = "An Article With Hostile Bytes\n\nBefore \u{1B}[2J after. Title \u{1B}]0;pwned\u{07} here. CSI \u{9B}2J and \u{202E}override.\n"
    let library = try makeLibrary(files: ["hostile.txt": hostile, "plain.txt": "A Plain Article Headline\n\nNothing odd."])
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: ["hostile"], library: library)
    let screen = try t.waitFor("Before ^[[2J after.")
    #expect(screen.contains("Title ^[]0;pwned^G here."))
    #expect(screen.contains("CSI <U+009B>2J and"))
    #expect(screen.contains("<U+202E>override."))
    #expect(screen.contains("Articles (2)"), "the screen was not cleared by the article")
    #expect(!(try t.paneTitle()).contains("pwned"))
    try t.keys("q")
    try t.waitForExit(0)
  }

  @Test func readingPositionIsRememberedAcrossRuns() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    var topLine = ""
    do {
      let t = try TmuxSession(arguments: ["stay away"], library: library)
      try t.waitFor("The US should stay away")
      try t.keys("Space", "Space", "j")
      try t.waitFor("scrolled") { !$0.contains("READ  0%") }
      topLine = readerPane(try t.settled())
      try t.keys("q")
      try t.waitForExit(0)
    }
    #expect(FileManager.default.fileExists(atPath: library.appendingPathComponent(".gloss/positions.json").path))
    let t = try TmuxSession(arguments: ["stay away"], library: library)
    try t.waitFor("the same place") { $0.contains("READ") && !$0.contains("READ  0%") }
    #expect(readerPane(try t.settled()) == topLine)
    try t.keys("q")
    try t.waitForExit(0)
  }

  @Test(arguments: [("C-c", 130), ("SIGTERM", 143), ("SIGHUP", 129), ("SIGSEGV", 139)])
  func signalsRestoreTheTerminal(how: String, status: Int) throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: [], library: library)
    try t.waitFor("Articles (5)")
    if how.hasPrefix("SIG") {
      let pid = try #require(try t.glossPID())
      kill(pid, ["SIGTERM": SIGTERM, "SIGHUP": SIGHUP, "SIGSEGV": SIGSEGV][how]!)
    } else {
      try t.keys(how)
    }
    let screen = try t.waitForExit(status)
    #expect(terminalRestored(screen))
    #expect(!screen.contains("Articles (5)"), "the reader's screen was left behind")
  }

  @Test func noColorUsesAttributesOnly() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: ["why the u.s."], library: library, environment: ["NO_COLOR": "1"])
    try t.waitFor("Why the U.S.")
    try t.keys("/")
    try t.type("Lyon")
    try t.keys("Enter")
    try t.waitFor("highlight") { $0.contains("Lyon") && !$0.contains("/Lyon") }
    let screen = try t.capture(colors: true)
    // SGR 30–37 / 40–47 set colours (39 and 49 only reset them to the default).
    let colourCode = #"\u{1B}\[([0-9;]*;)?[34][0-7](;[0-9;]*)?m"#
    #expect(screen.range(of: colourCode, options: .regularExpression) == nil, "colour codes with NO_COLOR")
    #expect(screen.contains("\u{1B}[7m") || screen.contains(";7m"), "matches are shown in reverse")
    try t.keys("q")
    try t.waitForExit(0)
  }

  @Test func nonUTF8LocaleStillDrawsUnicode() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: ["why the u.s."], library: library, environment: ["LANG": "C", "LC_ALL": "C"])
    let screen = try t.waitFor("Azerbaijan’s War")
    #expect(screen.contains("Why the U.S. Must Not Support Azerbaijan’s War"))
    try t.keys("q")
    try t.waitForExit(0)
  }
}

/// The command line, without a terminal.
@Suite(.enabled(if: glossBinary != nil || runningInCI, "gloss binary not found"))
struct CommandLineTests {
  var gloss: String { glossBinary!.path }

  @Test func listPrintsFileTitleAndWords() throws {
    let result = try run(gloss, ["list", "--library", repositoryRoot.appendingPathComponent("articles").path])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 5)
    #expect(lines.contains { $0.hasPrefix("why-the-us-must-not-support-azerbaijans-war.txt") && $0.contains("Why the U.S. Must Not Support Azerbaijan’s War") && $0.contains("(892 words)") })
  }

  @Test func listJSON() throws {
    let result = try run(gloss, ["list", "--json"], environment: ["GLOSS_LIBRARY": repositoryRoot.appendingPathComponent("articles").path])
    #expect(result.status == 0)
    let items = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(items.count == 5)
    let item = try #require(items.first { ($0["path"] as? String) == "us-should-stay-away-from-azerbaijan-iran-tensions.txt" })
    #expect(item["title"] as? String == "The US should stay away from Azerbaijan-Iran tensions")
    #expect(item["words"] as? Int == 1564)  // "Both\u{A0}sides" is two words
  }

  @Test func defaultLibraryIsArticlesInTheCurrentFolder() throws {
    let result = try run(gloss, ["list"], environment: ["PATH": "/usr/bin:/bin"], currentDirectory: repositoryRoot)
    #expect(result.status == 0)
    #expect(result.stdout.split(separator: "\n").count == 5)
  }

  @Test func missingLibraryIsOneClearLine() throws {
    let result = try run(gloss, ["list", "--library", "/no/such/library"])
    #expect(result.status != 0)
    #expect(result.stderr == "gloss: no such library: /no/such/library (give --library DIR or set GLOSS_LIBRARY)\n")
  }

  @Test func ambiguousArticleIsOneClearLine() throws {
    let result = try run(gloss, ["Azerbaijan", "--library", repositoryRoot.appendingPathComponent("articles").path])
    #expect(result.status != 0)
    #expect(result.stderr.hasPrefix("gloss: 'Azerbaijan' matches"))
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stdout.isEmpty, "the terminal was not touched")
  }

  @Test func badKeymapLineIsReportedBeforeTheTerminalIsTouched() throws {
    let dir = try makeLibrary(files: ["a.txt": "Some Headline Words\n\nBody."])
    defer { try? FileManager.default.removeItem(at: dir) }
    let conf = dir.appendingPathComponent("bad.conf")
    try Data("# mine\nbind reader j lin-down\n".utf8).write(to: conf)
    let result = try run(gloss, ["--keymap", conf.path, "--library", dir.path])
    #expect(result.status == 2)
    #expect(result.stderr == "gloss: \(conf.path):2: unknown command 'lin-down' (did you mean 'line-down'?), expected one of the commands listed by 'gloss --help' and in keymap.conf\n")
    #expect(result.stdout.isEmpty)
  }

  @Test func userKeymapFromXDGConfigHomeIsRead() throws {
    let dir = try makeLibrary(files: ["a.txt": "Some Headline Words\n\nBody."])
    defer { try? FileManager.default.removeItem(at: dir) }
    let conf = dir.appendingPathComponent("xdg/gloss/keymap.conf")
    try FileManager.default.createDirectory(at: conf.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("bind reader j nonsense\n".utf8).write(to: conf)
    let result = try run(gloss, ["--library", dir.path], environment: ["XDG_CONFIG_HOME": dir.appendingPathComponent("xdg").path, "HOME": dir.path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("keymap.conf:1: unknown command 'nonsense'"))
  }

  @Test func readSubcommandResolvesArticlesToo() throws {
    let result = try run(gloss, ["read", "volcanoes", "--library", repositoryRoot.appendingPathComponent("articles").path])
    #expect(result.status != 0)
    #expect(result.stderr.hasPrefix("gloss: no article matches 'volcanoes' in "))
  }

  @Test func readerWithoutATerminalSaysSo() throws {
    let result = try run(gloss, ["--library", repositoryRoot.appendingPathComponent("articles").path])
    #expect(result.status != 0)
    #expect(result.stderr.contains("gloss list"))
  }
}

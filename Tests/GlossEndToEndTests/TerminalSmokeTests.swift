import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What only a real terminal shows: signals, terminal modes, bracketed paste, flow control,
/// colour codes, tiny sizes and hostile names — the real binary in tmux, waiting on its frame
/// counter. Behaviour belongs in the in-memory terminal tests; keep this file small and fast.
@Suite(.serialized, .enabled(if: endToEndEnabled, "tmux is not installed"))
struct TerminalSmokeTests {
  /// The pane after gloss exited: cooked modes with flow control back, and none of the modes the
  /// reader turned on (alternate screen, mouse tracking, keypad, hidden cursor, bracketed paste).
  func expectRestored(_ t: TmuxSession, _ screen: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let modes = screen.replacingOccurrences(of: "\n", with: "")
    #expect(terminalRestored(screen), "stty: \(modes)", sourceLocation: sourceLocation)
    let flowControl = modes.contains(" ixon") && !modes.contains("-ixon")
    #expect(flowControl, "flow control not restored", sourceLocation: sourceLocation)
    let flags = try t.format(
      "alt=#{alternate_on} mouse=#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}#{mouse_sgr_flag} "
        + "keypad=#{keypad_flag}#{keypad_cursor_flag} cursor=#{cursor_flag}")
    #expect(flags == "alt=0 mouse=0000 keypad=00 cursor=1", sourceLocation: sourceLocation)
    // tmux has no format for bracketed paste: paste into the shell's echo and look for the marker.
    try t.paste("after-exit-paste")
    let echoed = try t.waitFor("the paste echoed by the shell", frames: false, sourceLocation: sourceLocation) {
      $0.contains("after-exit-paste")
    }
    #expect(!echoed.contains("[200~"), "bracketed paste left on", sourceLocation: sourceLocation)
  }

  /// Ctrl-C and Ctrl-\ (the real keys) and kill(2): the loop ends as for q — position saved — and
  /// the exit status says which signal. SIGSEGV and SIGABRT stand for the crash signals: the
  /// handler restores the terminal, then the default action ends the process.
  @Test(arguments: [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGALRM, SIGSEGV, SIGABRT])
  func signalsRestoreTheTerminal(signal: Int32) throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: ["why the u.s."], library: library)
    try t.waitFor("READ  0%")
    try t.keys("Space")
    try t.waitFor("a page on") { $0.contains("READ") && !$0.contains("READ  0%") }
    switch signal {
    case SIGINT: try t.keys("C-c")
    case SIGQUIT: try t.keys("C-\\")
    default: try t.signal(signal)
    }
    let screen = try t.waitForExit(128 + Int(signal))
    #expect(!screen.contains("Program crashed"), "Swift's backtracer took the screen")
    #expect(!screen.contains("READ"), "the reader's screen was left behind")
    try expectRestored(t, screen)
    if signal != SIGABRT && signal != SIGSEGV {
      let positions = library.appendingPathComponent(".gloss/positions.json")
      let saved = (try? String(contentsOf: positions, encoding: .utf8)) ?? ""
      #expect(saved.contains("why"), "the reading position was not saved: \(saved)")
    }
  }

  /// What is written to stderr while the reader is up (a Swift fatal error's message, say) is
  /// shown once the terminal is restored — after q and after a crash — not lost with the screen.
  @Test(arguments: [0, SIGSEGV])
  func stderrFromTheSessionIsShownAfterIt(signal: Int32) throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: [], library: library)
    try t.waitFor("Articles (5)")
    let pid = try #require(try t.glossPID())
    let message = "a message written during the session"
    try Data("\(message)\n".utf8).write(to: URL(fileURLWithPath: "/proc/\(pid)/fd/2"))
    if signal == 0 { try t.keys("q") } else { try t.signal(signal) }
    let screen = try t.waitForExit(signal == 0 ? 0 : 128 + Int(signal))
    #expect(screen.contains(message))
    #expect(!screen.contains("Articles (5)"))
  }

  /// The terminal goes away (its window closed) and no SIGHUP reaches gloss, because the shell
  /// in the pane traps it: gloss sees input end and quits instead of spinning on a dead terminal.
  @Test func aHangupWithoutSIGHUPEndsGloss() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: [], library: library, shellTraps: "INT TERM HUP QUIT")
    try t.waitFor("Articles (5)")
    let pid = try #require(try t.glossPID())
    defer { kill(pid, SIGKILL) }
    _ = try run(t.tmux, ["-L", t.socket, "kill-server"])
    let deadline = Date().addingTimeInterval(5)
    while kill(pid, 0) == 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    #expect(kill(pid, 0) != 0, "gloss is still running on a terminal that is gone")
    let positions = library.appendingPathComponent(".gloss/positions.json")
    let saved = (try? String(contentsOf: positions, encoding: .utf8)) ?? ""
    #expect(!saved.isEmpty, "the reading position was not saved on the way out")
  }

  /// SIGPIPE is ignored: the reader keeps running (and answers keys) instead of dying on screen.
  @Test func sigpipeIsIgnored() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: [], library: library)
    try t.waitFor("Articles (5)")
    try t.signal(SIGPIPE)
    try t.keys("?")
    try t.waitFor("Gloss keys")
    try t.keys("q", "q")
    try expectRestored(t, try t.waitForExit(0))
  }

  /// Ctrl-S reaches the reader (flow control is off), so the next key still redraws.
  @Test func ctrlSDoesNotFreezeTheScreen() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: ["why the u.s."], library: library)
    try t.waitFor("READ  0%")
    try t.keys("C-s")
    try t.keys("G")
    try t.waitFor("READ  100%")
    try t.keys("q")
    try expectRestored(t, try t.waitForExit(0))
  }

  /// 10,000 pasted characters with newlines arrive as one event, at once, into the note prompt;
  /// the newlines do not submit it, and the note keeps them.
  @Test func aLargePasteIsOneEventAndDoesNotSubmit() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: ["why the u.s."], library: library)
    try t.waitFor("READ  0%")
    try t.keys("v", "w", "h")
    try t.waitFor("highlighted 2 words")
    try t.keys("a")
    try t.waitFor("note:")
    let line = String(repeating: "pasted text ", count: 8) + "\n"
    let text = String(String(repeating: line, count: 120).prefix(10_000))
    #expect(text.count == 10_000)
    let started = Date()
    try t.paste(text)
    let screen = try t.settled()
    let elapsed = Date().timeIntervalSince(started)
    #expect(elapsed < 1, "a 10 KB paste took \(elapsed) s")
    #expect(screen.contains("note:"), "the paste submitted the prompt")
    // Had the paste come key by key, Enter would wait behind 10,000 keys (and a newline would
    // have submitted the note on the way).
    try t.keys("Enter")
    try t.waitFor("note saved")
    #expect(t.frames <= t.expectedFrames + 1, "the paste arrived as \(t.frames - t.expectedFrames) extra events")
    try t.keys("q")
    try t.waitForExit(0)
    let gloss = try #require(glossBinary).path
    let listed = try run(gloss, ["annotations", "--library", library.path, "--json"])
    let annotations = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
    let notes = (annotations ?? []).compactMap { $0["note"] as? String }
    #expect(notes == [text], "the note is the pasted text, newlines and all")
  }

  /// Ctrl-C is SIGINT in a real terminal: in a prompt it cancels the prompt and the reader goes
  /// on; outside one it quits (130).
  @Test func ctrlCCancelsAPromptThenQuits() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: ["why the u.s."], library: library)
    try t.waitFor("READ  0%")
    try t.keys("/")
    try t.type("Lyon")
    try t.waitFor("/Lyon")
    try t.keys("C-c")
    try t.waitFor("the prompt cancelled") { !$0.contains("/Lyon") && $0.contains("READ") }
    try t.keys("C-c")
    try expectRestored(t, try t.waitForExit(130))
  }

  @Test func noColorSendsNoColourCodes() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: [], library: library, environment: ["NO_COLOR": "1"])
    let screen = try t.waitFor("the list", colors: true) { $0.contains("Articles (5)") }
    // SGR 30–37 / 40–47 / 90–97 / 38;5 set colours (39 and 49 only reset them to the default).
    let colourCode = #"\u{1B}\[([0-9;]*;)?([349][0-7]|38|48)(;[0-9;]*)?m"#
    #expect(screen.range(of: colourCode, options: .regularExpression) == nil, "colour codes with NO_COLOR")
    #expect(screen.contains("\u{1B}[1m") || screen.contains(";1m"), "attributes are still drawn")
    try t.keys("q")
    try t.waitForExit(0)
  }

  @Test func aOneByOneTerminalAResizeStormAndBackRedraws() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: [], library: library)
    try t.waitFor("Articles (5)")
    try t.resize(width: 1, height: 1)
    try t.settled()
    // A storm: no waiting between sizes.
    for (width, height) in [(300, 100), (2, 50), (45, 3), (1, 1), (69, 20), (1, 100), (200, 1)] {
      try t.resize(width: width, height: height)
    }
    try t.resize(width: 100, height: 30)
    try t.waitFor("the full screen again") { $0.contains("Articles (5)") && $0.contains("READ") }
    try t.keys("q")
    try t.waitForExit(0)
  }

  /// Escape sequences in a title, the text, a tag and a note (and a file name) are shown, not
  /// obeyed: no new window title, no cleared screen, no C1 or bidi control sent.
  @Test func escapeSequencesInNamesTitlesTextAndNotesAreInert() throws {
    let evil = "\u{1B}]2;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}"
    let library = try makeLibrary(files: [
      "odd\u{1B}]2;pwned-by-name\u{07}\u{1B}[2J.txt": "Plain body text without a title line at all here",
      "titled.txt": "Title \u{1B}]2;pwned-by-title\u{07} and \u{1B}[2J here\n\nBefore \(evil) after, a passage to tag.",
    ])
    defer { try? FileManager.default.removeItem(at: library) }
    let gloss = try #require(glossBinary).path
    let added = try run(
      gloss,
      [
        "add", "--library", library.path, "--article", "titled", "--quote", "a passage", "--tag", "tag\(evil)",
        "--note", "note \(evil) end",
      ])
    #expect(added.status == 0, "\(added.stderr)")
    let t = try TmuxSession(arguments: ["titled"], library: library)
    var screen = try t.waitFor("Articles (2)")
    #expect(screen.contains("Title ^[]2;pwned-by-title^G and ^[[2J here"))
    #expect(screen.contains("Before ^[]2;pwned^G^[[2J<U+009B>31m<U+202E> after"))
    #expect(screen.contains("Plain body text without"), "the screen was cleared")
    try t.keys("A")
    screen = try t.waitFor("Annotations (1)")
    #expect(screen.contains("#tag^[]2;pwned^G^[[2J"))
    let raw = try t.capture(colors: true)
    #expect(!raw.contains("\u{9B}") && !raw.contains("\u{202E}") && !raw.contains("\u{07}"))
    #expect(!(try t.paneTitle()).contains("pwned"))
    try t.keys("q")
    try t.waitForExit(0)
  }

  /// Under a non-UTF-8 locale (LANG=C) curses still draws Unicode, not `?` or mojibake.
  @Test func aNonUTF8LocaleStillDrawsUnicode() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: ["why the u.s."], library: library, environment: ["LANG": "C", "LC_ALL": "C"])
    let screen = try t.waitFor("Azerbaijan’s War")
    #expect(screen.contains("Why the U.S. Must Not Support Azerbaijan’s War"))
    #expect(screen.contains("│"))
    try t.keys("q")
    try t.waitForExit(0)
  }

  /// A terminal curses cannot drive is a clear error, not a blank "reader".
  @Test func aDumbTerminalIsAClearError() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: [], library: library, environment: ["TERM": "dumb"])
    let screen = try t.waitForExit(1)
    #expect(screen.contains("cannot move the cursor"))
    #expect(t.frames == 0)
  }

  /// Without an alternate screen (vt100) the last frame is cleared at exit, so the shell's
  /// prompt does not land on it.
  @Test func aTerminalWithoutAnAlternateScreenIsClearedAtExit() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: [], library: library, environment: ["TERM": "vt100"])
    try t.waitFor("Articles (5)")
    try t.keys("q")
    let screen = try t.waitForExit(0)
    #expect(!screen.contains("Articles (5)") && !screen.contains("READ"), "the last frame stayed:\n\(screen)")
  }

  /// SIGPIPE is ignored in the CLI too: a reader that stops early (`| head -c 1`) ends gloss
  /// quietly — status 0, nothing on stderr — not a crash report on the EPIPE.
  @Test func theCommandLineExitsQuietlyWhenItsReaderGoesAway() throws {
    // Far more than a pipe holds (64 KB), so gloss is still writing when head has gone. (The shell
    // writes the 1,200 files faster than Foundation here.)
    let library = try makeLibrary(files: [:])
    defer { _ = try? run("/bin/rm", ["-rf", library.path]) }
    let title = String(repeating: "A long article title for the list ", count: 3)
    let make =
      "i=0; while [ $i -lt 1200 ]; do printf '%s %s\\n\\nBody.' \(shellQuote(title)) $i > article-$i.txt; "
      + "i=$((i + 1)); done"
    #expect(try run("/bin/sh", ["-c", make], currentDirectory: library).status == 0)
    let gloss = try #require(glossBinary).path
    let status = library.appendingPathComponent("status")
    let list = "\(shellQuote(gloss)) list --library \(shellQuote(library.path))"
    let script = "{ \(list); echo $? > \(shellQuote(status.path)); } | head -c 1 > /dev/null"
    let result = try run("/bin/sh", ["-c", script])
    #expect(result.stderr == "")
    #expect((try String(contentsOf: status, encoding: .utf8)) == "0\n")
  }
}

import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What only a real terminal can show, with the real binary in tmux: the locale the terminal
/// is set up with, and how the process leaves it on Ctrl-C and on a crash. (Everything else the
/// reader does is tested on the in-memory terminal in GlossTUITests.)
@Suite(.serialized, .enabled(if: endToEndEnabled, "tmux is not installed"))
struct ReaderSmokeTests {
  @Test func nonUTF8LocaleStillDrawsUnicode() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: ["why the u.s."], library: library, environment: ["LANG": "C", "LC_ALL": "C"])
    let screen = try t.waitFor("Azerbaijan’s War")
    #expect(screen.contains("Why the U.S. Must Not Support Azerbaijan’s War"))
    #expect(!screen.contains("M-b"), "no UTF-8 bytes drawn as meta characters")
    try t.keys("q")
    let exit = try t.waitForExit(0)
    #expect(terminalRestored(exit))
  }

  /// Ctrl-C leaves cleanly with 130 (128 + SIGINT); a crash (SIGSEGV) still restores the
  /// terminal before dying with 139; neither leaves the reader's screen behind.
  @Test(arguments: [("C-c", 130), ("SIGSEGV", 139)])
  func interruptAndCrashRestoreTheTerminal(how: String, status: Int) throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let t = try TmuxSession(arguments: [], library: library)
    try t.waitFor("Articles (5)")
    if how == "SIGSEGV" {
      let pid = try #require(try t.glossPID())
      #expect(kill(pid, SIGSEGV) == 0)
    } else {
      try t.keys(how)
    }
    let screen = try t.waitForExit(status)
    #expect(screen.contains("EXIT:\(status)"))
    #expect(terminalRestored(screen))
    #expect(!screen.contains("Articles (5)"), "the reader's screen was left behind")
  }
}

import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real `gloss` in a real terminal: a private tmux server, a detached session of a given
/// size, keys sent with send-keys and the screen read with capture-pane.
///
/// Waiting is on gloss's own frame counter (GLOSS_FRAME_FILE: the number of frames drawn, written
/// after each one), never on "the screen stopped changing". Every key gloss reads is one input
/// event and every event is one frame, so after sending keys the session knows the frame that
/// shows them all (`expectedFrames`); a wait reads the counter until it gets there, then reads the
/// screen. Running out of time is a test failure.
final class TmuxSession {
  let socket = "gloss-e2e-\(UUID().uuidString.prefix(8))"
  let tmux: String
  /// Where gloss writes its frame count.
  let frameFile: URL
  /// The frame that shows everything sent so far.
  private(set) var expectedFrames = 1
  private var size: (width: Int, height: Int)

  /// Starts `gloss ARGUMENTS` in a `width`x`height` terminal. After gloss exits, the shell
  /// prints `EXIT:<status>` and the terminal modes, so tests can check the terminal was restored.
  ///
  /// `shellTraps`: the signals the pane's shell survives. Ctrl-C and Ctrl-\ go to the whole
  /// foreground group, the shell included; without HUP the shell ends when the pane closes, and
  /// the kernel then hangs up gloss too.
  init(
    arguments: [String], library: URL, width: Int = 100, height: Int = 30, environment: [String: String] = [:],
    shellTraps: String = "INT TERM QUIT"
  ) throws {
    tmux = try #require(tmuxPath, "tmux is required for end-to-end tests (CI is set)")
    let binary = try #require(glossBinary, "the gloss binary was not built next to the tests")
    frameFile = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-frames-\(socket)")
    size = (width, height)
    var env = [
      "LANG": "C.UTF-8", "GLOSS_LIBRARY": library.path, "HOME": library.path,
      "XDG_CONFIG_HOME": library.appendingPathComponent(".config").path, "GLOSS_FRAME_FILE": frameFile.path,
    ]
    env.merge(environment) { $1 }
    let assignments = env.map { "\($0.key)=\(shellQuote($0.value))" }.sorted().joined(separator: " ")
    let command = ([binary.path] + arguments).map(shellQuote).joined(separator: " ")
    // The shell stands in for an interactive one: it outlives the signals sent to gloss's group.
    let script =
      "trap : \(shellTraps); cd \(shellQuote(library.path)); env \(assignments) \(command); "
      + "echo EXIT:$?; stty -a | tr '\\n' ' '; echo; sleep 120"
    try run(
      tmux,
      [
        "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "e2e",
        "sh", "-c", script,
      ],
      environment: [
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "TERM": "xterm", "LANG": "C.UTF-8",
      ],
      detached: true)
    // Keep the window the size we asked for, whatever clients come and go.
    try run(tmux, ["-L", socket, "set-option", "-g", "window-size", "manual"])
  }

  deinit {
    _ = try? run(tmux, ["-L", socket, "kill-server"])
    try? FileManager.default.removeItem(at: frameFile)
  }

  /// The number of frames gloss has drawn so far (0 before the first).
  var frames: Int {
    let text = (try? String(contentsOf: frameFile, encoding: .utf8)) ?? ""
    return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
  }

  /// `count` more input events are on their way: the screen that shows them is that many frames on.
  private func expect(events count: Int) {
    expectedFrames = max(expectedFrames, frames) + count
  }

  /// Sends keys by tmux name ("q", "Enter", "C-s"); each one is one input event and one frame.
  /// Keys that end gloss draw nothing: follow them with `waitForExit`.
  func keys(_ keys: String...) throws {
    expect(events: keys.count)
    try run(tmux, ["-L", socket, "send-keys", "-t", "e2e"] + keys)
  }

  /// Types text literally: one input event (and frame) per Unicode scalar.
  func type(_ text: String) throws {
    expect(events: text.unicodeScalars.count)
    try run(tmux, ["-L", socket, "send-keys", "-t", "e2e", "-l", text])
  }

  /// Pastes text as the terminal would (`paste-buffer -p`: bracketed when gloss asked for it),
  /// which is one input event.
  func paste(_ text: String) throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-paste-\(socket)")
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    try run(tmux, ["-L", socket, "load-buffer", "-b", "e2e", file.path])
    expect(events: 1)
    try run(tmux, ["-L", socket, "paste-buffer", "-p", "-d", "-b", "e2e", "-t", "e2e"])
  }

  /// Sends a signal to gloss (no frame is expected from it).
  func signal(_ number: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let pid = try #require(try glossPID(), "gloss is not running", sourceLocation: sourceLocation)
    #expect(kill(pid, number) == 0, sourceLocation: sourceLocation)
  }

  func capture(colors: Bool = false) throws -> String {
    try run(tmux, ["-L", socket, "capture-pane", "-p", "-t", "e2e"] + (colors ? ["-e"] : [])).stdout
  }

  /// Resizes the window; unless the size stays the same, gloss draws at least one more frame.
  func resize(width: Int, height: Int) throws {
    if (width, height) != size { expectedFrames = max(expectedFrames, frames + 1) }
    size = (width, height)
    try run(tmux, ["-L", socket, "resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)"])
  }

  func paneTitle() throws -> String {
    try run(tmux, ["-L", socket, "display-message", "-p", "-t", "e2e", "#{pane_title}"]).stdout
  }

  /// A tmux format for the pane (`#{alternate_on}`, `#{mouse_any_flag}`, …).
  func format(_ format: String) throws -> String {
    try run(tmux, ["-L", socket, "display-message", "-p", "-t", "e2e", format]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The pid of gloss (the child of the pane's shell).
  func glossPID() throws -> Int32? {
    let shell = try format("#{pane_pid}")
    let children = try run("/bin/sh", ["-c", "cat /proc/\(shell)/task/*/children 2>/dev/null"]).stdout
    return children.split(separator: " ").compactMap { Int32($0) }.first
  }

  /// Waits until gloss has drawn the frame that shows everything sent so far and the screen
  /// satisfies a condition; returns that screen. A timeout is recorded as a failure (and the last
  /// screen returned, for the checks that follow to say more).
  ///
  /// `frames: false` waits on the screen alone: for what the shell prints after gloss exits.
  @discardableResult
  func waitFor(
    _ description: String, timeout: TimeInterval = 10, colors: Bool = false, frames: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var drawn = 0
    repeat {
      drawn = self.frames
      if !frames || drawn >= expectedFrames {
        let screen = try capture(colors: colors)
        if condition(screen) { return screen }
      }
      Thread.sleep(forTimeInterval: 0.02)
    } while Date() < deadline
    let screen = try capture(colors: colors)
    let problem = "timed out waiting for \(description) (frame \(drawn), expected at least \(expectedFrames))"
    Issue.record("\(problem); screen was:\n\(screen)", sourceLocation: sourceLocation)
    return screen
  }

  /// The screen once gloss has drawn the frame that shows everything sent so far.
  @discardableResult
  func settled(timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    try waitFor("frame \(expectedFrames)", timeout: timeout, sourceLocation: sourceLocation) { _ in true }
  }

  /// Waits for gloss to exit with a status, and for the shell's report of the terminal modes.
  @discardableResult
  func waitForExit(_ status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    try waitFor("EXIT:\(status) and the terminal modes", frames: false, sourceLocation: sourceLocation) {
      $0.contains("EXIT:\(status)") && $0.contains("icanon")
    }
  }

  @discardableResult
  func waitFor(_ text: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation) throws
    -> String
  {
    try waitFor("'\(text)'", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
  }
}

/// The terminal modes printed after gloss exited show a cooked, echoing terminal.
func terminalRestored(_ screen: String) -> Bool {
  let modes = screen.replacingOccurrences(of: "\n", with: "")
  let cooked = modes.contains(" icanon") && !modes.contains("-icanon")
  return cooked && modes.contains(" echo ") && !modes.contains(" -echo ")
}

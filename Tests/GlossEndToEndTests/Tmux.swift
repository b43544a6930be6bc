import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The repository, for the bundled articles and keymap.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// The `gloss` binary that `swift test` built next to the test bundle.
let glossBinary: URL? = {
  let candidates = [
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gloss"),
    Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("gloss"),
    Bundle.main.bundleURL.appendingPathComponent("gloss"),
    repositoryRoot.appendingPathComponent(".build/debug/gloss"),
  ]
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

func which(_ tool: String) -> String? {
  for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
    let path = "\(dir)/\(tool)"
    if FileManager.default.isExecutableFile(atPath: path) { return path }
  }
  return nil
}

let tmuxPath = which("tmux")
let runningInCI = ProcessInfo.processInfo.environment["CI"] != nil

/// End-to-end tests need tmux. Outside CI they skip when it is missing, loudly; in CI
/// (`CI` set) they run and fail if tmux is missing.
let endToEndEnabled: Bool = {
  if tmuxPath == nil && !runningInCI {
    let warning = """

      ************************************************************************
      * END-TO-END TESTS SKIPPED: tmux is not installed.                     *
      * Install it (apt-get install tmux) to run them; CI always runs them.  *
      ************************************************************************

      """
    FileHandle.standardError.write(Data(warning.utf8))
    return false
  }
  return true
}()

struct CommandResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs a program to completion (no terminal), with posix_spawn and waitpid: Foundation's
/// Process can miss the exit of a child that leaves a daemon behind (tmux new-session).
/// Output goes through temporary files, so nothing can block on a full or inherited pipe.
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, currentDirectory: URL? = nil, detached: Bool = false) throws -> CommandResult {
  let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: scratch) }
  let outPath = detached ? "/dev/null" : scratch.appendingPathComponent("out").path
  let errPath = detached ? "/dev/null" : scratch.appendingPathComponent("err").path

  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  var env = ProcessInfo.processInfo.environment
  if let environment { env = environment }
  var executable = executable
  var arguments = arguments
  if let currentDirectory {
    arguments = ["-c", "cd \(shellQuote(currentDirectory.path)) && exec \"$0\" \"$@\"", executable] + arguments
    executable = "/bin/sh"
  }
  let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
  let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer {
    argv.forEach { free($0) }
    envp.forEach { free($0) }
  }
  var pid: pid_t = 0
  let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
  guard rc == 0 else {
    throw NSError(domain: "spawn", code: Int(rc), userInfo: [NSLocalizedDescriptionKey: "cannot run \(executable): \(String(cString: strerror(rc)))"])
  }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  let exited = (status & 0x7F) == 0
  let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  func read(_ path: String) -> String {
    detached ? "" : String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
  }
  return CommandResult(status: code, stdout: read(outPath), stderr: read(errPath))
}

/// Starts `sh -c script` in the background and returns its pid (reap it with waitpid).
func spawnShell(_ script: String) throws -> pid_t {
  let arguments: [String] = ["/bin/sh", "-c", script]
  let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
  defer { argv.forEach { free($0) } }
  var pid: pid_t = 0
  let rc = posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ)
  guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
  return pid
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// A copy of the bundled library (or given files) in a temporary folder.
func makeLibrary(files: [String: String]? = nil) throws -> URL {
  let root = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-e2e-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  if let files {
    for (name, text) in files { try Data(text.utf8).write(to: root.appendingPathComponent(name)) }
  } else {
    let source = repositoryRoot.appendingPathComponent("articles")
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where !name.hasPrefix(".") {
      try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: root.appendingPathComponent(name))
    }
  }
  return root
}

/// The real `gloss` in a real terminal: a private tmux server, a detached session of a given
/// size, keys sent with send-keys and the screen read with capture-pane.
final class TmuxSession {
  let socket = "gloss-e2e-\(UUID().uuidString.prefix(8))"
  let tmux: String

  /// Starts `gloss ARGUMENTS` in a `width`x`height` terminal. After gloss exits, the shell
  /// prints `EXIT:<status>` and the terminal modes, so tests can check the terminal was restored.
  init(arguments: [String], library: URL, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
    tmux = try #require(tmuxPath, "tmux is required for end-to-end tests (CI is set)")
    let binary = try #require(glossBinary, "the gloss binary was not built next to the tests")
    var env = ["LANG": "C.UTF-8", "GLOSS_LIBRARY": library.path, "HOME": library.path, "XDG_CONFIG_HOME": library.appendingPathComponent(".config").path]
    env.merge(environment) { $1 }
    let assignments = env.map { "\($0.key)=\(shellQuote($0.value))" }.sorted().joined(separator: " ")
    let command = ([binary.path] + arguments).map(shellQuote).joined(separator: " ")
    let script = "trap : INT TERM HUP; cd \(shellQuote(library.path)); env \(assignments) \(command); echo EXIT:$?; stty -a | tr '\\n' ' '; echo; sleep 120"
    try run(tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "e2e", "sh", "-c", script],
      environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "TERM": "xterm", "LANG": "C.UTF-8"],
      detached: true)
    // Keep the window the size we asked for, whatever clients come and go.
    try run(tmux, ["-L", socket, "set-option", "-g", "window-size", "manual"])
  }

  deinit {
    _ = try? run(tmux, ["-L", socket, "kill-server"])
  }

  func keys(_ keys: String...) throws {
    try run(tmux, ["-L", socket, "send-keys", "-t", "e2e"] + keys)
  }

  func type(_ text: String) throws {
    try run(tmux, ["-L", socket, "send-keys", "-t", "e2e", "-l", text])
  }

  func capture(colors: Bool = false) throws -> String {
    try run(tmux, ["-L", socket, "capture-pane", "-p", "-t", "e2e"] + (colors ? ["-e"] : [])).stdout
  }

  func resize(width: Int, height: Int) throws {
    try run(tmux, ["-L", socket, "resize-window", "-t", "e2e", "-x", "\(width)", "-y", "\(height)"])
  }

  func paneTitle() throws -> String {
    try run(tmux, ["-L", socket, "display-message", "-p", "-t", "e2e", "#{pane_title}"]).stdout
  }

  /// The pid of gloss (the child of the pane's shell).
  func glossPID() throws -> Int32? {
    let shell = try run(tmux, ["-L", socket, "display-message", "-p", "-t", "e2e", "#{pane_pid}"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let children = try run("/bin/sh", ["-c", "cat /proc/\(shell)/task/*/children 2>/dev/null"]).stdout
    return children.split(separator: " ").compactMap { Int32($0) }.first
  }

  /// Waits until the screen satisfies a condition and has stopped changing; returns the last screen either way.
  ///
  /// A capture can land while tmux is still taking in one redraw (ncurses writes a screen in more than
  /// one `write`), so a screen that first satisfies the condition is only returned once a second capture
  /// a moment later is identical: the rest of the checks then see the whole redraw, not its first rows.
  @discardableResult
  func waitFor(
    _ description: String, timeout: TimeInterval = 10, colors: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = ""
    var candidate: String? = nil
    while Date() < deadline {
      screen = try capture(colors: colors)
      if condition(screen) {
        if screen == candidate { return screen }
        candidate = screen
        Thread.sleep(forTimeInterval: 0.03)
        continue
      }
      candidate = nil
      Thread.sleep(forTimeInterval: 0.05)
    }
    if let candidate { return candidate }
    Issue.record("timed out waiting for \(description); screen was:\n\(screen)", sourceLocation: sourceLocation)
    return screen
  }

  /// The screen once it has stopped changing (all keys sent so far are processed).
  func settled(timeout: TimeInterval = 10) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var last = try capture()
    while Date() < deadline {
      Thread.sleep(forTimeInterval: 0.25)
      let now = try capture()
      if now == last { return now }
      last = now
    }
    return last
  }

  /// Waits for gloss to exit with a status, and for the shell's report of the terminal modes.
  @discardableResult
  func waitForExit(_ status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    try waitFor("EXIT:\(status) and the terminal modes", sourceLocation: sourceLocation) {
      $0.contains("EXIT:\(status)") && $0.contains("icanon")
    }
  }

  @discardableResult
  func waitFor(_ text: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    try waitFor("'\(text)'", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
  }
}

/// The terminal modes printed after gloss exited show a cooked, echoing terminal.
func terminalRestored(_ screen: String) -> Bool {
  let modes = screen.replacingOccurrences(of: "\n", with: "")
  return modes.contains(" icanon") && modes.contains(" echo ") && !modes.contains("-icanon") && !modes.contains(" -echo ")
}

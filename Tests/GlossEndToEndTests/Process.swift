import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// Running programs for the end-to-end tests: the built `gloss` to completion (the
// command-line tests) and the shell and tmux behind the smoke tests (Tmux.swift).

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
func run(
  _ executable: String, _ arguments: [String], environment: [String: String]? = nil, currentDirectory: URL? = nil,
  detached: Bool = false
) throws -> CommandResult {
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
    for pointer in argv + envp { free(pointer) }
  }
  var pid: pid_t = 0
  var attributes = cleanSignalAttributes()
  defer { posix_spawnattr_destroy(&attributes) }
  let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
  guard rc == 0 else {
    let reason = "cannot run \(executable): \(String(cString: strerror(rc)))"
    throw NSError(domain: "spawn", code: Int(rc), userInfo: [NSLocalizedDescriptionKey: reason])
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

/// Spawn attributes for a child with no signal blocked or ignored. The test runner's threads block
/// most signals and a child inherits that mask: a tmux server started with it never sees the
/// SIGTERM of `kill-server` (and outlives the test, with gloss still running in it).
func cleanSignalAttributes() -> posix_spawnattr_t {
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  var none = sigset_t()
  sigemptyset(&none)
  posix_spawnattr_setsigmask(&attributes, &none)
  var all = sigset_t()
  sigfillset(&all)
  posix_spawnattr_setsigdefault(&attributes, &all)
  posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
  return attributes
}

/// Starts `sh -c script` in the background and returns its pid (reap it with waitpid).
func spawnShell(_ script: String) throws -> pid_t {
  let arguments: [String] = ["/bin/sh", "-c", script]
  let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
  defer {
    for pointer in argv { free(pointer) }
  }
  var pid: pid_t = 0
  var attributes = cleanSignalAttributes()
  defer { posix_spawnattr_destroy(&attributes) }
  let rc = posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environ)
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

/// The bundled sample library.
let bundledArticles = repositoryRoot.appendingPathComponent("articles")

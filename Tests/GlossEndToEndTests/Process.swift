import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// Running the built `gloss` without a terminal, for the command-line tests (CLITests.swift).
// Self-contained on purpose (its names differ from Tmux.swift's, which is being rewritten):
// the tmux helpers can take these over.

/// The package folder, for the bundled articles.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// The `gloss` binary that `swift build --build-tests` put next to the test bundle.
let builtGloss: URL? = {
  let candidates = [
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gloss"),
    Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("gloss"),
    Bundle.main.bundleURL.appendingPathComponent("gloss"),
    packageRoot.appendingPathComponent(".build/debug/gloss"),
  ]
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// The bundled sample library.
let bundledArticles = packageRoot.appendingPathComponent("articles")

struct ProcessOutput {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs a program to completion with stdin from /dev/null, through posix_spawn and waitpid.
/// Output goes through temporary files, so nothing can block on a full or inherited pipe.
/// `status` is the exit status, or 128 + the signal that ended it.
@discardableResult
func runProcess(
  _ executable: String, _ arguments: [String], environment: [String: String]? = nil, currentDirectory: URL? = nil
) throws -> ProcessOutput {
  let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: scratch) }
  let outPath = scratch.appendingPathComponent("out").path
  let errPath = scratch.appendingPathComponent("err").path

  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  let env = environment ?? ProcessInfo.processInfo.environment
  var executable = executable
  var arguments = arguments
  if let currentDirectory {
    arguments = ["-c", "cd \(quotedForShell(currentDirectory.path)) && exec \"$0\" \"$@\"", executable] + arguments
    executable = "/bin/sh"
  }
  let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
  let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer {
    for pointer in argv + envp { free(pointer) }
  }
  var pid: pid_t = 0
  let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
  guard rc == 0 else {
    throw NSError(
      domain: "spawn", code: Int(rc),
      userInfo: [NSLocalizedDescriptionKey: "cannot run \(executable): \(String(cString: strerror(rc)))"])
  }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  let exited = (status & 0x7F) == 0
  let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  func read(_ path: String) -> String {
    String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
  }
  return ProcessOutput(status: code, stdout: read(outPath), stderr: read(errPath))
}

func quotedForShell(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// A library in a temporary folder: the given files, or a copy of the bundled articles.
func temporaryLibrary(files: [String: String]? = nil) throws -> URL {
  let root = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  if let files {
    for (name, text) in files { try Data(text.utf8).write(to: root.appendingPathComponent(name)) }
  } else {
    for name in try FileManager.default.contentsOfDirectory(atPath: bundledArticles.path) where !name.hasPrefix(".") {
      try FileManager.default.copyItem(
        at: bundledArticles.appendingPathComponent(name), to: root.appendingPathComponent(name))
    }
  }
  return root
}

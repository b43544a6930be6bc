import Foundation
import GlossApp
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Clipboard commands that misbehave: one that never reads what it is given must not hang
/// the reader (a copy larger than a pipe holds used to block until the command ended).
@Suite struct HostileClipboardTests {
  @Test func aCommandThatNeverReadsIsGivenUpOnAfterItsDeadline() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clip-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("xclip")
    try "#!/bin/sh\nexec sleep 8\n".write(to: script, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    // As in the app: a command gone is an EPIPE, not a signal.
    signal(SIGPIPE, SIG_IGN)
    let start = Date()
    let result = ClipboardCommand.copy(
      String(repeating: "x", count: 1_000_000), environment: ["DISPLAY": ":0", "PATH": folder.path + ":/usr/bin:/bin"])
    #expect(result == .failed("xclip did not finish"))
    #expect(Date().timeIntervalSince(start) < 5, "given up after about two seconds")
  }

  @Test func aCommandThatExitsWithoutReadingFailsQuickly() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clip-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("xclip")
    try "#!/bin/sh\nexit 0\n".write(to: script, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    signal(SIGPIPE, SIG_IGN)
    let result = ClipboardCommand.copy(
      String(repeating: "x", count: 1_000_000), environment: ["DISPLAY": ":0", "PATH": folder.path + ":/usr/bin:/bin"])
    #expect(result != .copied(by: "xclip"), "the text was not taken")
  }

  @Test func aMegabyteReachesACommandThatReadsIt() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clip-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("got")
    let script = folder.appendingPathComponent("wl-copy")
    try "#!/bin/sh\ncat > '\(out.path)'\n".write(to: script, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    let text = String(repeating: "0123456789", count: 100_000)
    let result = ClipboardCommand.copy(
      text, environment: ["WAYLAND_DISPLAY": "w", "PATH": folder.path + ":/usr/bin:/bin"])
    #expect(result == .copied(by: "wl-copy"))
    #expect(try String(contentsOf: out, encoding: .utf8) == text)
  }
}

import Foundation
import Testing

@testable import GlossApp

#if canImport(Glibc)
  import Glibc
#endif

/// Programs Gloss starts (browsers, clipboard commands) through posix_spawn.
@Suite struct ChildProcessTests {
  @Test func theExitStatusComesBack() throws {
    var child = try ChildProcess.start(["/bin/sh", "-c", "exit 3"]).get()
    #expect(child.waitForExit() == 3)
    #expect(child.exitStatus() == 3, "asked again: the same answer, not a second wait")
  }

  @Test func aChildDoesNotInheritIgnoredSignals() throws {
    // Gloss ignores SIGPIPE (a closed pipe is an error it reports); a browser it starts must
    // not: here the shell dies of the signal it sends itself.
    signal(SIGPIPE, SIG_IGN)
    var child = try ChildProcess.start(["/bin/sh", "-c", "kill -PIPE $$; exit 0"]).get()
    #expect(child.waitForExit() == 128 + SIGPIPE)
  }

  @Test func aMissingProgramIsAnErrorNotACrash() {
    let started = ChildProcess.start(["/nonexistent/program-\(UUID().uuidString)"])
    guard case .failure(let error) = started else {
      Issue.record("started a program that does not exist")
      return
    }
    #expect(error.code == ENOENT)
    #expect(ChildProcess.start([]).isFailure)
  }

  @Test func whatIsWrittenIsReadAndTheEndIsSeen() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    var child = try ChildProcess.start(["/bin/sh", "-c", "cat > '\(out.path)'"], input: .pipe).get()
    let text = "café — 文章 😀\n"
    let bytes = Array(text.utf8)
    #expect(bytes.withUnsafeBufferPointer { write(child.input, $0.baseAddress, $0.count) } == bytes.count)
    child.closeInput()
    // cat ends only if no copy of the pipe's write end leaked into it.
    let deadline = Date().addingTimeInterval(10)
    var status = child.exitStatus()
    while status == nil && Date() < deadline {
      usleep(10_000)
      status = child.exitStatus()
    }
    #expect(status == 0)
    if status == nil { child.terminate() }
    #expect(try String(contentsOf: out, encoding: .utf8) == text)
  }

  @Test func terminateEndsAndReapsIt() throws {
    var child = try ChildProcess.start(["/bin/sleep", "30"]).get()
    #expect(child.exitStatus() == nil)
    child.terminate()
    #expect(child.exitStatus() == 128 + SIGTERM)
    #expect(kill(child.pid, 0) == -1, "reaped: no zombie left")
  }
}

extension Result {
  fileprivate var isFailure: Bool {
    if case .failure = self { return true }
    return false
  }
}

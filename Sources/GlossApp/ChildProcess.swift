#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A program started with `posix_spawn` (FoundationEssentials has no `Process`, and full
/// Foundation's would bring CoreFoundation and ICU into the binary): its output and errors go
/// to /dev/null, its input is /dev/null or a pipe Gloss writes, every signal is back at its
/// default in it (Gloss ignores SIGPIPE, which a child must not inherit) and none is blocked.
/// The pipe's end Gloss keeps is close-on-exec, so a child sees the end of its input when
/// Gloss closes it.
struct ChildProcess {
  enum Input { case null, pipe }

  /// The errno that kept a program from starting.
  struct SpawnError: Error {
    let code: Int32
  }

  let pid: pid_t
  /// The write end of the child's standard input (-1 without a pipe, or once closed).
  private(set) var input: Int32 = -1
  private var status: Int32?

  /// The child, or the errno that stopped it from starting.
  static func start(_ argv: [String], input: Input = .null) -> Result<ChildProcess, SpawnError> {
    guard let program = argv.first else { return .failure(SpawnError(code: EINVAL)) }
    var fds: [Int32] = [-1, -1]
    if input == .pipe {
      guard pipe(&fds) == 0 else { return .failure(SpawnError(code: errno)) }
      for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if input == .pipe {
      posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
    } else {
      posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var all = sigset_t()
    sigfillset(&all)
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    let arguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { for a in arguments { free(a) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, program, &actions, &attributes, arguments, environ)
    if input == .pipe { close(fds[0]) }
    guard code == 0 else {
      if input == .pipe { close(fds[1]) }
      return .failure(SpawnError(code: code))
    }
    return .success(ChildProcess(pid: pid, input: fds[1]))
  }

  private init(pid: pid_t, input: Int32) {
    self.pid = pid
    self.input = input
  }

  mutating func closeInput() {
    guard input >= 0 else { return }
    close(input)
    input = -1
  }

  /// Its exit status (128 + the signal when one ended it), or nil while it runs.
  mutating func exitStatus() -> Int32? {
    if let status { return status }
    var raw: Int32 = 0
    var done = waitpid(pid, &raw, WNOHANG)
    while done < 0 && errno == EINTR { done = waitpid(pid, &raw, WNOHANG) }
    guard done == pid else { return done < 0 ? -1 : nil }
    status = ChildProcess.decode(raw)
    return status
  }

  /// Waits for it to end; its exit status.
  mutating func waitForExit() -> Int32 {
    if let status { return status }
    var raw: Int32 = 0
    var done = waitpid(pid, &raw, 0)
    while done < 0 && errno == EINTR { done = waitpid(pid, &raw, 0) }
    status = done == pid ? ChildProcess.decode(raw) : -1
    return status ?? -1
  }

  /// Ends it (SIGTERM) and reaps it, so that it never lingers as a zombie.
  mutating func terminate() {
    closeInput()
    guard exitStatus() == nil else { return }
    kill(pid, SIGTERM)
    _ = waitForExit()
  }

  /// waitpid's status word: WIFEXITED/WEXITSTATUS and WTERMSIG are macros Swift cannot call.
  private static func decode(_ raw: Int32) -> Int32 {
    let signal = raw & 0x7F
    return signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
  }
}

import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#endif

/// What became of an external link.
public enum LinkOpening: Sendable, Equatable {
  /// A browser was started (the command's name).
  case opened(by: String)
  /// No browser is configured or installed: the caller copies the link instead.
  case unavailable(String)
  /// A browser was found but could not be started.
  case failed(String)
}

/// What became of a copy through a clipboard command.
public enum ClipboardCommandResult: Sendable, Equatable {
  case copied(by: String)
  case failed(String)
}

/// Programs found on the PATH.
enum Executables {
  static func find(_ name: String, environment: [String: String]) -> String? {
    if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
    for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
      let candidate = directory + "/" + name
      var info = stat()
      if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
        return candidate
      }
    }
    return nil
  }
}

/// Opens a link in a browser: the first command of `$BROWSER` (a `:`-separated list; `%s`
/// stands for the link, else it is added at the end) found on the PATH, else `xdg-open`.
/// The browser is started detached — in its own session when `setsid` is there, its input
/// and output /dev/null, not waited for — so the terminal stays Gloss's and the screen
/// intact. The link is an argument of its own, never part of a shell command line.
public enum ExternalOpener {
  /// The command line for a link (nil: no browser).
  public static func command(for url: String, environment: [String: String]) -> [String]? {
    for entry in (environment["BROWSER"] ?? "").split(separator: ":") {
      let words = entry.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      guard let program = words.first, let path = Executables.find(program, environment: environment) else { continue }
      var arguments = Array(words.dropFirst())
      if arguments.contains(where: { $0.contains("%s") }) {
        arguments = arguments.map { $0.replacing("%s", with: url) }
      } else {
        arguments.append(url)
      }
      return [path] + arguments
    }
    for opener in ["xdg-open", "open"] {
      if let path = Executables.find(opener, environment: environment) { return [path, url] }
    }
    return nil
  }

  public static func open(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment)
    -> LinkOpening
  {
    guard var command = command(for: url, environment: environment) else {
      return .unavailable("no browser: set $BROWSER or install xdg-open")
    }
    let name = PathName.last(command[0])
    if let setsid = Executables.find("setsid", environment: environment) { command.insert(setsid, at: 0) }
    // sh starts the browser in the background and exits at once: it is waited for, the
    // browser is not (and, its parent gone, never becomes a zombie of Gloss's).
    switch ChildProcess.start(["/bin/sh", "-c", "\"$@\" </dev/null >/dev/null 2>&1 &", "gloss-open"] + command) {
    case .failure(let code):
      return .failed("\(name) could not be started: \(String(cString: strerror(code.code)))")
    case .success(var shell):
      return shell.waitForExit() == 0 ? .opened(by: name) : .failed("\(name) could not be started")
    }
  }
}

/// Copies text with the desktop's clipboard command: `wl-copy` under Wayland, `xclip` or
/// `xsel` under X11 (`pbcopy` on macOS). Waits at most two seconds for it, the writing of the
/// text included: a command that does not read it cannot block the reader. (SIGPIPE is
/// ignored by the app, so a command that exits early is an EPIPE here.)
public enum ClipboardCommand {
  static func command(environment: [String: String]) -> [String]? {
    var candidates: [[String]] = []
    if environment["WAYLAND_DISPLAY"] != nil { candidates.append(["wl-copy"]) }
    if environment["DISPLAY"] != nil {
      candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    }
    candidates.append(["pbcopy"])
    for candidate in candidates {
      if let path = Executables.find(candidate[0], environment: environment) { return [path] + candidate.dropFirst() }
    }
    return nil
  }

  public static func copy(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
    -> ClipboardCommandResult
  {
    guard let command = command(environment: environment) else {
      return .failed("no clipboard command found (wl-copy, xclip or xsel)")
    }
    let name = PathName.last(command[0])
    var child: ChildProcess
    switch ChildProcess.start(command, input: .pipe) {
    case .failure(let code): return .failed("\(name) failed: \(String(cString: strerror(code.code)))")
    case .success(let started): child = started
    }
    let deadline = Date().addingTimeInterval(2)
    let writeError = writeWithDeadline(Array(text.utf8), to: child.input, until: deadline)
    child.closeInput()
    if let writeError, writeError != EAGAIN {
      child.terminate()
      return .failed("\(name) failed: \(String(cString: strerror(writeError)))")
    }
    var status = child.exitStatus()
    while status == nil && Date() < deadline {
      usleep(10_000)
      status = child.exitStatus()
    }
    guard let status else {
      child.terminate()
      return .failed("\(name) did not finish")
    }
    return status == 0 ? .copied(by: name) : .failed("\(name) failed")
  }

  /// Writes all of `bytes` to a pipe without blocking past `deadline`: nil when written, else
  /// the errno (EAGAIN: the deadline passed with the pipe still full).
  static func writeWithDeadline(_ bytes: [UInt8], to fd: Int32, until deadline: Date) -> Int32? {
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    var rest = bytes[...]
    while !rest.isEmpty {
      let n = rest.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
      if n > 0 {
        rest = rest.dropFirst(n)
        continue
      }
      let code = n < 0 ? errno : EIO
      if code == EINTR { continue }
      guard code == EAGAIN || code == EWOULDBLOCK else { return code }
      if Date() >= deadline { return EAGAIN }
      var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
      _ = poll(&ready, 1, 50)
    }
    return nil
  }
}

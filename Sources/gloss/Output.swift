#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The CLI's output. SIGPIPE is ignored (see `Gloss.main`), so a reader that went away shows up
// here as EPIPE: Foundation's FileHandle.write would crash on it, so these write with write(2).

/// Writes to stdout. When the reader is gone (`gloss export | head -1`: EPIPE) the process ends
/// quietly with status 0 — nobody is left to read more; any other failure (a full disk behind
/// `> file`) is an error and exit status 1.
func writeStandardOutput(_ data: Data) {
  if let errno = writeAll(data, to: STDOUT_FILENO) {
    if errno == EPIPE { exit(0) }
    writeStandardError(Data("gloss: cannot write the output: \(String(cString: strerror(errno)))\n".utf8))
    exit(1)
  }
}

/// Writes to stderr; a failure there has nowhere to be reported, so it is ignored.
func writeStandardError(_ data: Data) {
  _ = writeAll(data, to: STDERR_FILENO)
}

/// Writes every byte, retrying after signals and short writes; the errno of a failure, or nil.
private func writeAll(_ data: Data, to fd: Int32) -> Int32? {
  data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
    guard var base = buffer.baseAddress else { return nil }
    var left = buffer.count
    while left > 0 {
      let n = write(fd, base, left)
      if n < 0 {
        if errno == EINTR { continue }
        return errno
      }
      base += n
      left -= n
    }
    return nil
  }
}

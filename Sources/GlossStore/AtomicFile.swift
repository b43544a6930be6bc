import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so that readers only ever see the old or the new contents: a temporary file
/// in the same folder, flushed with fsync, renamed over the old one, and the folder synced.
public enum AtomicFile {
  public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
  }

  public static func write(_ data: Data, to url: URL) throws {
    let directory = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw WriteError(path: directory.path, reason: "cannot create folder (\(reasonText(errno)))")
    }
    let temp = directory.appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WriteError(path: url.path, reason: reasonText(errno)) }
    var ok = false
    defer {
      if !ok { unlink(temp.path) }
    }
    let written = data.withUnsafeBytes { raw -> Int in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return -1
        }
        offset += n
      }
      return offset
    }
    if written < 0 || (data.count > 0 && written != data.count) {
      let e = errno
      close(fd)
      throw WriteError(path: url.path, reason: reasonText(e))
    }
    if fsync(fd) != 0 {
      let e = errno
      close(fd)
      throw WriteError(path: url.path, reason: reasonText(e))
    }
    close(fd)
    if rename(temp.path, url.path) != 0 {
      throw WriteError(path: url.path, reason: reasonText(errno))
    }
    ok = true
    let dfd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dfd >= 0 {
      fsync(dfd)
      close(dfd)
    }
  }

  static func reasonText(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
  }
}

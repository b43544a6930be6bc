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

/// Writes a file so that readers only ever see the old or the new contents: a temporary file
/// in the same folder, flushed with fsync, renamed over the old one, and the folder synced.
///
/// A symbolic link is written through: the file it points to (after every link in the chain)
/// is replaced, with the temporary file next to it, and the link stays a link. A target that
/// is not a regular file (a folder, FIFO, device, socket) is never replaced: an error says so.
/// Temporary files left by a writer that was killed (`.NAME.tmp-PID-N` whose process is gone,
/// or older than a minute) are removed on the next write.
public enum AtomicFile {
  public struct WriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
  }

  public static func write(_ data: Data, to url: URL) throws {
    let target = try resolvingLinks(url)
    var info = stat()
    var mode: mode_t = 0o644
    if lstat(target.path, &info) == 0 {
      if let kind = kind(of: info.st_mode) {
        throw WriteError(path: url.path, reason: "it is \(kind), not a regular file; it was not replaced")
      }
      mode = info.st_mode & 0o7777  // a private file stays private
    }
    let directory = target.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw WriteError(path: directory.path, reason: "cannot create folder (\(reasonText(errno)))")
    }
    removeStaleTemporaries(of: target)
    let temp = directory.appendingPathComponent(
      ".\(target.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WriteError(path: url.path, reason: reasonText(errno)) }
    fchmod(fd, mode)
    var ok = false
    defer {
      if !ok { unlink(temp.path) }
    }
    if !writeAll(data, to: fd) || fsync(fd) != 0 {
      let e = errno
      close(fd)
      throw WriteError(path: url.path, reason: reasonText(e))
    }
    close(fd)
    if rename(temp.path, target.path) != 0 {
      throw WriteError(path: url.path, reason: reasonText(errno))
    }
    ok = true
    let dfd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if dfd >= 0 {
      fsync(dfd)
      close(dfd)
    }
  }

  /// Writes everything, retrying short writes and EINTR; false on an error (in errno).
  public static func writeAll(_ data: Data, to fd: Int32) -> Bool {
    data.withUnsafeBytes { raw -> Bool in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += n
      }
      return true
    }
  }

  /// The path a write to `url` must replace: `url` with every symbolic link followed (a link
  /// to a file that does not exist yet gives that file's path).
  public static func resolvingLinks(_ url: URL) throws -> URL {
    var path = url.path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else {
        return URL(fileURLWithPath: path)
      }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink(path, &buffer, buffer.count - 1)
      guard n >= 0 else { throw WriteError(path: url.path, reason: reasonText(errno)) }
      let destination = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      // A relative link is relative to the link's folder; `..` is left to the kernel, which
      // resolves it after the folder's own links (as opening the link would).
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
      path = destination.hasPrefix("/") ? destination : folder + "/" + destination
    }
    throw WriteError(path: url.path, reason: "too many levels of symbolic links")
  }

  /// "a folder", "a FIFO", … for anything that is not a regular file (or a link); nil for one.
  static func kind(of mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG, S_IFLNK: return nil
    case S_IFDIR: return "a folder"
    case S_IFIFO: return "a FIFO (named pipe)"
    case S_IFCHR: return "a character device"
    case S_IFBLK: return "a block device"
    case S_IFSOCK: return "a socket"
    default: return "not a regular file"
    }
  }

  /// Removes `.NAME.tmp-PID-N` files next to `target` left by writers that were killed: those
  /// whose process no longer exists, or that are older than a minute.
  static func removeStaleTemporaries(of target: URL, now: Date = Date()) {
    let directory = target.deletingLastPathComponent()
    let prefix = ".\(target.lastPathComponent).tmp-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
    for name in names where name.hasPrefix(prefix) {
      let rest = name.dropFirst(prefix.count).split(separator: "-")
      guard rest.count == 2, let pid = Int32(rest[0]), UInt32(rest[1]) != nil else { continue }
      let path = directory.appendingPathComponent(name).path
      var info = stat()
      guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
      let age = now.timeIntervalSince1970 - Double(info.st_mtim.tv_sec)
      let gone = pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
      if gone || age > 60 { unlink(path) }
    }
  }

  static func reasonText(_ code: Int32) -> String {
    String(cString: strerror(code)).lowercased()
  }
}

extension AtomicFile {
  /// Whether a file (after its links) is read-only: no write permission for anyone, or none
  /// for this user. Such a file is someone's choice, left as it is by the commands that would
  /// replace it (a rename over it would succeed, and root may write anything).
  public static func isReadOnly(_ url: URL) -> Bool {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return false }
    return info.st_mode & 0o222 == 0 || access(url.path, W_OK) != 0
  }
}

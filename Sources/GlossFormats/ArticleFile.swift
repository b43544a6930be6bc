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

/// A path as the file system spells it: bytes, which need not be UTF-8 (`latin\xE9.txt` made by
/// a Latin-1 system). Foundation's `URL` cannot hold such a name on Linux, so files are opened
/// and listed through this.
public struct FileSystemPath: Sendable, Hashable {
  /// The path's bytes, without a terminating NUL.
  public var bytes: [UInt8]

  public init(bytes: [UInt8]) { self.bytes = bytes }

  public init(_ url: URL) {
    bytes = url.withUnsafeFileSystemRepresentation { pointer in
      guard let pointer else { return Array(url.path.utf8) }
      return Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
    }
  }

  /// This path with one more component.
  public func appending(_ name: [UInt8]) -> FileSystemPath {
    var joined = bytes
    if joined.last != UInt8(ascii: "/") { joined.append(UInt8(ascii: "/")) }
    return FileSystemPath(bytes: joined + name)
  }

  /// The path as text: valid UTF-8 as it is, every other byte as `\xNN`, so that the name is
  /// visible, distinct from its neighbours and never a terminal control sequence.
  public var displayString: String { FileSystemPath.display(bytes) }

  /// (Of an array, not any collection: the standard library's validation, called from a
  /// generic function, looked up the collection's associated types at run time, a scan of every
  /// conformance in the binary the first time — a noticeable part of the reader's start-up.)
  public static func display(_ bytes: [UInt8]) -> String {
    if let valid = String(validating: bytes, as: UTF8.self) { return valid }
    var result = ""
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var position = 0  // bytes consumed by the parser so far
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        result.unicodeScalars.append(Unicode.UTF8.decode(encoded))
        position += encoded.count
      case .error(let length):
        for byte in bytes[position..<position + length] {
          result += "\\x" + String(byte, radix: 16, uppercase: true)
        }
        position += length
      case .emptyInput:
        return result
      }
    }
  }

  public func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
    try (bytes + [0]).withUnsafeBufferPointer { buffer in
      try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
    }
  }
}

/// What makes one version of a file: cheap to take with `stat`, and different after any write
/// or replacement.
public struct FileFingerprint: Sendable, Hashable {
  public var size: Int64
  public var modifiedSeconds: Int64
  public var modifiedNanoseconds: Int64
  public var inode: UInt64
  public var device: UInt64

  init(_ s: stat) {
    size = Int64(s.st_size)
    #if canImport(Darwin)
      modifiedSeconds = Int64(s.st_mtimespec.tv_sec)
      modifiedNanoseconds = Int64(s.st_mtimespec.tv_nsec)
    #else
      modifiedSeconds = Int64(s.st_mtim.tv_sec)
      modifiedNanoseconds = Int64(s.st_mtim.tv_nsec)
    #endif
    inode = UInt64(s.st_ino)
    device = UInt64(s.st_dev)
  }

  /// The fingerprint of what `path` names now (following links), or nil when nothing is there.
  public static func of(_ path: FileSystemPath) -> FileFingerprint? {
    var s = stat()
    guard path.withCString({ stat($0, &s) }) == 0 else { return nil }
    return FileFingerprint(s)
  }
}

/// Why a file in the library is not read as an article; `description` is the note shown.
public enum ArticleFileError: Error, Sendable, Equatable, CustomStringConvertible {
  case notAnArticleType
  case missing
  case brokenLink
  case permissionDenied
  case notRegularFile
  case binary
  case unreadable(String)

  public var description: String {
    switch self {
    case .notAnArticleType: return "not an article type"
    case .missing: return "no such file"
    case .brokenLink: return "broken link"
    case .permissionDenied: return "unreadable: permission denied"
    case .notRegularFile: return "not a regular file"
    case .binary: return "binary file"
    case .unreadable(let reason): return "unreadable: \(reason)"
    }
  }

  /// The error for a failed `open` or `stat` of `path`, with errno as it was.
  public static func fromErrno(_ code: Int32, path: FileSystemPath) -> ArticleFileError {
    switch code {
    case EACCES, EPERM: return .permissionDenied
    case ENOENT, ELOOP:
      var s = stat()
      let isLink = path.withCString { lstat($0, &s) } == 0 && (s.st_mode & S_IFMT) == S_IFLNK
      return isLink ? .brokenLink : .missing
    case ENXIO: return .notRegularFile  // a socket, or a FIFO opened for writing
    default: return .unreadable(String(cString: strerror(code)).lowercased())
    }
  }
}

/// An article file opened for reading. The open never blocks (`O_NONBLOCK`: a FIFO named
/// `x.txt` would otherwise wait for a writer forever), and the open descriptor must be a
/// regular file: FIFOs, sockets and devices are refused before a byte is read.
public final class ArticleFile {
  let descriptor: Int32
  /// The file as it was opened (from `fstat` on the descriptor).
  public let fingerprint: FileFingerprint

  public init(_ path: FileSystemPath) throws(ArticleFileError) {
    // A device is not even opened (opening some has effects); the check on the descriptor
    // below covers a file replaced in between.
    var before = stat()
    guard path.withCString({ stat($0, &before) }) == 0 else { throw ArticleFileError.fromErrno(errno, path: path) }
    guard (before.st_mode & S_IFMT) == S_IFREG else { throw ArticleFileError.notRegularFile }
    let fd = path.withCString { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
    guard fd >= 0 else { throw ArticleFileError.fromErrno(errno, path: path) }
    var s = stat()
    guard fstat(fd, &s) == 0 else {
      let code = errno
      close(fd)
      throw ArticleFileError.fromErrno(code, path: path)
    }
    guard (s.st_mode & S_IFMT) == S_IFREG else {
      close(fd)
      throw ArticleFileError.notRegularFile
    }
    descriptor = fd
    fingerprint = FileFingerprint(s)
  }

  deinit { close(descriptor) }

  public var size: Int { Int(fingerprint.size) }

  /// Back to the start of the file.
  public func rewind() { lseek(descriptor, 0, SEEK_SET) }

  /// Up to `count` more bytes (fewer at the end of the file).
  public func read(upTo count: Int) throws(ArticleFileError) -> Data {
    var data = Data(count: count)
    var filled = 0
    var failure: Int32 = 0
    data.withUnsafeMutableBytes { raw in
      while filled < count {
        let n = systemRead(descriptor, raw.baseAddress! + filled, count - filled)
        if n < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if n == 0 { return }
        filled += n
      }
    }
    if failure != 0 { throw ArticleFileError.unreadable(String(cString: strerror(failure)).lowercased()) }
    data.count = filled
    return data
  }

  /// The rest of the file, refused when its first few KB look binary (see `TextDecoding`).
  public func readText() throws(ArticleFileError) -> Data {
    let data = try readToEnd()
    if TextDecoding.isBinary(data) { throw ArticleFileError.binary }
    return data
  }

  /// The rest of the file: the size `fstat` gave (what the fingerprint describes), or up to
  /// the end for a file that reports no size.
  public func readToEnd() throws(ArticleFileError) -> Data {
    guard size == 0 else { return try read(upTo: size) }
    var data = Data()
    while true {
      let more = try read(upTo: 64 * 1024)
      if more.isEmpty { return data }
      data += more
    }
  }

}

@inline(__always)
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
  #else
    return Darwin.read(fd, buffer, count)
  #endif
}

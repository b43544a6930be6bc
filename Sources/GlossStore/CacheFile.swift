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

/// The library's cache files (`.gloss/titles.json`, `.gloss/cache/orphans.json`): versioned
/// JSON, never needed for correctness, read and written one way for both. A link or anything
/// but a regular file at the cache's path is never read through or written over; nothing is
/// written in a library (or a `.gloss` folder under it) that cannot be written.
enum CacheFile {
  private struct Version: Decodable { var version: Int }

  enum Found<F> {
    /// No file: a new one may be written.
    case missing
    case file(F)
    /// A cache of another version: not trusted, replaced.
    case otherVersion
    /// A regular file that is not such a cache (the cache decides whether to replace it).
    case damaged
    /// A link, not a regular file, or unreadable: left alone.
    case foreign
  }

  static func read<F: Decodable>(_ type: F.Type, at url: URL, version: Int) -> Found<F> {
    var info = stat()
    guard lstat(url.path, &info) == 0 else { return .missing }
    guard info.st_mode & S_IFMT == S_IFREG, let data = FileManager.default.contents(atPath: url.path) else {
      return .foreign
    }
    guard let found = try? JSONDecoder().decode(Version.self, from: data) else { return .damaged }
    guard found.version == version else { return .otherVersion }
    guard let file = try? JSONDecoder().decode(F.self, from: data) else { return .damaged }
    return .file(file)
  }

  /// Writes `file` at `url` under `library` (atomically; sorted keys). Failures are ignored:
  /// a cache is only a shortcut.
  static func write<F: Encodable>(_ file: F, to url: URL, library: URL) {
    guard access(library.path, W_OK) == 0 else { return }
    // Every folder between the library and the file that exists must be writable.
    let relative = url.path.dropFirst(library.path.count).split(separator: "/").dropLast()
    var folder = library.path
    for part in relative {
      folder += "/" + part
      var info = stat()
      if stat(folder, &info) == 0 && access(folder, W_OK) != 0 { return }
    }
    var info = stat()
    if lstat(url.path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG { return }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(file) else { return }
    try? AtomicFile.write(data, to: url)
  }
}

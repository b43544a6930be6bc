import GlossFormats

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

/// Titles and word counts of the library's articles, kept in `.gloss/titles.json` so that
/// `gloss list` need not parse every article again. Keyed by path, size and modification time:
/// an entry whose file changed in either is read again. Never needed for correctness — a
/// missing, unreadable or damaged cache is read as empty — and never written in a library that
/// cannot be written (a read-only folder stays untouched).
public struct TitleCache: Sendable, Equatable {
  struct Record: Codable, Sendable, Equatable {
    var size: Int64
    var seconds: Int64
    var nanoseconds: Int64
    var title: String
    var words: Int
  }

  /// Bumped when what a title or a word count means changes (a new parser), so that an old
  /// cache is not trusted.
  /// 2: saved pages read by content scoring, Markdown through libcmark-gfm.
  static let version = 2

  struct File: Codable {
    var version: Int
    var entries: [String: Record]
  }

  var records: [String: Record] = [:]

  public static func url(library: URL) -> URL {
    library.appendingPathComponent(".gloss/titles.json")
  }

  /// The cache in `library`, or an empty one.
  public static func read(library: URL) -> TitleCache {
    guard let data = FileManager.default.contents(atPath: url(library: library).path),
      let file = try? JSONDecoder().decode(File.self, from: data), file.version == version
    else { return TitleCache() }
    return TitleCache(records: file.entries)
  }

  /// The title and word count recorded for `path`, if its file is still the one described.
  public func lookup(_ path: String, _ fingerprint: FileFingerprint) -> (title: String, words: Int)? {
    guard let record = records[path], record.size == fingerprint.size,
      record.seconds == fingerprint.modifiedSeconds, record.nanoseconds == fingerprint.modifiedNanoseconds
    else { return nil }
    return (record.title, record.words)
  }

  public mutating func record(_ path: String, _ fingerprint: FileFingerprint, title: String, words: Int) {
    records[path] = Record(
      size: fingerprint.size, seconds: fingerprint.modifiedSeconds, nanoseconds: fingerprint.modifiedNanoseconds,
      title: title, words: words)
  }

  /// Keeps only the paths given (files deleted or renamed since are dropped).
  public mutating func keep(_ paths: Set<String>) {
    records = records.filter { paths.contains($0.key) }
  }

  /// Writes the cache into `library` (atomically), unless the library folder cannot be
  /// written. Failures are ignored: the cache is only a shortcut.
  public func write(library: URL) {
    guard access(library.path, W_OK) == 0 else { return }
    let folder = library.appendingPathComponent(".gloss")
    var info = stat()
    if stat(folder.path, &info) == 0 && access(folder.path, W_OK) != 0 { return }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(File(version: Self.version, entries: records)) else { return }
    try? AtomicFile.write(data, to: Self.url(library: library))
  }
}

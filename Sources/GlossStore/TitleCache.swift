import GlossFormats

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
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
  /// False when a link or something other than a regular file is where the cache goes:
  /// `write` leaves it alone.
  var replaceable = true

  public static func url(library: URL) -> URL {
    library.appendingPathComponent(".gloss/titles.json")
  }

  /// The cache in `library`, or an empty one (`CacheFile`: a damaged cache is replaced, a link
  /// or another kind of file is not).
  public static func read(library: URL) -> TitleCache {
    switch CacheFile.read(File.self, at: url(library: library), version: version) {
    case .file(let file): return TitleCache(records: file.entries)
    case .missing, .otherVersion, .damaged: return TitleCache()
    case .foreign: return TitleCache(replaceable: false)
    }
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

  /// Writes the cache into `library` (`CacheFile.write`), unless what was there is to be left
  /// alone.
  public func write(library: URL) {
    guard replaceable else { return }
    CacheFile.write(File(version: Self.version, entries: records), to: Self.url(library: library), library: library)
  }
}

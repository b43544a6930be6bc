import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where the reader was in each article, remembered across runs in
/// `<library>/.gloss/positions.json`:
///
/// ```json
/// { "positions" : { "why-the-us.txt" : { "offset" : 1234, "updated" : "2026-11-22T10:00:00Z" } },
///   "version" : 1 }
/// ```
///
/// `offset` is the Unicode scalar offset of the first character on the top row. A file that
/// cannot be read (corrupt, or written by a newer Gloss) is never overwritten: the file is read
/// again before every write, and a write is skipped (with the reason) whenever it cannot be
/// read, also when it became unreadable during the session; what is readable is merged.
public struct ReadingPositions: Sendable {
  public static let currentVersion = 1

  public struct Entry: Codable, Sendable, Equatable {
    public var offset: Int
    public var updated: Date
  }
  struct File: Codable {
    var version: Int
    var positions: [String: Entry]
  }

  public enum LoadError: Error, CustomStringConvertible {
    case corrupt(String, String)
    case newerVersion(String, Int)
    public var description: String {
      switch self {
      case .corrupt(let path, let detail):
        return "\(path) is not a readable positions file (\(detail)); it is left untouched, and reading "
          + "positions are not saved while it cannot be read"
      case .newerVersion(let path, let version):
        return "\(path) has version \(version), newer than this Gloss understands "
          + "(\(ReadingPositions.currentVersion)); it is left untouched"
      }
    }
  }

  public let url: URL
  public private(set) var positions: [String: Entry] = [:]
  /// Nil when saving is allowed; else why not (the file on disk could not be read).
  public private(set) var readOnlyReason: String?

  public static func defaultURL(library: URL) -> URL {
    library.appendingPathComponent(".gloss").appendingPathComponent("positions.json")
  }

  /// Loads the file; a missing file is an empty set. A bad file makes the result read-only.
  public init(url: URL) {
    self.url = url
    do {
      positions = try ReadingPositions.read(url)
    } catch {
      readOnlyReason = "\(error)"
    }
  }

  static func read(_ url: URL) throws -> [String: Entry] {
    var info = stat()
    guard stat(url.path, &info) == 0 else {
      if errno == ENOENT || errno == ENOTDIR { return [:] }
      throw LoadError.corrupt(url.path, "cannot read it: \(AtomicFile.reasonText(errno))")
    }
    if let kind = AtomicFile.kind(of: info.st_mode) { throw LoadError.corrupt(url.path, "it is \(kind)") }
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw LoadError.corrupt(url.path, "cannot read it")
    }
    struct VersionOnly: Decodable { var version: Int }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = ISO8601.decodingStrategy
    let version: Int
    do {
      version = try decoder.decode(VersionOnly.self, from: data).version
    } catch {
      throw LoadError.corrupt(url.path, "invalid JSON or no version field")
    }
    if version > currentVersion { throw LoadError.newerVersion(url.path, version) }
    do {
      return try decoder.decode(File.self, from: data).positions
    } catch {
      throw LoadError.corrupt(url.path, "unexpected contents")
    }
  }

  public func offset(for path: String) -> Int? { positions[path]?.offset }

  /// Records a position and writes the file at once (atomically). Returns an error message
  /// when it could not be saved; the position is kept in memory either way.
  @discardableResult
  public mutating func set(_ offset: Int, for path: String, now: Date = Date()) -> String? {
    if positions[path]?.offset == offset { return nil }
    positions[path] = Entry(offset: offset, updated: now)
    return save()
  }

  public func save() -> String? {
    if let reason = readOnlyReason { return reason }
    // Merge with what another process may have written meanwhile; never overwrite a file that
    // cannot be read now (corrupt or newer since start-up).
    var merged: [String: Entry]
    do {
      merged = try ReadingPositions.read(url)
    } catch {
      return "reading position not saved: \(error)"
    }
    for (path, entry) in positions where (merged[path]?.updated ?? .distantPast) <= entry.updated {
      merged[path] = entry
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = ISO8601.encodingStrategy
    do {
      let data = try encoder.encode(File(version: ReadingPositions.currentVersion, positions: merged))
      try AtomicFile.write(data + Data("\n".utf8), to: url)
      return nil
    } catch {
      return "\(error)"
    }
  }
}

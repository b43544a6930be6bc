#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#endif

/// Where the reader was in each article, remembered across runs in
/// `<library>/.gloss/positions.json`:
///
/// ```json
/// { "positions" : { "why-the-us.txt" : { "marks" : { "a" : 2001 }, "offset" : 1234,
///                                        "updated" : "2026-11-22T10:00:00Z" } },
///   "version" : 1 }
/// ```
///
/// `offset` is the Unicode scalar offset of the first character on the top row; `marks`
/// (optional) are the reader's marks `a`–`z`, scalar offsets too. Fields this version does not
/// know, in the file or in an entry, are kept and written back. A file that
/// cannot be read (corrupt, or written by a newer Gloss) is never overwritten: the file is read
/// again before every write, and a write is skipped (with the reason) whenever it cannot be
/// read, also when it became unreadable during the session; what is readable is merged.
public struct ReadingPositions: Sendable {
  public static let currentVersion = 1

  public struct Entry: Codable, Sendable, Equatable {
    public var offset: Int
    public var updated: Date
    /// Marks `a`–`z` → scalar offsets (none: the key is left out).
    public var marks: [String: Int] = [:]
    var extras: [String: JSONValue] = [:]

    public init(offset: Int, updated: Date, marks: [String: Int] = [:]) {
      self.offset = offset
      self.updated = updated
      self.marks = marks
    }

    enum CodingKeys: String, CodingKey { case offset, updated, marks }

    public init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      offset = try c.decode(Int.self, forKey: .offset)
      updated = try c.decode(Date.self, forKey: .updated)
      marks = try c.decodeIfPresent([String: Int].self, forKey: .marks) ?? [:]
      extras = try unknownFields(decoder, known: ["offset", "updated", "marks"])
    }

    public func encode(to encoder: Encoder) throws {
      try encodeUnknownFields(extras, to: encoder)
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(offset, forKey: .offset)
      try c.encode(updated, forKey: .updated)
      if !marks.isEmpty { try c.encode(marks, forKey: .marks) }
    }
  }
  struct File: Codable {
    var version: Int
    var positions: [String: Entry]
    var extras: [String: JSONValue] = [:]

    init(version: Int, positions: [String: Entry], extras: [String: JSONValue]) {
      self.version = version
      self.positions = positions
      self.extras = extras
    }

    enum CodingKeys: String, CodingKey { case version, positions }

    init(from decoder: Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      version = try c.decode(Int.self, forKey: .version)
      positions = try c.decode([String: Entry].self, forKey: .positions)
      extras = try unknownFields(decoder, known: ["version", "positions"])
    }

    func encode(to encoder: Encoder) throws {
      try encodeUnknownFields(extras, to: encoder)
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(version, forKey: .version)
      try c.encode(positions, forKey: .positions)
    }
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
      positions = try ReadingPositions.read(url).positions
    } catch {
      readOnlyReason = "\(error)"
    }
  }

  static func read(_ url: URL) throws -> File {
    var info = stat()
    guard stat(url.path, &info) == 0 else {
      if errno == ENOENT || errno == ENOTDIR { return File(version: currentVersion, positions: [:], extras: [:]) }
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
      return try decoder.decode(File.self, from: data)
    } catch {
      throw LoadError.corrupt(url.path, "unexpected contents")
    }
  }

  public func offset(for path: String) -> Int? { positions[path]?.offset }

  /// An article's marks (`a`–`z` → scalar offset); empty when none were saved.
  public func marks(for path: String) -> [String: Int] { positions[path]?.marks ?? [:] }

  /// Records a position and writes the file at once (atomically). Returns an error message
  /// when it could not be saved; the position is kept in memory either way.
  @discardableResult
  public mutating func set(_ offset: Int, for path: String, now: Date = Date()) -> String? {
    if positions[path]?.offset == offset { return nil }
    var entry = positions[path] ?? Entry(offset: offset, updated: now)
    entry.offset = offset
    entry.updated = now
    positions[path] = entry
    return save()
  }

  /// Records an article's marks `a`–`z` (with `offset` as its position when it has none yet)
  /// and writes the file at once, as `set` does. Marks of other names (another version's, or
  /// a hand edit's) are kept as they are.
  @discardableResult
  public mutating func setMarks(_ given: [String: Int], for path: String, offset: Int, now: Date = Date())
    -> String?
  {
    var marks = given
    for (name, value) in positions[path]?.marks ?? [:] where !ReadingPositions.isMarkName(name) {
      if marks[name] == nil { marks[name] = value }
    }
    if let entry = positions[path], entry.marks == marks { return nil }
    var entry = positions[path] ?? Entry(offset: offset, updated: now)
    entry.marks = marks
    entry.updated = now
    positions[path] = entry
    return save()
  }

  /// The names the reader sets: one letter `a`–`z`.
  static func isMarkName(_ name: String) -> Bool {
    guard name.unicodeScalars.count == 1, let scalar = name.unicodeScalars.first else { return false }
    return ("a"..."z").contains(scalar)
  }

  public func save() -> String? {
    if let reason = readOnlyReason { return reason }
    // Merge with what another process may have written meanwhile; never overwrite a file that
    // cannot be read now (corrupt or newer since start-up).
    var file: File
    do {
      file = try ReadingPositions.read(url)
    } catch {
      return "reading position not saved: \(error)"
    }
    for (path, entry) in positions where (file.positions[path]?.updated ?? .distantPast) <= entry.updated {
      var newer = entry
      // Fields another version wrote since this one read the entry are kept, and so are
      // marks another reader set meanwhile (marks are only ever set, never removed).
      for (key, value) in file.positions[path]?.extras ?? [:] where newer.extras[key] == nil {
        newer.extras[key] = value
      }
      for (name, value) in file.positions[path]?.marks ?? [:] where newer.marks[name] == nil {
        newer.marks[name] = value
      }
      file.positions[path] = newer
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = ISO8601.encodingStrategy
    do {
      file.version = ReadingPositions.currentVersion
      let data = try encoder.encode(file)
      try AtomicFile.write(data + Data("\n".utf8), to: url)
      return nil
    } catch {
      return "\(error)"
    }
  }
}

import Foundation
import GlossModel

#if canImport(Glibc)
  import Glibc
#endif

/// Annotations on disk, in `<library>/.gloss/annotations.json` (or `--store FILE`):
///
/// ```json
/// {
///   "annotations" : [ { "anchor" : "exact", "article" : "why-the-us.txt", "color" : "yellow",
///                       "created" : "2026-11-22T10:00:00Z", "end" : 120, "id" : "…",
///                       "modified" : "2026-11-22T10:00:00Z", "note" : "", "prefix" : "…",
///                       "quote" : "…", "start" : 100, "suffix" : "…", "tags" : [ "diplomacy" ] } ],
///   "deleted" : [ { "deleted" : "2026-11-22T11:00:00Z", "id" : "…" } ],
///   "version" : 1
/// }
/// ```
///
/// Offsets are Unicode scalar offsets into the article's canonical text (see `Article`).
/// `deleted` keeps tombstones so that a deletion survives a merge with another process.
///
/// Every change is saved at once: under an exclusive lock on `<file>.lock` the file is read
/// again, merged by annotation id (the newest `modified` wins; a tombstone newer than an
/// annotation deletes it), the old file is copied to `<file>.bak`, and the new one is
/// written atomically (temporary file, fsync, rename). A file that cannot be read — corrupt,
/// wrong types, or a newer version — is never overwritten: the store becomes read-only.
public final class AnnotationStore {
  public static let currentVersion = 1

  struct Tombstone: Codable, Equatable {
    var id: UUID
    var deleted: Date
  }

  struct File: Codable {
    var version: Int
    var annotations: [Annotation]
    var deleted: [Tombstone]
  }

  public enum LoadError: Error, CustomStringConvertible {
    case corrupt(path: String, detail: String)
    case newerVersion(path: String, version: Int)

    public var description: String {
      switch self {
      case .corrupt(let path, let detail):
        return "cannot read annotations from \(path): \(detail). The file is left untouched; fix it or restore \(path).bak, then run gloss again"
      case .newerVersion(let path, let version):
        return "\(path) was written by a newer Gloss (format version \(version); this one reads up to \(AnnotationStore.currentVersion)). The file is left untouched; upgrade Gloss to use it"
      }
    }
  }

  public let url: URL
  public private(set) var annotations: [UUID: Annotation] = [:]
  /// `all`, kept up to date for a few changes at a time (one highlight in a store of 100,000
  /// must not re-sort it); many changes at once (a merge) drop it to be sorted again.
  private var sortedCache: [Annotation]?
  private var editsSinceSort = 0
  private var tombstones: [UUID: Date] = [:]
  /// The file's bytes as this store last read or wrote them: when the file still holds
  /// exactly these, everything in it is already merged and a save need not decode it again.
  private var diskBytes: Data?
  /// Why the store may not be written (the file on disk could not be read), or nil.
  public private(set) var readOnlyReason: String?
  /// True when the last save found changes from another process in the file and merged them
  /// (so `all` holds more than this process's own changes).
  public private(set) var lastSaveMergedOutsideChanges = false
  /// True when a change is kept in memory only because the last save failed.
  public private(set) var hasUnsavedChanges = false

  public static func defaultURL(library: URL) -> URL {
    library.appendingPathComponent(".gloss").appendingPathComponent("annotations.json")
  }

  /// Opens a store. A missing file is an empty store; an unreadable one throws (and is never
  /// written to by this instance if `allowReadOnly` keeps it open for reading).
  public init(url: URL) throws {
    self.url = url
    let (file, bytes) = try AnnotationStore.read(url)
    diskBytes = bytes
    annotations = Dictionary(file.annotations.map { ($0.id, $0) }, uniquingKeysWith: { a, b in a.modified >= b.modified ? a : b })
    // Files are written in store order: then there is nothing to sort.
    if annotations.count == file.annotations.count,
      zip(file.annotations, file.annotations.dropFirst()).allSatisfy({ AnnotationStore.storeOrder($0, $1) })
    {
      sortedCache = file.annotations
    }
    tombstones = Dictionary(file.deleted.map { ($0.id, $0.deleted) }, uniquingKeysWith: max)
  }

  /// A store that could not be read: empty, and read-only with the reason.
  public init(unreadable url: URL, reason: String) {
    self.url = url
    readOnlyReason = reason
  }

  /// Opens a store, or an empty read-only one when the file cannot be read.
  public static func openForReading(url: URL) -> AnnotationStore {
    do {
      return try AnnotationStore(url: url)
    } catch {
      return AnnotationStore(unreadable: url, reason: "\(error)")
    }
  }

  /// Decodes store bytes as `init(url:)` does (for fuzzing and tools); returns the number of
  /// annotations, or throws the same errors.
  public static func validate(_ data: Data, path: String = "annotations.json") throws -> Int {
    try decode(data, url: URL(fileURLWithPath: path)).annotations.count
  }

  /// The file's contents and its bytes (nil when there is no file).
  static func read(_ url: URL) throws -> (File, Data?) {
    guard let data = try readBytes(url) else {
      return (File(version: currentVersion, annotations: [], deleted: []), nil)
    }
    return (try decode(data, url: url), data)
  }

  static func readBytes(_ url: URL) throws -> Data? {
    guard FileManager.default.fileExists(atPath: url.path) else { return nil }
    do {
      return try Data(contentsOf: url)
    } catch {
      throw LoadError.corrupt(path: url.path, detail: "the file cannot be opened")
    }
  }

  /// For fuzzing: nil when the fast reader and writer agree with JSONDecoder and JSONEncoder
  /// on these bytes, else what differs.
  public static func fastPathDisagreement(_ data: Data) -> String? {
    guard let fast = StoreJSON.decode(data) else { return nil }
    let url = URL(fileURLWithPath: "/fuzz.json")
    let slow: File
    do {
      slow = try decodeWithFoundation(data, url: url)
    } catch LoadError.newerVersion(_, let version) where version == fast.version {
      return nil  // both read it; both refuse a newer format
    } catch {
      return "the fast reader accepted a file JSONDecoder rejects (\(error))"
    }
    if fast.version != slow.version || fast.annotations != slow.annotations || fast.deleted != slow.deleted {
      return "the fast reader and JSONDecoder read different contents"
    }
    // Foundation writes dates before the Gregorian reform (1582) in the Julian calendar and
    // years past 9999 its own way; Gloss writes and reads the proleptic Gregorian calendar
    // consistently. Timestamps outside those years are not compared.
    let gregorian = -12_212_553_600.0..<253_402_300_800.0  // 1583-01-01 ..< 10000-01-01
    let dates = fast.annotations.flatMap { [$0.created, $0.modified] } + fast.deleted.map(\.deleted)
    guard dates.allSatisfy({ gregorian.contains($0.timeIntervalSince1970) }) else { return nil }
    guard let expected = try? Interchange.encoder().encode(fast) + Data("\n".utf8), expected == StoreJSON.encode(fast) else {
      return "the fast writer and JSONEncoder wrote different bytes"
    }
    return nil
  }

  static func decode(_ data: Data, url: URL) throws -> File {
    if let file = StoreJSON.decode(data) {
      if file.version > currentVersion { throw LoadError.newerVersion(path: url.path, version: file.version) }
      return file
    }
    return try decodeWithFoundation(data, url: url)
  }

  /// JSONDecoder: slower, but it reads everything valid JSON allows and says where a file is
  /// wrong. Used when the fast reader gives up.
  static func decodeWithFoundation(_ data: Data, url: URL) throws -> File {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let container = try decoder.singleValueContainer()
      let text = try container.decode(String.self)
      guard let date = parseISO8601(text) else {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 date such as 2026-11-22T10:00:00Z")
      }
      return date
    }
    struct VersionOnly: Decodable { var version: Int }
    // One decode in the common case; on failure, tell a newer format from a broken file.
    do {
      let file = try decoder.decode(File.self, from: data)
      if file.version > currentVersion { throw LoadError.newerVersion(path: url.path, version: file.version) }
      return file
    } catch let error as LoadError {
      throw error
    } catch {
      if let version = try? decoder.decode(VersionOnly.self, from: data).version, version > currentVersion {
        throw LoadError.newerVersion(path: url.path, version: version)
      }
      throw LoadError.corrupt(path: url.path, detail: describe(error, data: data))
    }
  }

  /// Where a decoding error is, in words a person can act on.
  static func describe(_ error: Error, data: Data) -> String {
    func path(_ codingPath: [CodingKey]) -> String {
      codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch error as? DecodingError {
    case .dataCorrupted(let context)?:
      if context.codingPath.isEmpty {
        return "invalid JSON" + syntaxErrorLocation(data)
      }
      return "bad value at \(path(context.codingPath)): \(context.debugDescription)"
    case .keyNotFound(let key, let context)?:
      return "missing \(path(context.codingPath + [key]))"
    case .typeMismatch(let type, let context)?:
      return "wrong type at \(path(context.codingPath)), expected \(type)"
    case .valueNotFound(let type, let context)?:
      return "missing value at \(path(context.codingPath)), expected \(type)"
    default:
      return "invalid JSON"
    }
  }

  /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` quickly (Foundation's parser is slow in bulk).
  static func parseISO8601(_ s: String) -> Date? {
    var s = s
    return s.withUTF8 { parseISO8601($0) }
  }

  static func parseISO8601(_ u: UnsafeBufferPointer<UInt8>) -> Date? {
    func number(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= u.count else { return nil }
      var n = 0
      for i in from..<(from + count) {
        guard u[i] >= 48 && u[i] <= 57 else { return nil }
        n = n * 10 + Int(u[i] - 48)
      }
      return n
    }
    guard u.count >= 20, u[4] == 45, u[7] == 45, u[10] == 84 || u[10] == 116, u[13] == 58, u[16] == 58,
      let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
      let minute = number(14, 2), let second = number(17, 2), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var i = 19
    var fraction = 0.0
    if i < u.count && u[i] == 46 {
      i += 1
      var scale = 0.1
      while i < u.count && u[i] >= 48 && u[i] <= 57 {
        fraction += Double(u[i] - 48) * scale
        scale /= 10
        i += 1
      }
    }
    var offset = 0
    guard i < u.count else { return nil }
    if u[i] == 90 || u[i] == 122 {
      i += 1
    } else if u[i] == 43 || u[i] == 45, let h = number(i + 1, 2), let m = number(i + 4, 2) {
      offset = (h * 3600 + m * 60) * (u[i] == 43 ? 1 : -1)
      i += 6
    } else {
      return nil
    }
    guard i == u.count else { return nil }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146097 + doe - 719468
    let seconds = Double(days * 86400 + hour * 3600 + minute * 60 + second - offset) + fraction
    return Date(timeIntervalSince1970: seconds)
  }

  /// " at line L, column C" for a JSON syntax error, when the parser says where.
  static func syntaxErrorLocation(_ data: Data) -> String {
    do {
      _ = try JSONSerialization.jsonObject(with: data)
      return ""
    } catch {
      let text = "\(error) \((error as NSError).userInfo)"
      guard let range = text.range(of: #"character (\d+)"#, options: .regularExpression),
        let index = Int(text[range].dropFirst("character ".count))
      else { return "" }
      let prefix = data.prefix(index)
      let lines = prefix.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      let column = String(decoding: lines.last ?? Data(), as: UTF8.self).count + 1
      return " at line \(lines.count), column \(column)"
    }
  }

  // MARK: - Queries

  /// Live annotations, in article order then position.
  public var all: [Annotation] {
    if let sortedCache { return sortedCache }
    let sorted = annotations.values.sorted(by: AnnotationStore.storeOrder)
    sortedCache = sorted
    editsSinceSort = 0
    return sorted
  }

  static func storeOrder(_ a: Annotation, _ b: Annotation) -> Bool {
    (a.article, a.start, a.created, a.id.sortKey) < (b.article, b.start, b.created, b.id.sortKey)
  }

  /// Sets or removes one annotation, keeping `all` sorted without sorting it again.
  private func set(_ id: UUID, _ new: Annotation?) {
    let old = new.map { annotations.updateValue($0, forKey: id) } ?? annotations.removeValue(forKey: id)
    guard var sorted = sortedCache else { return }
    sortedCache = nil
    editsSinceSort += 1
    guard editsSinceSort <= 64 else { return }
    func firstIndex(notBefore a: Annotation) -> Int {
      sorted.partitioningIndex { AnnotationStore.storeOrder($0, a) }
    }
    if let old {
      let i = firstIndex(notBefore: old)
      guard i < sorted.count, sorted[i].id == id else { return }  // not where expected: sort again
      sorted.remove(at: i)
    }
    if let new { sorted.insert(new, at: firstIndex(notBefore: new)) }
    sortedCache = sorted
  }

  public func annotations(forArticle path: String) -> [Annotation] {
    all.filter { $0.article == path }
  }

  /// Every tag with how many annotations carry it, most used first.
  public var tagCounts: [(tag: String, count: Int)] {
    var counts: [String: (String, Int)] = [:]
    for annotation in all {
      for tag in annotation.tags {
        let key = tag.lowercased()
        counts[key] = (counts[key]?.0 ?? tag, (counts[key]?.1 ?? 0) + 1)
      }
    }
    return counts.values.map { (tag: $0.0, count: $0.1) }.sorted { ($1.count, $0.tag.lowercased()) < ($0.count, $1.tag.lowercased()) }
  }

  // MARK: - Changes

  public struct SaveError: Error, CustomStringConvertible {
    public var description: String
  }

  /// Applies changes in memory and saves at once. On failure the changes stay in memory
  /// (and are retried with the next save) and the error says why.
  public func apply(upserts: [Annotation], deletions: [UUID], now: Date = Date()) throws {
    if let reason = readOnlyReason { throw SaveError(description: "annotations are read-only: \(reason)") }
    for annotation in upserts {
      set(annotation.id, annotation)
      if let deleted = tombstones[annotation.id], deleted <= annotation.modified { tombstones[annotation.id] = nil }
    }
    for id in deletions {
      set(id, nil)
      tombstones[id] = max(now, tombstones[id] ?? now)
    }
    hasUnsavedChanges = true
    try save()
  }

  /// Merges with the file on disk and writes it (under the lock).
  public func save() throws {
    if let reason = readOnlyReason { throw SaveError(description: "annotations are read-only: \(reason)") }
    let directory = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw SaveError(description: "cannot save annotations: cannot create \(directory.path); they are kept in memory and saved with the next change")
    }
    let lockPath = url.path + ".lock"
    let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard lock >= 0 else {
      throw SaveError(description: "cannot save annotations to \(url.path): \(String(cString: strerror(errno))); they are kept in memory and saved with the next change")
    }
    defer { close(lock) }
    while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
    defer { flock(lock, LOCK_UN) }

    // Read what is there now (another process may have written), and merge unless it is
    // byte for byte what this store last read or wrote.
    let old: Data?
    do {
      old = try AnnotationStore.readBytes(url)
      lastSaveMergedOutsideChanges = false
      if let old, old != diskBytes {
        merge(try AnnotationStore.decode(old, url: url))
        lastSaveMergedOutsideChanges = true
      }
    } catch {
      readOnlyReason = "\(error)"
      throw SaveError(description: "\(error)")
    }
    let data = StoreJSON.encode(file)
    do {
      if let old, old != data {
        try AtomicFile.write(old, to: URL(fileURLWithPath: url.path + ".bak"))
      }
      try AtomicFile.write(data, to: url)
      diskBytes = data
      hasUnsavedChanges = false
    } catch {
      throw SaveError(description: "cannot save annotations: \(error); they are kept in memory and saved with the next change")
    }
  }

  /// What the file holds for the store as it is in memory.
  var file: File {
    File(
      version: AnnotationStore.currentVersion, annotations: all,
      deleted: tombstones.map { Tombstone(id: $0.key, deleted: $0.value) }.sorted { $0.id.sortKey < $1.id.sortKey })
  }

  /// Newest `modified` wins; a tombstone newer than the annotation deletes it.
  func merge(_ disk: File) {
    for (id, date) in disk.deleted.map({ ($0.id, $0.deleted) }) {
      tombstones[id] = max(date, tombstones[id] ?? date)
    }
    for theirs in disk.annotations {
      if let ours = annotations[theirs.id] {
        if theirs.modified > ours.modified { set(theirs.id, theirs) }
      } else if tombstones[theirs.id] == nil {
        set(theirs.id, theirs)
      }
    }
    for (id, deleted) in tombstones {
      if let annotation = annotations[id] {
        if deleted >= annotation.modified { set(id, nil) } else { tombstones[id] = nil }
      }
    }
  }
}

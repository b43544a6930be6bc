import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#endif

/// The annotations file as the store reads it: its contents, and every way it can be wrong,
/// said in words a person can act on.
extension AnnotationStore {
  struct Tombstone: Codable, Equatable {
    var id: UUID
    var deleted: Date
  }

  struct File: Codable {
    var version: Int
    var annotations: [Annotation]
    var deleted: [Tombstone]
    /// Top-level fields this version does not know: kept and written back.
    var extras: [String: JSONValue] = [:]
    /// Fields of annotations this version does not know, by annotation id.
    var annotationExtras: [UUID: [String: JSONValue]] = [:]

    init(
      version: Int, annotations: [Annotation], deleted: [Tombstone], extras: [String: JSONValue] = [:],
      annotationExtras: [UUID: [String: JSONValue]] = [:]
    ) {
      self.version = version
      self.annotations = annotations
      self.deleted = deleted
      self.extras = extras
      self.annotationExtras = annotationExtras
    }

    var stableAnnotations: [Annotation] { AnnotationStore.stableOrder(annotations, id: \.id) }
    var stableTombstones: [Tombstone] { AnnotationStore.stableOrder(deleted, id: \.id) }

    enum CodingKeys: String, CodingKey {
      case version, annotations, deleted
    }

    /// An annotation record with the fields this version does not know.
    struct Record: Codable {
      static let known: Set<String> = [
        "anchor", "article", "color", "created", "end", "id", "modified", "note", "prefix", "quote", "start", "suffix",
        "tags",
      ]
      var annotation: Annotation
      var extras: [String: JSONValue]

      init(annotation: Annotation, extras: [String: JSONValue]) {
        self.annotation = annotation
        self.extras = extras
      }

      init(from decoder: Decoder) throws {
        annotation = try Annotation(from: decoder)
        extras = try unknownFields(decoder, known: Record.known)
      }

      func encode(to encoder: Encoder) throws {
        try annotation.encode(to: encoder)
        try encodeUnknownFields(extras, to: encoder)
      }
    }

    init(from decoder: Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      version = try container.decode(Int.self, forKey: .version)
      let records = try container.decode([Record].self, forKey: .annotations)
      annotations = records.map(\.annotation)
      for record in records where !record.extras.isEmpty { annotationExtras[record.annotation.id] = record.extras }
      deleted = try container.decode([Tombstone].self, forKey: .deleted)
      extras = try unknownFields(decoder, known: ["version", "annotations", "deleted"])
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(version, forKey: .version)
      try container.encode(
        stableAnnotations.map { Record(annotation: $0, extras: annotationExtras[$0.id] ?? [:]) },
        forKey: .annotations)
      try container.encode(stableTombstones, forKey: .deleted)
      try encodeUnknownFields(extras, to: encoder)
    }
  }

  /// The order the file is written in: annotations and tombstones by id. An annotation keeps
  /// its place whatever happens to it (store order, by article and position, would move it
  /// when it is re-anchored), so `git diff` shows only the lines of what changed and two
  /// machines' files merge line by line (see StoreMerge.swift for `gloss merge`).
  static func stableOrder<T>(_ items: [T], id: (T) -> UUID) -> [T] {
    let keys = items.map { id($0).sortKey }
    if zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) { return items }
    return keys.indices.sorted { keys[$0] < keys[$1] }.map { items[$0] }
  }

  public enum LoadError: Error, CustomStringConvertible {
    case corrupt(path: String, detail: String)
    case newerVersion(path: String, version: Int)
    /// Two records with one id: Gloss will not choose between them.
    case duplicateID(path: String, id: UUID)
    /// A folder, FIFO, device…: never read or replaced.
    case notAFile(path: String, kind: String)

    public var description: String {
      switch self {
      case .corrupt(let path, let detail):
        let restore = FileManager.default.fileExists(atPath: path + ".bak") ? " or restore \(path).bak" : ""
        return "cannot read annotations from \(path): \(detail). The file is left untouched; fix it\(restore), "
          + "then run gloss again"
      case .newerVersion(let path, let version):
        return "\(path) was written by a newer Gloss (format version \(version); this one reads up to "
          + "\(AnnotationStore.currentVersion)). The file is left untouched; upgrade Gloss to use it"
      case .duplicateID(let path, let id):
        return "\(path) holds two annotations with the id \(id.uuidString) (a hand or git merge?); Gloss will not "
          + "choose between them. The file is left untouched; give one of them a new id or remove one, then run "
          + "gloss again"
      case .notAFile(let path, let kind):
        if kind == "a folder" {
          return "\(path) is a folder, not an annotations file; give a file path such as "
            + "\(path)/annotations.json"
        }
        return "\(path) is \(kind), not a regular file; annotations are read from and saved to regular files only"
      }
    }
  }

  /// The file's contents and its bytes (nil when there is no file).
  static func read(_ url: URL) throws -> (File, Data?) {
    guard let data = try readBytes(url) else {
      return (File(version: currentVersion, annotations: [], deleted: []), nil)
    }
    return (try decode(data, url: url), data)
  }

  /// The file's bytes, nil when there is none. Only a regular file (through any links) is
  /// opened: a FIFO would block, a folder or device is not a store.
  static func readBytes(_ url: URL) throws -> Data? {
    var info = stat()
    guard stat(url.path, &info) == 0 else {
      // No file (or a link to a file not made yet, which the first save creates).
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw LoadError.corrupt(path: url.path, detail: "the file cannot be opened (\(AtomicFile.reasonText(errno)))")
    }
    if let kind = AtomicFile.kind(of: info.st_mode) { throw LoadError.notAFile(path: url.path, kind: kind) }
    do {
      return try Data(contentsOf: url)
    } catch {
      throw LoadError.corrupt(path: url.path, detail: "the file cannot be opened (\(AtomicFile.reasonText(errno)))")
    }
  }

  static func decode(_ data: Data, url: URL) throws -> File {
    let file: File
    if let fast = StoreJSON.decode(data) {
      if fast.version > currentVersion { throw LoadError.newerVersion(path: url.path, version: fast.version) }
      file = fast
    } else {
      file = try decodeWithFoundation(data, url: url)
    }
    var seen = Set<UUID>()
    seen.reserveCapacity(file.annotations.count)
    for annotation in file.annotations where !seen.insert(annotation.id).inserted {
      throw LoadError.duplicateID(path: url.path, id: annotation.id)
    }
    return file
  }

  static var decoder: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = ISO8601.decodingStrategy
    return decoder
  }

  /// JSONDecoder: slower, but it reads everything valid JSON allows. Used when the fast reader
  /// gives up; when it fails too, `StoreCheck` says what is wrong and where.
  static func decodeWithFoundation(_ data: Data, url: URL) throws -> File {
    struct VersionOnly: Decodable { var version: Int }
    let decoder = decoder
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
      throw LoadError.corrupt(path: url.path, detail: StoreCheck.problem(data) ?? "unexpected contents")
    }
  }
}

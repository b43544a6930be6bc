import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

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
/// wrong types, two records with one id, or a newer version — is never overwritten: changes
/// stay in memory (`unsavedCount`) and every later change or `retrySave()` reads the file
/// again, merging and saving as soon as it can be read. Fields this version does not know
/// are kept and written back.
public final class AnnotationStore {
  public static let currentVersion = 1

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
  /// Ids of annotations changed (or deleted) in memory and not yet saved to the file.
  private var pending = Set<UUID>()
  /// Top-level fields of the file this version does not know.
  private var fileExtras: [String: JSONValue] = [:]
  /// Fields of annotations this version does not know, by id.
  private var extras: [UUID: [String: JSONValue]] = [:]

  /// True when a change is kept in memory only because the last save failed.
  public var hasUnsavedChanges: Bool { !pending.isEmpty }
  /// How many annotations were changed or deleted in memory but are not saved in the file.
  public var unsavedCount: Int { pending.count }

  public static func defaultURL(library: URL) -> URL {
    library.appendingPathComponent(".gloss").appendingPathComponent("annotations.json")
  }

  /// Opens a store. A missing file is an empty store; an unreadable one throws (see
  /// `openForReading` for a store that opens anyway and is never written over that file).
  public init(url: URL) throws {
    self.url = url
    let (file, bytes) = try AnnotationStore.read(url)
    diskBytes = bytes
    if bytes != nil, AtomicFile.isReadOnly(url) {
      readOnlyReason = "\(url.path) is read-only (make it writable to save annotations)"
    }
    annotations = Dictionary(
      file.annotations.map { ($0.id, $0) }, uniquingKeysWith: { a, b in a.modified >= b.modified ? a : b })
    // Files are written in store order: then there is nothing to sort.
    if annotations.count == file.annotations.count,
      zip(file.annotations, file.annotations.dropFirst()).allSatisfy({ AnnotationStore.storeOrder($0, $1) })
    {
      sortedCache = file.annotations
    }
    tombstones = Dictionary(file.deleted.map { ($0.id, $0.deleted) }, uniquingKeysWith: max)
    fileExtras = file.extras
    extras = file.annotationExtras
  }

  /// A store that could not be read: empty, with the reason. Changes are kept in memory, and
  /// each one reads the file again (see `apply`).
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

  /// For fuzzing: nil when the fast reader and writer agree with JSONDecoder and JSONEncoder
  /// on these bytes, else what differs.
  package static func fastPathDisagreement(_ data: Data) -> String? {
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
    if fast.version != slow.version || fast.annotations != slow.annotations || fast.deleted != slow.deleted
      || fast.extras != slow.extras || fast.annotationExtras != slow.annotationExtras
    {
      return "the fast reader and JSONDecoder read different contents"
    }
    guard let expected = try? Interchange.encoder().encode(fast) + Data("\n".utf8), expected == StoreJSON.encode(fast)
    else {
      return "the fast writer and JSONEncoder wrote different bytes"
    }
    return nil
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
  public var tagCounts: [(tag: String, count: Int)] { AnnotationQueries.tagCounts(all) }

  // MARK: - Changes

  public struct SaveError: Error, CustomStringConvertible {
    public var description: String
  }

  /// Applies changes in memory and saves at once. On failure the changes stay in memory
  /// (`unsavedCount`; retried with the next change or `retrySave()`) and the error says why.
  /// A store whose file could not be read reads it again first: if it can be read now, the
  /// changes are merged and saved; if not, nothing is written.
  public func apply(upserts: [Annotation], deletions: [UUID], now: Date = Date()) throws {
    for annotation in upserts {
      set(annotation.id, annotation)
      pending.insert(annotation.id)
      if let deleted = tombstones[annotation.id], deleted <= annotation.modified { tombstones[annotation.id] = nil }
    }
    for id in deletions {
      set(id, nil)
      pending.insert(id)
      extras[id] = nil
      tombstones[id] = max(now, tombstones[id] ?? now)
    }
    try save()
  }

  /// Saves what is kept in memory (the same as `save()`): for a store whose last save failed.
  public func retrySave() throws {
    try save()
  }

  /// Merges with the file on disk and writes it (under the lock). Reads the file first, so a
  /// file that could not be read before is merged as soon as it can be; one that still cannot
  /// be read is left untouched and the error says why.
  public func save() throws {
    let directory = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw SaveError(description: "cannot save annotations: cannot create \(directory.path)")
    }
    let lockPath = url.path + ".lock"
    let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard lock >= 0 else {
      throw SaveError(description: "cannot save annotations to \(url.path): \(AtomicFile.reasonText(errno))")
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
      readOnlyReason = nil
    } catch {
      readOnlyReason = "\(error)"
      throw SaveError(description: "annotations not saved: \(error)")
    }
    // A file made read-only is someone's choice: never replaced (a rename over it would work).
    if old != nil, AtomicFile.isReadOnly(url) {
      let reason = "\(url.path) is read-only (make it writable to save annotations)"
      readOnlyReason = reason
      throw SaveError(description: "annotations not saved: \(reason)")
    }
    let data = StoreJSON.encode(file)
    do {
      if let old, old != data {
        try AtomicFile.write(old, to: URL(fileURLWithPath: url.path + ".bak"))
      }
      try AtomicFile.write(data, to: url)
      diskBytes = data
      pending.removeAll()
    } catch {
      throw SaveError(description: "cannot save annotations: \(error)")
    }
  }

  var pendingIDs: Set<UUID> { pending }
  func tombstones(for id: UUID) -> Date? { tombstones[id] }
  func recordedExtras(of id: UUID) -> [String: JSONValue]? { extras[id] }

  /// What the file holds for the store as it is in memory.
  var file: File {
    File(
      version: AnnotationStore.currentVersion, annotations: all,
      deleted: tombstones.map { Tombstone(id: $0.key, deleted: $0.value) }.sorted { $0.id.sortKey < $1.id.sortKey },
      extras: fileExtras, annotationExtras: extras)
  }

  /// Newest `modified` wins; a tombstone newer than the annotation deletes it.
  func merge(_ disk: File) {
    // Unknown top-level fields: the file's (the newest writer's) win.
    fileExtras = disk.extras
    for (id, fields) in disk.annotationExtras where extras[id] == nil { extras[id] = fields }
    for (id, date) in disk.deleted.map({ ($0.id, $0.deleted) }) {
      tombstones[id] = max(date, tombstones[id] ?? date)
    }
    for theirs in disk.annotations {
      if let ours = annotations[theirs.id] {
        if theirs.modified > ours.modified {
          set(theirs.id, theirs)
          extras[theirs.id] = disk.annotationExtras[theirs.id]
        }
      } else if tombstones[theirs.id] == nil {
        set(theirs.id, theirs)
      }
    }
    for (id, deleted) in tombstones {
      if let annotation = annotations[id] {
        if deleted >= annotation.modified {
          set(id, nil)
          extras[id] = nil
        } else {
          tombstones[id] = nil
        }
      }
    }
  }
}

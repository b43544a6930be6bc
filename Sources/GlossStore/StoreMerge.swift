import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#endif

/// `gloss merge BASE OURS THEIRS`: a three-way merge of annotations files, as git's merge
/// driver for `.gloss/annotations.json` (`merge.gloss.driver "gloss merge %O %A %B"`).
///
/// Annotations are matched by id. Added on either side: kept. In BASE and gone from one side:
/// deleted when the other side left it unchanged; when the other side edited it, the edited
/// one is kept and a notice says so. Edited on both sides, field by field against BASE: tags
/// as a set (a tag removed on either side stays removed, additions from both are kept); colour
/// and note take the side that changed them; both changed differently is a conflict — the
/// colour stays ours, the note keeps ours and appends theirs between marker lines
/// (`noteConflictMarker` … `noteConflictEnd`). The position (article, offsets, quote, context,
/// anchor) takes the side that changed it, else ours (re-anchoring recomputes it); `modified`
/// is the later one. Fields this version does not know are merged the same way, key by key,
/// ours winning when both changed. Tombstones are the union (latest date), less the ids still
/// alive. The result is written with the store's writer (sorted keys, ordered by id).
public enum StoreMerge {
  /// The first line of theirs in a note both sides changed.
  public static let noteConflictMarker =
    "<<<<<<< theirs (gloss merge: both sides changed this note; keep what you want)"
  /// The line after theirs.
  public static let noteConflictEnd = ">>>>>>> end of theirs"

  /// Something about one annotation a person should know.
  public struct Item: Equatable, Sendable {
    public var id: UUID
    public var article: String
    public var quote: String
    public var what: String
  }

  public struct Report: Equatable, Sendable {
    /// Changes on both sides that could not both be kept as they were: the result holds ours
    /// (and theirs, for notes); git should report a conflict (exit 1).
    public var conflicts: [Item] = []
    /// Merged cleanly, but worth saying (a deletion not honoured because the other side edited).
    public var notices: [Item] = []
    public var isClean: Bool { conflicts.isEmpty }
  }

  public struct ReadError: Error, CustomStringConvertible {
    public var description: String
  }

  // MARK: - Files

  /// Reads the three files, merges them and writes the result over `ours` (atomically; not at
  /// all when it would not change). Throws `ReadError` before writing anything when any of
  /// them cannot be read, or when OURS is read-only. An empty file (git's BASE when neither side had the file) is an
  /// empty store.
  public static func mergeFiles(base: URL, ours: URL, theirs: URL) throws -> Report {
    let b = try read(base)
    let o = try read(ours)
    let t = try read(theirs)
    let (merged, report) = merge(base: b.file, ours: o.file, theirs: t.file)
    let data = StoreJSON.encode(merged)
    if data != o.bytes {
      if AtomicFile.isReadOnly(ours) {
        throw ReadError(description: "\(ours.path) is read-only: the merge was not written, and it was left as it was")
      }
      do {
        try AtomicFile.write(data, to: ours)
      } catch {
        throw ReadError(description: "the merge was not written: \(error)")
      }
    }
    return report
  }

  static func read(_ url: URL) throws -> (file: AnnotationStore.File, bytes: Data) {
    let data: Data
    do {
      guard let bytes = try AnnotationStore.readBytes(url) else {
        throw ReadError(description: "cannot read \(url.path): no such file")
      }
      data = bytes
    } catch let error as ReadError {
      throw error
    } catch {
      throw ReadError(description: "\(error)")
    }
    if data.allSatisfy({ [0x20, 0x0A, 0x0D, 0x09].contains($0) }) {
      return (AnnotationStore.File(version: AnnotationStore.currentVersion, annotations: [], deleted: []), data)
    }
    do {
      return (try AnnotationStore.decode(data, url: url), data)
    } catch {
      throw ReadError(description: "\(error)")
    }
  }

  // MARK: - Merging

  struct Side {
    var annotations: [UUID: Annotation] = [:]
    var extras: [UUID: [String: JSONValue]]
    var tombstones: [UUID: Date]

    init(_ file: AnnotationStore.File) {
      // Files with one id twice are refused when read; keep the newest all the same.
      annotations = Dictionary(file.annotations.map { ($0.id, $0) }) { $0.modified >= $1.modified ? $0 : $1 }
      extras = file.annotationExtras
      tombstones = Dictionary(file.deleted.map { ($0.id, $0.deleted) }, uniquingKeysWith: max)
    }
  }

  /// The three-way merge of three files (see the type's comment for the rules).
  static func merge(
    base: AnnotationStore.File, ours: AnnotationStore.File, theirs: AnnotationStore.File
  ) -> (AnnotationStore.File, Report) {
    let b = Side(base)
    let o = Side(ours)
    let t = Side(theirs)
    var report = Report()
    var result: [Annotation] = []
    var resultExtras: [UUID: [String: JSONValue]] = [:]
    let ids = Set(b.annotations.keys).union(o.annotations.keys).union(t.annotations.keys)
      .sorted { $0.sortKey < $1.sortKey }
    for id in ids {
      let base = b.annotations[id]
      var kept: (Annotation, [String: JSONValue])?
      switch (o.annotations[id], t.annotations[id]) {
      case (let mine?, let their?):
        kept = both(
          base: base.map { ($0, b.extras[id] ?? [:]) }, ours: (mine, o.extras[id] ?? [:]),
          theirs: (their, t.extras[id] ?? [:]), report: &report)
      case (let mine?, nil):
        kept = oneSide(
          (mine, o.extras[id] ?? [:]), base: base.map { ($0, b.extras[id] ?? [:]) }, otherTombstone: t.tombstones[id],
          side: "ours", other: "theirs", report: &report)
      case (nil, let their?):
        kept = oneSide(
          (their, t.extras[id] ?? [:]), base: base.map { ($0, b.extras[id] ?? [:]) },
          otherTombstone: o.tombstones[id], side: "theirs", other: "ours", report: &report)
      case (nil, nil):
        kept = nil
      }
      if let (annotation, extras) = kept {
        result.append(annotation)
        if !extras.isEmpty { resultExtras[id] = extras }
      }
    }
    var tombstones = b.tombstones.merging(o.tombstones, uniquingKeysWith: max).merging(
      t.tombstones, uniquingKeysWith: max)
    let alive = Set(result.map(\.id))
    // A deletion with no tombstone (a hand edit) still gets one, dated as BASE's record: a
    // running gloss holding that record unchanged lets it go; one that edited it keeps it.
    for (id, annotation) in b.annotations where tombstones[id] == nil && !alive.contains(id) {
      tombstones[id] = annotation.modified
    }
    for id in alive { tombstones[id] = nil }
    let file = AnnotationStore.File(
      version: AnnotationStore.currentVersion, annotations: result,
      deleted: tombstones.map { AnnotationStore.Tombstone(id: $0.key, deleted: $0.value) },
      extras: fields(base: base.extras, ours: ours.extras, theirs: theirs.extras),
      annotationExtras: resultExtras)
    return (file, report)
  }

  typealias Record = (annotation: Annotation, extras: [String: JSONValue])

  /// An annotation on one side only: added there (kept unless the other side has a later
  /// tombstone for it), or deleted on the other side (honoured unless this side edited it).
  static func oneSide(
    _ record: Record, base: Record?, otherTombstone: Date?, side: String, other: String, report: inout Report
  ) -> Record? {
    guard let base else {
      if let deleted = otherTombstone, deleted >= record.annotation.modified { return nil }
      return record
    }
    if record.annotation == base.annotation && record.extras == base.extras { return nil }
    report.notices.append(
      item(record.annotation, "deleted in \(other) but changed in \(side): the changed one is kept"))
    return record
  }

  /// The annotation as both sides have it, merged field by field against BASE (nil when both
  /// added it).
  static func both(base: Record?, ours: Record, theirs: Record, report: inout Report) -> Record {
    let (b, o, t) = (base?.annotation, ours.annotation, theirs.annotation)
    var merged = o
    if let position = pick(b.map(Position.init), Position(o), Position(t)) {
      position.apply(to: &merged)
    }
    if let color = pick(b?.color, o.color, t.color) {
      merged.color = color
    } else {
      report.conflicts.append(
        item(o, "colour changed on both sides (ours \(o.color.rawValue), theirs \(t.color.rawValue)): ours is kept"))
    }
    if let note = pick(b?.note, o.note, t.note) {
      merged.note = note
    } else {
      merged.note = [o.note, noteConflictMarker, t.note, noteConflictEnd].joined(separator: "\n")
      report.conflicts.append(item(o, "note changed on both sides: both are kept in the note, between marker lines"))
    }
    merged.tags = tags(base: b?.tags, ours: o.tags, theirs: t.tags)
    merged.created = min(o.created, t.created)
    merged.modified = max(o.modified, t.modified)
    return (merged, fields(base: base?.extras, ours: ours.extras, theirs: theirs.extras))
  }

  /// Where an annotation is: taken as a whole from the side that moved it.
  struct Position: Equatable {
    var article: String
    var start: Int
    var end: Int
    var quote: String
    var prefix: String
    var suffix: String
    var anchor: AnchorState

    init(_ a: Annotation) {
      (article, start, end, quote, prefix, suffix, anchor) = (
        a.article, a.start, a.end, a.quote, a.prefix, a.suffix, a.anchor
      )
    }

    func apply(to a: inout Annotation) {
      (a.article, a.start, a.end, a.quote, a.prefix, a.suffix, a.anchor) = (
        article, start, end, quote, prefix, suffix, anchor
      )
    }
  }

  /// The three-way choice: the value both sides agree on, else the side that changed it from
  /// BASE; nil when both changed it differently (or both added it differently).
  static func pick<T: Equatable>(_ base: T?, _ ours: T, _ theirs: T) -> T? {
    if ours == theirs { return ours }
    guard let base else { return nil }
    if ours == base { return theirs }
    if theirs == base { return ours }
    return nil
  }

  /// Tags as a set (case-insensitive, as `Tags.normalized`): a tag in BASE that either side
  /// removed stays removed; every other tag of either side is kept, ours first.
  static func tags(base: [String]?, ours: [String], theirs: [String]) -> [String] {
    if let exact = pick(base, ours, theirs) { return exact }
    let key = { (tag: String) in tag.lowercased() }
    let mine = Set(ours.map(key))
    let their = Set(theirs.map(key))
    let removed = Set((base ?? []).map(key).filter { !mine.contains($0) || !their.contains($0) })
    return Tags.normalized((ours + theirs).filter { !removed.contains(key($0)) })
  }

  /// Fields this version does not know, key by key: the three-way choice, ours when both
  /// changed one (a key removed on one side and unchanged on the other is removed).
  static func fields(
    base: [String: JSONValue]?, ours: [String: JSONValue], theirs: [String: JSONValue]
  ) -> [String: JSONValue] {
    var merged: [String: JSONValue] = [:]
    for key in Set(ours.keys).union(theirs.keys) {
      let (b, o, t) = (base?[key], ours[key], theirs[key])
      let value: JSONValue?
      if o == t {
        value = o
      } else if base != nil && o == b {
        value = t
      } else if base != nil && t == b {
        value = o
      } else {
        value = o ?? t
      }
      if let value { merged[key] = value }
    }
    return merged
  }

  static func item(_ a: Annotation, _ what: String) -> Item {
    Item(id: a.id, article: a.article, quote: a.quote, what: what)
  }
}

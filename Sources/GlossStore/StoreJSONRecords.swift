import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The annotations file's records, read by `StoreJSON.Reader` (its JSON syntax is in
/// StoreJSONReader.swift): anything unexpected returns nil, and JSONDecoder reads the file.
extension StoreJSON.Reader {
  mutating func annotation(extras: inout [String: JSONValue]) -> Annotation? {
    var id: UUID?
    var article: String?
    var start: Int?
    var end: Int?
    var quote: String?
    var prefix: String?
    var suffix: String?
    var color: HighlightColor?
    var tags: [String]?
    var note: String?
    var created: Date?
    var modified: Date?
    var anchor: AnchorState?
    let ok = object { r, key in
      switch () {
      case _ where r.equal(key, "id"):
        id = r.uuid()
        return id != nil
      case _ where r.equal(key, "article"):
        article = r.string()
        return article != nil
      case _ where r.equal(key, "start"):
        start = r.int()
        return start != nil
      case _ where r.equal(key, "end"):
        end = r.int()
        return end != nil
      case _ where r.equal(key, "quote"):
        quote = r.string()
        return quote != nil
      case _ where r.equal(key, "prefix"):
        prefix = r.string()
        return prefix != nil
      case _ where r.equal(key, "suffix"):
        suffix = r.string()
        return suffix != nil
      case _ where r.equal(key, "note"):
        note = r.string()
        return note != nil
      case _ where r.equal(key, "color"):
        color = r.string().flatMap(HighlightColor.init(rawValue:))
        return color != nil
      case _ where r.equal(key, "anchor"):
        anchor = r.string().flatMap(AnchorState.init(rawValue:))
        return anchor != nil
      case _ where r.equal(key, "created"):
        created = r.date()
        return created != nil
      case _ where r.equal(key, "modified"):
        modified = r.date()
        return modified != nil
      case _ where r.equal(key, "tags"):
        var list: [String] = []
        let ok = r.array { r in
          guard let tag = r.string() else { return false }
          list.append(tag)
          return true
        }
        tags = list
        return ok
      default:
        guard let v = r.value() else { return false }
        extras[r.text(key)] = v
        return true
      }
    }
    guard ok, let id, let article, let start, let end, let quote, let prefix, let suffix, let color,
      let tags, let note, let created, let modified, let anchor
    else { return nil }
    var a = Annotation(
      id: id, article: article, start: start, end: end, quote: quote, prefix: prefix, suffix: suffix,
      color: color, note: note, created: created, modified: modified, anchor: anchor)
    a.tags = tags  // as stored, exactly as JSONDecoder would give them
    return a
  }

  mutating func tombstone() -> AnnotationStore.Tombstone? {
    var id: UUID?
    var deleted: Date?
    let ok = object { r, key in
      switch () {
      case _ where r.equal(key, "id"):
        id = r.uuid()
        return id != nil
      case _ where r.equal(key, "deleted"):
        deleted = r.date()
        return deleted != nil
      default: return r.value() != nil  // tombstones keep only id and time
      }
    }
    guard ok, let id, let deleted else { return nil }
    return AnnotationStore.Tombstone(id: id, deleted: deleted)
  }

  mutating func file() -> AnnotationStore.File? {
    var version: Int?
    var annotations: [Annotation]?
    var deleted: [AnnotationStore.Tombstone]?
    var extras: [String: JSONValue] = [:]
    var annotationExtras: [UUID: [String: JSONValue]] = [:]
    let ok = object { r, key in
      switch () {
      case _ where r.equal(key, "version"):
        version = r.int()
        return version != nil
      case _ where r.equal(key, "annotations"):
        var list: [Annotation] = []
        list.reserveCapacity(max(0, (r.bytes.count - r.at) / 700))
        let ok = r.array { r in
          var fields: [String: JSONValue] = [:]
          guard let a = r.annotation(extras: &fields) else { return false }
          list.append(a)
          if !fields.isEmpty { annotationExtras[a.id] = fields }
          return true
        }
        annotations = list
        return ok
      case _ where r.equal(key, "deleted"):
        var list: [AnnotationStore.Tombstone] = []
        let ok = r.array { r in
          guard let t = r.tombstone() else { return false }
          list.append(t)
          return true
        }
        deleted = list
        return ok
      default:
        guard let v = r.value() else { return false }
        extras[r.text(key)] = v
        return true
      }
    }
    guard ok, let version, let annotations, let deleted else { return nil }
    return AnnotationStore.File(
      version: version, annotations: annotations, deleted: deleted, extras: extras,
      annotationExtras: annotationExtras)
  }
}

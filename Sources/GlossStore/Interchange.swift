import Crypto
import Foundation
import GlossModel

/// Annotation records as `gloss annotations --json` prints them and `--format json` exports
/// them.
public struct AnnotationRecord: Codable, Sendable {
  public var id: String
  public var article: String
  public var quote: String
  public var prefix: String
  public var suffix: String
  public var start: Int
  public var end: Int
  public var color: String
  public var tags: [String]
  public var note: String
  public var created: Date
  public var modified: Date
  public var anchor: String

  public init(_ a: Annotation) {
    id = a.id.uuidString
    article = a.article
    quote = a.quote
    prefix = a.prefix
    suffix = a.suffix
    start = a.start
    end = a.end
    color = a.color.rawValue
    tags = a.tags
    note = a.note
    created = a.created
    modified = a.modified
    anchor = a.anchor.rawValue
  }
}

/// Export to Gloss JSON and W3C Web Annotation JSON-LD, and import of both.
public enum Interchange {
  /// `gloss annotations --json`: the records as a pretty-printed array with sorted keys,
  /// written directly (the same bytes JSONEncoder gives, several times faster for 10,000).
  /// Control characters are escaped (`StoreJSON.escapingControls`).
  public static func recordsJSON(_ annotations: [Annotation]) -> String {
    String(decoding: StoreJSON.escapingControls(Data(StoreJSON.records(annotations).utf8)), as: UTF8.self)
  }

  public static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = ISO8601.encodingStrategy
    return encoder
  }

  // MARK: - Gloss JSON

  public struct GlossArticle: Codable, Sendable {
    public var path: String
    public var title: String
    /// SHA-256 of the article's canonical text, to tell whether it changed since export.
    public var sha256: String
    public var annotations: [AnnotationRecord]
  }

  public struct GlossExport: Codable, Sendable {
    public var format = "gloss-annotations"
    public var version = 1
    public var articles: [GlossArticle]
  }

  /// `--format json`: the annotation records, grouped by article with its title and hash.
  public static func glossJSON(_ groups: [(article: Article?, path: String, title: String, annotations: [Annotation])])
    throws -> Data
  {
    let articles = groups.map { group in
      GlossArticle(
        path: group.path, title: group.title, sha256: group.article.map { Interchange.sha256Hex($0.text) } ?? "",
        annotations: group.annotations.sorted(by: MarkdownExport.readingOrder).map(AnnotationRecord.init))
    }
    return StoreJSON.escapingControls(try encoder().encode(GlossExport(articles: articles)) + Data("\n".utf8))
  }

  // MARK: - W3C

  public static let w3cContext = "http://www.w3.org/ns/anno.jsonld"

  struct W3CCollection: Encodable {
    var context = Interchange.w3cContext
    var type = "AnnotationCollection"
    var label = "Gloss annotations"
    var total: Int
    var items: [W3CAnnotation]
    enum CodingKeys: String, CodingKey {
      case context = "@context"
      case type, label, total, items
    }
  }

  struct W3CAnnotation: Encodable {
    var id: String
    var type = "Annotation"
    var motivation: String
    var created: Date
    var modified: Date
    var body: [W3CBody]
    var target: W3CTarget
    var stylesheet: W3CStylesheet
  }

  struct W3CBody: Encodable {
    var type = "TextualBody"
    var value: String
    var purpose: String
    var format: String?
  }

  struct W3CTarget: Encodable {
    var source: String
    var styleClass: String
    var selector: [W3CSelector]
  }

  struct W3CSelector: Encodable {
    var type: String
    var exact: String?
    var prefix: String?
    var suffix: String?
    var start: Int?
    var end: Int?
  }

  struct W3CStylesheet: Encodable {
    var type = "CssStylesheet"
    var value: String
  }

  static let css: [HighlightColor: String] = [
    .yellow: "#fff176", .green: "#a5d6a7", .blue: "#90caf9", .pink: "#f8bbd0", .purple: "#ce93d8",
  ]

  /// `--format w3c`: a W3C Web Annotation AnnotationCollection, encoded by JSONEncoder, with
  /// control characters escaped (`StoreJSON.escapingControls`).
  public static func w3c(_ annotations: [Annotation]) throws -> Data {
    let sorted = annotations.sorted {
      ($0.article, $0.start, $0.id.sortKey) < ($1.article, $1.start, $1.id.sortKey)
    }
    let items = sorted.map { a in
      var body: [W3CBody] = []
      if !a.note.isEmpty { body.append(W3CBody(value: a.note, purpose: "commenting", format: "text/plain")) }
      for tag in a.tags { body.append(W3CBody(value: tag, purpose: "tagging")) }
      let styleClass = "gloss-\(a.color.rawValue)"
      return W3CAnnotation(
        id: "urn:uuid:\(a.id.uuidString.lowercased())",
        motivation: a.note.isEmpty ? (a.tags.isEmpty ? "highlighting" : "tagging") : "commenting",
        created: a.created, modified: a.modified, body: body,
        target: W3CTarget(
          source: a.article, styleClass: styleClass,
          selector: [
            W3CSelector(type: "TextQuoteSelector", exact: a.quote, prefix: a.prefix, suffix: a.suffix),
            W3CSelector(type: "TextPositionSelector", start: a.start, end: a.end),
          ]),
        stylesheet: W3CStylesheet(value: ".\(styleClass) { background-color: \(css[a.color]!); }"))
    }
    return StoreJSON.escapingControls(
      try encoder().encode(W3CCollection(total: items.count, items: items)) + Data("\n".utf8))
  }

  // MARK: - Import

  /// One annotation read from a file, before it is anchored.
  public struct Incoming: Sendable {
    public var id: UUID?
    public var article: String
    public var quote: String
    public var prefix: String
    public var suffix: String
    public var start: Int?
    public var end: Int?
    public var color: HighlightColor?
    public var tags: [String]
    public var note: String
    public var created: Date?
    public var modified: Date?
  }

  public struct ImportError: Error, CustomStringConvertible {
    public var description: String
  }

  /// Reads a Gloss JSON export, a `gloss annotations --json` array, or a W3C collection (or a
  /// single W3C annotation, or an array of them). `library` turns `file:` URLs and absolute
  /// paths into library paths.
  public static func read(_ data: Data, file: String, library: URL) throws -> [Incoming] {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data)
    } catch {
      throw ImportError(
        description: "\(file) is not JSON (invalid JSON\(StoreCheck.syntaxErrorLocation(data))); nothing was imported")
    }
    func fail(_ what: String) -> ImportError {
      ImportError(description: "\(file): \(what); nothing was imported")
    }
    var items: [(Int, [String: Any])] = []
    var isW3C = false
    if let dict = object as? [String: Any] {
      let newest = dict["format"] == nil ? AnnotationStore.currentVersion : GlossExport(articles: []).version
      let isGloss = dict["articles"] != nil || dict["annotations"] != nil
      if let version = dict["version"] as? Int, version > newest, isGloss {
        throw ImportError(
          description: "\(file) was written by a newer Gloss (newer format: version \(version); this one reads up to "
            + "\(newest)); nothing was imported. Upgrade Gloss to import it")
      }
      if let articles = dict["articles"] as? [[String: Any]] {
        var n = 0
        for article in articles {
          guard let records = article["annotations"] as? [[String: Any]] else {
            throw fail("articles[].annotations is missing or not a list")
          }
          for r in records {
            items.append((n, r))
            n += 1
          }
        }
      } else if let list = dict["annotations"] as? [[String: Any]] {
        // The store's own format: a copy of annotations.json, or a recovery file.
        items = Array(list.enumerated())
      } else if let list = dict["items"] as? [[String: Any]] {
        isW3C = true
        items = Array(list.enumerated())
      } else if dict["target"] != nil {
        isW3C = true
        items = [(0, dict)]
      } else {
        throw fail(
          "expected a Gloss export (\"articles\"), a list of annotations, or a W3C AnnotationCollection (\"items\")")
      }
    } else if let list = object as? [[String: Any]] {
      isW3C = list.first.map { $0["target"] != nil } ?? false
      items = Array(list.enumerated())
    } else {
      throw fail("expected a JSON object or a list of annotations")
    }
    return try items.map { index, item in
      try isW3C ? readW3C(item, index: index, library: library, fail: fail) : readGloss(item, index: index, fail: fail)
    }
  }

  static func date(_ value: Any?) -> Date? {
    (value as? String).flatMap(ISO8601.date)
  }

  static func uuid(_ value: Any?) -> UUID? {
    guard var s = value as? String else { return nil }
    if s.lowercased().hasPrefix("urn:uuid:") { s = String(s.dropFirst(9)) }
    return UUID(uuidString: s)
  }

  static func readGloss(_ r: [String: Any], index: Int, fail: (String) -> ImportError) throws -> Incoming {
    guard let article = r["article"] as? String, !article.isEmpty else {
      throw fail("annotation \(index + 1): missing \"article\"")
    }
    guard let quote = r["quote"] as? String, !quote.isEmpty else {
      throw fail("annotation \(index + 1): missing \"quote\"")
    }
    var color: HighlightColor?
    if let c = r["color"] {
      guard let name = c as? String, let parsed = HighlightColor(rawValue: name) else {
        throw fail(
          "annotation \(index + 1): unknown color \(c), expected one of "
            + HighlightColor.allCases.map(\.rawValue).joined(separator: ", "))
      }
      color = parsed
    }
    if let tags = r["tags"], !(tags is [String]) {
      throw fail("annotation \(index + 1): \"tags\" must be a list of strings")
    }
    return Incoming(
      id: uuid(r["id"]), article: article, quote: quote, prefix: r["prefix"] as? String ?? "",
      suffix: r["suffix"] as? String ?? "",
      start: r["start"] as? Int, end: r["end"] as? Int, color: color, tags: r["tags"] as? [String] ?? [],
      note: r["note"] as? String ?? "", created: date(r["created"]), modified: date(r["modified"]))
  }

  static func readW3C(_ a: [String: Any], index: Int, library: URL, fail: (String) -> ImportError) throws -> Incoming {
    // target: a string (the source), an object, or a list of them (the first with a quote).
    var targets: [[String: Any]] = []
    if let t = a["target"] as? [String: Any] {
      targets = [t]
    } else if let t = a["target"] as? [[String: Any]] {
      targets = t
    }
    guard
      let target = targets.first(where: { selectors($0).contains { ($0["type"] as? String) == "TextQuoteSelector" } })
    else {
      throw fail("annotation \(index + 1): no target with a TextQuoteSelector")
    }
    guard let source = target["source"] as? String, !source.isEmpty else {
      throw fail("annotation \(index + 1): target has no \"source\"")
    }
    let all = selectors(target)
    let quoteSelector = all.first { ($0["type"] as? String) == "TextQuoteSelector" }!
    guard let exact = quoteSelector["exact"] as? String, !exact.isEmpty else {
      throw fail("annotation \(index + 1): TextQuoteSelector has no \"exact\" text")
    }
    let position = all.first { ($0["type"] as? String) == "TextPositionSelector" }
    var bodies: [[String: Any]] = []
    if let b = a["body"] as? [String: Any] { bodies = [b] } else if let b = a["body"] as? [[String: Any]] { bodies = b }
    var tags: [String] = []
    var notes: [String] = []
    for body in bodies {
      guard let value = body["value"] as? String else { continue }
      let purpose = body["purpose"] as? String ?? (a["motivation"] as? String ?? "commenting")
      if purpose == "tagging" { tags.append(value) } else { notes.append(value) }
    }
    if let value = a["bodyValue"] as? String { notes.append(value) }
    var color: HighlightColor?
    if let styleClass = target["styleClass"] as? String, styleClass.hasPrefix("gloss-") {
      color = HighlightColor(rawValue: String(styleClass.dropFirst(6)))
    }
    return Incoming(
      id: uuid(a["id"]), article: libraryPath(source, library: library), quote: exact,
      prefix: quoteSelector["prefix"] as? String ?? "", suffix: quoteSelector["suffix"] as? String ?? "",
      start: position?["start"] as? Int, end: position?["end"] as? Int, color: color, tags: tags,
      note: notes.joined(separator: "\n\n"), created: date(a["created"]), modified: date(a["modified"]))
  }

  static func selectors(_ target: [String: Any]) -> [[String: Any]] {
    if let s = target["selector"] as? [String: Any] { return [s] }
    return target["selector"] as? [[String: Any]] ?? []
  }

  /// A `file:` URL or absolute path inside the library becomes library-relative.
  public static func libraryPath(_ source: String, library: URL) -> String {
    var path = source
    if let url = URL(string: source), url.isFileURL { path = url.standardizedFileURL.path }
    let root = library.standardizedFileURL.path
    if path.hasPrefix(root + "/") { return String(path.dropFirst(root.count + 1)) }
    return path
  }

  public struct ImportReport: Sendable, Equatable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var orphaned = 0
    public var description: String {
      "\(added) added, \(updated) updated, \(unchanged) unchanged, \(orphaned) orphaned"
    }
  }

  /// Merges incoming annotations into the store: by id, else by article and quote; anchored
  /// against the articles as they are now. Importing the same file twice changes nothing.
  public static func merge(
    _ incoming: [Incoming], into store: AnnotationStore, articles: [String: Article], now: Date = Date()
  ) throws -> ImportReport {
    var report = ImportReport()
    var texts: [String: AnchorText] = [:]
    var byQuote: [String: [String: UUID]] = [:]
    var current = store.annotations
    for a in current.values { byQuote[a.article, default: [:]][a.quote] = a.id }
    var upserts: [UUID: Annotation] = [:]
    for item in incoming {
      // By id; records without an id (from other tools) by article and quote.
      let existing = item.id.map { current[$0] } ?? byQuote[item.article]?[item.quote].flatMap { current[$0] }
      let id = existing?.id ?? item.id ?? UUID()
      let created = item.created ?? existing?.created ?? now
      var candidate = Annotation(
        id: id, article: item.article, start: item.start ?? -1, end: item.end ?? -1, quote: item.quote,
        prefix: item.prefix,
        suffix: item.suffix, color: item.color ?? existing?.color ?? .yellow, tags: item.tags, note: item.note,
        created: created, modified: item.modified ?? existing?.modified ?? now, anchor: .exact)
      if let article = articles[item.article] {
        if texts[item.article] == nil { texts[item.article] = AnchorText(article: article) }
        candidate = Anchoring.reanchored(candidate, in: texts[item.article]!)
      } else {
        candidate.anchor = .orphaned
      }
      if candidate.anchor == .orphaned && (candidate.start < 0 || candidate.end < candidate.start) {
        candidate.start = max(0, existing?.start ?? 0)
        candidate.end = candidate.start
      }
      if let existing {
        let same =
          existing.quote == candidate.quote && existing.tags == candidate.tags && existing.note == candidate.note
          && existing.color == candidate.color && existing.range == candidate.range
        let newer = item.modified.map { $0 > existing.modified } ?? true
        if same || !newer {
          report.unchanged += 1
          continue
        }
        report.updated += 1
      } else {
        report.added += 1
      }
      if candidate.anchor == .orphaned { report.orphaned += 1 }
      upserts[id] = candidate
      current[id] = candidate
      byQuote[candidate.article, default: [:]][candidate.quote] = id
    }
    if !upserts.isEmpty {
      try store.apply(upserts: Array(upserts.values), deletions: [], now: now)
    }
    return report
  }
}

extension Interchange {
  /// SHA-256 of a text's UTF-8 bytes as lower-case hex (swift-crypto).
  public static func sha256Hex(_ text: String) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for byte in SHA256.hash(data: Data(text.utf8)) {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}

import Crypto
import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

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
    let json = StoreJSON.records(annotations)
    guard mayNeedEscapes(json) else { return json }
    return String(decoding: StoreJSON.escapingControls(Data(json.utf8)), as: UTF8.self)
  }

  /// Whether a JSON text may hold a character `StoreJSON.escapingControls` escapes: a look at
  /// its UTF-8 bytes for the encodings of the C0 controls (but tab and line feed), DEL, the C1
  /// controls, U+061C, U+200E/F, U+2028…202E, U+2066…2069 and U+FFF9…FFFB. False only when
  /// there is none (then the text is its own escaped form): 10,000 records are a few MB, and
  /// decoding them into scalars to find nothing took a tenth of a listing.
  static func mayNeedEscapes(_ json: String) -> Bool {
    var json = json
    return json.withUTF8 { u in
      let n = u.count
      var i = 0
      while i < n {
        let b = u[i]
        if b < 0x80 {
          if (b < 0x20 && b != 0x09 && b != 0x0A) || b == 0x7F { return true }
          i += 1
          continue
        }
        let next = i + 1 < n ? u[i + 1] : 0
        let third = i + 2 < n ? u[i + 2] : 0
        switch b {
        case 0xC2 where next < 0xA0: return true
        case 0xD8 where next == 0x9C: return true
        case 0xE2 where next == 0x80 && (0x8E...0x8F ~= third || 0xA8...0xAE ~= third): return true
        case 0xE2 where next == 0x81 && 0xA6...0xA9 ~= third: return true
        case 0xEF where next == 0xBF && 0xB9...0xBB ~= third: return true
        default: i += 1
        }
      }
      return false
    }
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

extension Interchange {
  /// JSON text with every C0 and C1 control (and bidi control) written as `\uXXXX`: for JSON
  /// output that may reach a terminal (`tags --json`, `search --json`).
  public static func escapingControls(_ json: Data) -> Data {
    StoreJSON.escapingControls(json)
  }
}

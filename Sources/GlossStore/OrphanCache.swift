import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Orphaned annotations remembered against the text they could not be found in, in
/// `.gloss/cache/orphans.json` (beside the titles cache, never in `annotations.json`, which
/// people keep in git), so that a listing does not run the approximate search again for every
/// orphan of an article that has not changed. An entry is keyed by the annotation's id and
/// holds a fingerprint of its selector (quote, context, position) and the SHA-256 of the
/// article's text: the same selector on the same text anchors the same way, so it is an
/// orphan again. Never needed for correctness — a missing, unreadable or damaged cache is read
/// as empty — written atomically, and never written in a library that cannot be written.
public struct OrphanCache: Sendable, Equatable {
  struct Entry: Codable, Sendable, Equatable {
    var selector: String
    var text: String
  }

  /// Bumped when anchoring changes what it finds, so that an old cache is not trusted.
  static let version = 2

  struct File: Codable {
    var version: Int
    var orphans: [String: Entry]
  }

  var entries: [String: Entry] = [:]
  /// Whether entries were added or removed since it was read.
  public private(set) var changed = false
  /// False when the file found could not be read or understood: `write` leaves it alone.
  var replaceable = true

  public init() {}

  public static func url(library: URL) -> URL {
    library.appendingPathComponent(".gloss/cache/orphans.json")
  }

  /// The cache in `library`, or an empty one. A file there that cannot be read or understood,
  /// or that is a link or not a regular file, is ignored and left alone (never replaced); one
  /// of another version is ignored and replaced.
  public static func read(library: URL) -> OrphanCache {
    var cache = OrphanCache()
    switch CacheFile.read(File.self, at: url(library: library), version: version) {
    case .file(let file): cache.entries = file.orphans
    case .missing, .otherVersion: break
    case .damaged, .foreign: cache.replaceable = false
    }
    return cache
  }

  /// What an annotation's anchoring depends on, as a hash: its quote, context and position.
  static func selector(_ a: Annotation) -> String {
    Interchange.sha256Hex([a.quote, a.prefix, a.suffix, "\(a.start)", "\(a.end)"].joined(separator: "\u{0}"))
  }

  /// Re-anchors one article's annotations (`Anchoring.reanchored`, or `anchor` in tests),
  /// except those recorded as orphans of this very text with this very selector, which stay
  /// orphaned without a search. An annotation still where it was is checked against the
  /// article's own text (`Article.holdsQuote`); the text is decoded for the search and hashed
  /// only when some annotation is not.
  public mutating func reanchored(
    _ annotations: [Annotation], in article: Article,
    anchor: (Annotation, AnchorText) -> Annotation = Anchoring.reanchored
  ) -> [Annotation] {
    var text: AnchorText?
    var hash: String?
    func digest() -> String {
      if let hash { return hash }
      hash = Interchange.sha256Hex(article.text)
      return hash!
    }
    return annotations.map { a in
      let key = a.id.uuidString
      if article.holdsQuote(of: a) {
        if entries.removeValue(forKey: key) != nil { changed = true }
        var exact = a
        exact.anchor = .exact
        return exact
      }
      if let entry = entries[key], entry.selector == Self.selector(a), entry.text == digest() {
        var orphan = a
        orphan.anchor = .orphaned
        return orphan
      }
      if text == nil { text = AnchorText(article: article) }
      let result = anchor(a, text!)
      if result.anchor == .orphaned {
        entries[key] = Entry(selector: Self.selector(a), text: digest())
        changed = true
      } else if entries.removeValue(forKey: key) != nil {
        changed = true
      }
      return result
    }
  }

  /// Keeps only the annotations given (deleted ones are dropped).
  public mutating func keep(_ ids: Set<UUID>) {
    let kept = entries.filter { ids.contains(UUID(uuidString: $0.key) ?? UUID()) }
    if kept.count != entries.count {
      entries = kept
      changed = true
    }
  }

  /// Writes the cache into `library` (atomically) if it changed, unless the library folder
  /// cannot be written or the file there was not one it could read. Failures are ignored: the cache is only a shortcut.
  public func write(library: URL) {
    guard changed, replaceable else { return }
    CacheFile.write(File(version: Self.version, orphans: entries), to: Self.url(library: library), library: library)
  }
}

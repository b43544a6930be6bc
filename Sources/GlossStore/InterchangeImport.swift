import Dispatch
import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Import: Gloss JSON exports, `--json` records and store files, W3C Web Annotations (and
/// Hypothesis' API form of them), merged into the store.
extension Interchange {
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
      object = try JSONValue.parse(data).any
    } catch {
      throw ImportError(
        description: "\(file) is not JSON (\(StoreCheck.unreadableJSON(data))); nothing was imported")
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
      } else if let list = (dict["items"] ?? dict["rows"]) as? [[String: Any]] {
        isW3C = true
        items = Array(list.enumerated())
      } else if dict["target"] != nil || dict["uri"] != nil {
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
    // target: a string (the source, perhaps with `#char=START,END`), an object, or a list of
    // them (the first with a quote, else the first with a position).
    var targets: [[String: Any]] = []
    if let t = a["target"] as? [String: Any] {
      targets = [t]
    } else if let t = a["target"] as? [[String: Any]] {
      targets = t
    } else if let t = a["target"] as? String {
      targets = [["source": t]]
    } else if let uri = a["uri"] as? String {
      targets = [["source": uri]]  // Hypothesis: a page note
    }
    targets = targets.map(withFragmentSelector)
    func has(_ type: String) -> ([String: Any]) -> Bool {
      { target in selectors(target).contains { ($0["type"] as? String) == type } }
    }
    guard
      let target = targets.first(where: has("TextQuoteSelector")) ?? targets.first(where: has("TextPositionSelector"))
    else {
      throw fail("annotation \(index + 1): no target with a TextQuoteSelector or TextPositionSelector")
    }
    guard let source = (target["source"] as? String) ?? (a["uri"] as? String), !source.isEmpty else {
      throw fail("annotation \(index + 1): target has no \"source\"")
    }
    let all = selectors(target)
    let quoteSelector = all.first { ($0["type"] as? String) == "TextQuoteSelector" }
    let position = all.first { ($0["type"] as? String) == "TextPositionSelector" }
    let exact = quoteSelector?["exact"] as? String ?? ""
    if quoteSelector != nil && exact.isEmpty {
      throw fail("annotation \(index + 1): TextQuoteSelector has no \"exact\" text")
    }
    let start = position?["start"] as? Int
    let end = position?["end"] as? Int
    if exact.isEmpty {
      guard let start, let end, 0 <= start, start < end else {
        throw fail("annotation \(index + 1): TextPositionSelector needs a \"start\" before its \"end\"")
      }
    }
    var bodies: [[String: Any]] = []
    if let b = a["body"] as? [String: Any] { bodies = [b] } else if let b = a["body"] as? [[String: Any]] { bodies = b }
    var tags: [String] = []
    var notes: [String] = []
    for body in bodies {
      guard var value = body["value"] as? String else { continue }
      if (body["format"] as? String)?.lowercased() == "text/html" { value = plainText(html: value) }
      let purpose = body["purpose"] as? String ?? (a["motivation"] as? String ?? "commenting")
      if purpose == "tagging" { tags.append(value) } else { notes.append(value) }
    }
    if let value = a["bodyValue"] as? String { notes.append(value) }
    // Hypothesis' API form: the note in "text", the tags in "tags".
    if let text = a["text"] as? String, !text.isEmpty { notes.append(text) }
    if let more = a["tags"] as? [String] { tags += more }
    var color: HighlightColor?
    if let styleClass = target["styleClass"] as? String, styleClass.hasPrefix("gloss-") {
      color = HighlightColor(rawValue: String(styleClass.dropFirst(6)))
    }
    let path = source.split(separator: "#", maxSplits: 1).first.map(String.init) ?? source
    return Incoming(
      id: uuid(a["id"]), article: libraryPath(path, library: library), quote: exact,
      prefix: quoteSelector?["prefix"] as? String ?? "", suffix: quoteSelector?["suffix"] as? String ?? "",
      start: start, end: end, color: color, tags: tags.filter { !$0.isEmpty },
      note: notes.joined(separator: "\n\n"), created: date(a["created"]), modified: date(a["modified"]))
  }

  /// A target whose source ends in `#char=START,END` (RFC 5147) gets that TextPositionSelector.
  static func withFragmentSelector(_ target: [String: Any]) -> [String: Any] {
    guard let source = target["source"] as? String, let hash = source.firstRange(of: "#char=") else { return target }
    let numbers = source[hash.upperBound...].split(separator: ",").prefix(2).compactMap { Int($0) }
    guard numbers.count == 2 else { return target }
    var target = target
    target["selector"] = selectors(target) + [["type": "TextPositionSelector", "start": numbers[0], "end": numbers[1]]]
    return target
  }

  /// The text of an HTML fragment: tags dropped, common entities decoded.
  static func plainText(html: String) -> String {
    var text = html.replacing(#/(?i)<br\s*/?>/#, with: "\n")
    text = text.replacing(#/(?i)</p\s*>/#, with: "\n\n")
    text = text.replacing(#/<[^>]*>/#, with: "")
    for (entity, character) in [
      ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&nbsp;", "\u{A0}"),
      ("&amp;", "&"),
    ] {
      text = text.replacing(entity, with: character)
    }
    return String(TextScan.trimmed(text))
  }

  /// A target's selectors, with those they are refined by (`refinedBy`, any depth): a
  /// TextQuoteSelector inside an XPathSelector or RangeSelector counts.
  static func selectors(_ target: [String: Any]) -> [[String: Any]] {
    var list: [[String: Any]] = []
    if let s = target["selector"] as? [String: Any] {
      list = [s]
    } else {
      list = target["selector"] as? [[String: Any]] ?? []
    }
    var out: [[String: Any]] = []
    while let next = list.first {
      list.removeFirst()
      out.append(next)
      if out.count > 64 { break }
      if let refined = next["refinedBy"] as? [String: Any] { list.append(refined) }
      if let refined = next["refinedBy"] as? [[String: Any]] { list += refined }
    }
    return out
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

  /// From this many annotations on one article an import builds the article's index first
  /// (`AnchorText.prepare`); fewer are each looked for on their own.
  static let preparedIndexThreshold = 8

  /// Merges incoming annotations into the store: by id, else by article and quote; anchored
  /// against the articles as they are now. Importing the same file twice changes nothing.
  /// `threads`: how many anchor at once (every core unless said; with 1, one by one on this
  /// thread).
  public static func merge(
    _ incoming: [Incoming], into store: AnnotationStore, articles: [String: Article], now: Date = Date(),
    threads: Int? = nil
  ) throws -> ImportReport {
    var report = ImportReport()
    var texts: [String: AnchorText] = [:]
    var byQuote: [String: [String: UUID]] = [:]
    var current = store.annotations
    for a in current.values { byQuote[a.article, default: [:]][a.quote] = a.id }
    var upserts: [UUID: Annotation] = [:]
    // One index per article, built before the first quote is resolved: every quote is then a
    // lookup rather than a scan of the whole article (10,000 quotes into a 10 MB article in
    // seconds rather than minutes). The same anchors as without it.
    for (path, items) in Dictionary(grouping: incoming, by: \.article) {
      guard let article = articles[path] else { continue }
      let text = AnchorText(article: article)
      if items.count >= preparedIndexThreshold {
        // The index and the short quotes' pass at once, one on each of two cores.
        let quotes = items.map(\.quote)
        DispatchQueue.concurrentPerform(iterations: 2) { half in
          if half == 0 { text.prepareIndex() } else { text.prepareShort(quotes: quotes) }
        }
      }
      texts[path] = text
    }
    func existing(_ item: Incoming) -> Annotation? {
      item.id.map { current[$0] } ?? byQuote[item.article]?[item.quote].flatMap { current[$0] }
    }
    let threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
    let anchored = anchorAll(incoming, texts: texts, now: now, threads: threads) { existing($0) }
    for (i, var item) in incoming.enumerated() {
      try fillQuote(&item, articles: articles, now: now)
      let existing = existing(item)
      let id = existing?.id ?? item.id ?? UUID()
      var candidate = unanchored(item, id: id, existing: existing, now: now)
      if let early = anchored[i], early.before.identified(as: id) == candidate {
        candidate = early.after.identified(as: id)
      } else if let text = texts[item.article] {
        candidate = Anchoring.reanchored(candidate, in: text)
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
          if existing.isOrphaned { report.orphaned += 1 }  // still orphaned: said every time
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

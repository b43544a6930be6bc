#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Highlight colours, in the order of the colour keys (`c` then `1`–`5`).
public enum HighlightColor: String, Codable, CaseIterable, Sendable {
  case yellow, green, blue, pink, purple
}

/// How an annotation's stored position relates to the current article text.
public enum AnchorState: String, Codable, Sendable {
  /// The text at the stored position is the quote.
  case exact
  /// The quote was found elsewhere (or approximately) and the position was updated.
  case relocated
  /// The quote is no longer in the article. The annotation is kept, never dropped.
  case orphaned
}

/// An annotation on a passage of an article, anchored as the W3C Web Annotation model does:
/// a TextPositionSelector (`start`/`end`, Unicode scalar offsets into the article's canonical
/// text) and a TextQuoteSelector (`quote`, with up to 32 scalars of `prefix` and `suffix`, or
/// up to 128 when the quote occurs more than once in the article as it was annotated, so that
/// the copies can be told apart; stores written with 32 read and anchor as before).
public struct Annotation: Codable, Equatable, Sendable, Identifiable {
  public var id: UUID
  /// The article's path in the library.
  public var article: String
  public var start: Int
  public var end: Int
  public var quote: String
  public var prefix: String
  public var suffix: String
  public var color: HighlightColor
  public var tags: [String]
  public var note: String
  public var created: Date
  public var modified: Date
  public var anchor: AnchorState

  public static let contextLength = 32
  /// The context kept on each side of a quote that occurs more than once.
  public static let repeatedContextLength = 128

  public init(
    id: UUID = UUID(), article: String, start: Int, end: Int, quote: String, prefix: String,
    suffix: String, color: HighlightColor = .yellow, tags: [String] = [], note: String = "",
    created: Date, modified: Date? = nil, anchor: AnchorState = .exact
  ) {
    self.id = id
    self.article = article
    self.start = start
    self.end = end
    self.quote = quote
    self.prefix = prefix
    self.suffix = suffix
    self.color = color
    self.tags = Tags.normalized(tags)
    self.note = note
    self.created = created
    self.modified = modified ?? created
    self.anchor = anchor
  }

  /// A new annotation on a scalar range of an article's text, with its quote and context.
  public init(
    article: Article, range: Range<Int>, color: HighlightColor = .yellow, tags: [String] = [], note: String = "",
    now: Date, id: UUID = UUID()
  ) {
    func slice(_ r: Range<Int>) -> String {
      let lo = article.stringIndex(forScalar: max(0, r.lowerBound))
      let hi = article.stringIndex(forScalar: max(r.lowerBound, r.upperBound))
      return String(article.text.unicodeScalars[lo..<hi])
    }
    let lower = max(0, min(range.lowerBound, article.scalarCount))
    let upper = max(lower, min(range.upperBound, article.scalarCount))
    let quote = slice(lower..<upper)
    // In a very long article the longer context is kept without looking (a search of 10 MB
    // for a second copy took 5 ms per highlight; the context costs 192 bytes more).
    let repeated =
      article.text.utf8.count > Annotation.searchedTextLimit || Annotation.occursTwice(quote, in: article.text)
    let context = repeated ? Annotation.repeatedContextLength : Annotation.contextLength
    self.init(
      id: id, article: article.path, start: lower, end: upper, quote: quote,
      prefix: slice(max(0, lower - context)..<lower),
      suffix: slice(upper..<min(article.scalarCount, upper + context)),
      color: color, tags: tags, note: note, created: now)
  }

  /// Texts longer than this (in UTF-8 bytes) are not searched for a second copy of a new
  /// annotation's quote: it gets the longer context anyway.
  static let searchedTextLimit = 2_000_000

  /// Whether `quote` occurs more than once in `text`, overlapping copies included
  /// (`TextScan.byteOffset`: the UTF-8 bytes searched with memmem, no scalar array needed).
  static func occursTwice(_ quote: String, in text: String) -> Bool {
    guard !quote.isEmpty, let first = TextScan.byteOffset(of: quote, in: text) else { return false }
    return TextScan.byteOffset(of: quote, in: text, from: first + 1) != nil
  }

  public var range: Range<Int> { start..<end }
  public var isOrphaned: Bool { anchor == .orphaned }

  /// Words in the quote, for messages such as "highlighted 23 words".
  public var wordCount: Int { TextScan.wordCount(quote) }
}

/// Tag rules: trimmed, no empty tags, de-duplicated case-insensitively (the first spelling
/// wins); spaces and any letters are allowed inside a tag.
public enum Tags {
  public static func normalized(_ tags: [String]) -> [String] {
    var seen = Set<String>()
    var result: [String] = []
    for tag in tags {
      let trimmed = String(TextScan.trimmed(tag))
      guard !trimmed.isEmpty else { continue }
      let key = trimmed.lowercased()
      if seen.insert(key).inserted { result.append(trimmed) }
    }
    return result
  }

  /// Tags from a comma-separated line as typed at the prompt.
  public static func parse(_ line: String) -> [String] {
    normalized(line.split(separator: ",", omittingEmptySubsequences: true).map(String.init))
  }
}

/// A total order on UUIDs that is cheap to compute (formatting `uuidString` is slow in bulk).
public struct UUIDSortKey: Comparable, Sendable {
  var high: UInt64
  var low: UInt64
  public static func < (a: UUIDSortKey, b: UUIDSortKey) -> Bool { (a.high, a.low) < (b.high, b.low) }
}

extension UUID {
  public var sortKey: UUIDSortKey {
    withUnsafeBytes(of: uuid) { raw in
      var high: UInt64 = 0
      var low: UInt64 = 0
      for i in 0..<8 { high = high << 8 | UInt64(raw[i]) }
      for i in 8..<16 { low = low << 8 | UInt64(raw[i]) }
      return UUIDSortKey(high: high, low: low)
    }
  }
}

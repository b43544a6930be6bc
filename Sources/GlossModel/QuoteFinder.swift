/// Finds a quote typed by a person in an article.
///
/// First as typed, allowing whitespace differences: any run of whitespace in the quote
/// matches any run of whitespace (including line breaks between paragraphs) in the text.
/// When that finds nothing, as people type: straight and curly quotes, the dashes
/// `-`/`–`/`—`, `...`/`…`, no-break spaces and case are taken as equal (`SearchFolding`,
/// through `TextScan.FoldedText`) — and such a match counts only when it is the only one.
/// Ranges are always the article's own text, so a stored quote keeps the article's
/// characters.
public enum QuoteFinder {
  /// What a typed quote found.
  public enum Match: Equatable, Sendable {
    /// The quote as typed (whitespace aside): every occurrence, in order.
    case exact([Range<Int>])
    /// Not as typed, but once when quotes, dashes, ellipses, spaces and case are forgiven.
    case forgiving(Range<Int>)
    /// Not as typed, and this many times (more than one) when forgiven: which is meant is
    /// not guessed.
    case ambiguous(Int)
    case notFound
  }

  /// The occurrences of the quote as typed (whitespace aside).
  public static func occurrences(of quote: String, in text: AnchorText) -> [Range<Int>] {
    TextScan.occurrences(ofWords: quote, in: text.scalars)
  }

  /// The quote as typed, else forgiven if that is unique.
  public static func find(_ quote: String, in text: AnchorText) -> Match {
    let exact = occurrences(of: quote, in: text)
    if !exact.isEmpty { return .exact(exact) }
    let pattern = TextScan.FoldedText(TextScan.trimmed(quote), collapsingWhitespace: true).scalars
    guard !pattern.isEmpty else { return .notFound }
    let forgiven = TextScan.FoldedText(scalars: text.scalars, collapsingWhitespace: true).occurrences(of: pattern)
    switch forgiven.count {
    case 0: return .notFound
    case 1: return .forgiving(forgiven[0])
    default: return .ambiguous(forgiven.count)
    }
  }
}

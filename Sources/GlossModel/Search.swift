#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Search that forgives what people cannot type or do not remember: case, curly versus
/// straight quotes and apostrophes, the kind of dash, no-break spaces, and `…` versus `...`.
/// Searching `Azerbaijan's` finds `Azerbaijan’s`. `fold(_:)` maps each Unicode scalar to one
/// scalar; a text is folded through `TextScan.FoldedText`, which also spells `…` as `...` and
/// maps match offsets back to offsets in the article.
public enum SearchFolding {
  @inlinable
  public static func fold(_ v: UInt32) -> UInt32 {
    switch v {
    case 0x41...0x5A: return v + 0x20
    case 0x00...0x7F: return v
    case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0xFF07: return 0x27  // ’ ‘ ‚ ‛ ′ ʼ → '
    case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB, 0xFF02: return 0x22  // “ ” „ ‟ ″ « » → "
    case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: return 0x2D  // dashes → -
    default:
      guard let scalar = Unicode.Scalar(v) else { return v }
      if TextScan.isWhitespace(scalar) && !TextScan.isLineSeparator(scalar) { return 0x20 }  // spaces
      let lower = scalar.properties.lowercaseMapping.unicodeScalars
      return lower.count == 1 ? lower.first!.value : v
    }
  }

  public static func fold(_ s: some StringProtocol) -> [UInt32] {
    TextScan.FoldedText(s).scalars
  }

  /// Start offsets of every occurrence of a folded pattern in folded text (`TextScan`'s scan).
  public static func occurrences(of pattern: [UInt32], in text: [UInt32]) -> [Int] {
    TextScan.occurrences(of: pattern, in: text, overlapping: false).map(\.lowerBound)
  }
}

/// In-article search, with the same folding, in Unicode scalar offsets.
public enum ArticleSearch {
  /// All matches of `pattern` in one paragraph, as scalar ranges of the article.
  public static func matches(of pattern: String, inParagraph index: Int, of article: Article) -> [Range<Int>] {
    guard index < article.paragraphs.count else { return [] }
    return matches(of: pattern, in: article.paragraphs[index].scalars, of: article)
  }

  /// The matches of `pattern` that overlap a scalar range of one paragraph (what a screen
  /// shows): only that range, and the pattern's length either side, is folded and scanned,
  /// so drawing a screen of a 50 MB paragraph does not fold all of it. Matches are those of
  /// the whole paragraph where they do not overlap one another.
  public static func matches(of pattern: String, in range: Range<Int>, of article: Article) -> [Range<Int>] {
    guard !pattern.isEmpty, let p = article.paragraphIndex(containing: range.lowerBound) else { return [] }
    let paragraph = article.paragraphs[p].scalars
    // A match takes at most as many scalars of the text as the folded pattern has (`…` is
    // one scalar of the text for three of the pattern's).
    let reach = max(pattern.unicodeScalars.count, SearchFolding.fold(pattern).count)
    let lo = max(paragraph.lowerBound, min(range.lowerBound, paragraph.upperBound) - reach)
    let hi = min(paragraph.upperBound, max(range.upperBound, lo) + reach)
    guard lo < hi else { return [] }
    let text = article.text[article.stringIndex(forScalar: lo)..<article.stringIndex(forScalar: hi)]
    return TextScan.foldedOccurrences(of: pattern, in: text).map { ($0.lowerBound + lo)..<($0.upperBound + lo) }
      .filter { $0.overlaps(range) }
  }

  /// The next match strictly after (or, backwards, strictly before) a scalar offset, wrapping
  /// around the article. Returns the match and whether it wrapped. A long paragraph is looked
  /// at a piece of `chunk` scalars at a time, from the offset on, so that `n` in a 50 MB
  /// paragraph folds only as far as the next match.
  public static func find(
    _ pattern: String, in article: Article, from offset: Int, forward: Bool
  ) -> (range: Range<Int>, wrapped: Bool)? {
    find(pattern, in: article, from: offset, forward: forward, chunk: 1 << 16)
  }

  static func find(
    _ pattern: String, in article: Article, from offset: Int, forward: Bool, chunk: Int
  ) -> (range: Range<Int>, wrapped: Bool)? {
    guard !pattern.isEmpty, !article.paragraphs.isEmpty else { return nil }
    let count = article.paragraphs.count
    let start = article.paragraphIndex(containing: offset) ?? 0
    for step in 0...count {
      let raw = forward ? start + step : start - step
      let index = ((raw % count) + count) % count
      let wrapped = forward ? raw >= count : raw < 0
      let scalars = article.paragraphs[index].scalars
      // Where a match may start: after (before) the offset in the starting paragraph, up to
      // (from) it when back there after wrapping around, anywhere in the others.
      var starts = scalars.lowerBound..<(scalars.upperBound + 1)
      if step == 0 {
        starts = forward ? clamp(offset + 1, starts)..<starts.upperBound : starts.lowerBound..<clamp(offset, starts)
      } else if step == count {
        starts = forward ? starts.lowerBound..<clamp(offset + 1, starts) : clamp(offset, starts)..<starts.upperBound
      }
      if let match = first(pattern, startingIn: starts, of: article, forward: forward, chunk: max(1, chunk)) {
        return (match, wrapped)
      }
    }
    return nil
  }

  static func clamp(_ value: Int, _ range: Range<Int>) -> Int {
    min(max(value, range.lowerBound), range.upperBound)
  }

  /// The first (or last) match starting in `starts`, a piece at a time.
  static func first(
    _ pattern: String, startingIn starts: Range<Int>, of article: Article, forward: Bool, chunk: Int
  ) -> Range<Int>? {
    var piece =
      forward
      ? starts.lowerBound..<min(starts.upperBound, starts.lowerBound + chunk)
      : max(starts.lowerBound, starts.upperBound - chunk)..<starts.upperBound
    while !piece.isEmpty {
      let found = matches(of: pattern, in: piece.lowerBound..<max(piece.upperBound, piece.lowerBound + 1), of: article)
        .filter { piece.contains($0.lowerBound) }
      if let match = forward ? found.first : found.last { return match }
      piece =
        forward
        ? piece.upperBound..<min(starts.upperBound, piece.upperBound + chunk)
        : max(starts.lowerBound, piece.lowerBound - chunk)..<piece.lowerBound
    }
    return nil
  }
}

/// A match anywhere in the library: in an article's text, an annotation's note, or a tag.
public struct SearchHit: Sendable, Equatable {
  public enum Kind: String, Sendable, Codable { case text, note, tag }
  /// The article's path in the library.
  public var article: String
  public var title: String
  /// Scalar offsets in the article (for a note or tag: the annotation's passage).
  public var start: Int
  public var end: Int
  /// A line of context around the match.
  public var context: String
  public var kind: Kind
}

/// Library-wide search: every article's text, every note and every tag.
public enum LibrarySearch {
  /// Matches grouped by article — articles with the most matches first — and in reading
  /// order within an article. `limit` caps the matches per article.
  public static func search(_ query: String, articles: [Article], annotations: [Annotation], limitPerArticle: Int = 50)
    -> [SearchHit]
  {
    let pattern = SearchFolding.fold(TextScan.trimmed(query))
    guard !pattern.isEmpty else { return [] }
    var groups: [(title: String, hits: [SearchHit])] = []
    let byArticle = Dictionary(grouping: annotations, by: \.article)
    for article in articles {
      var hits: [SearchHit] = []
      for (index, paragraph) in article.paragraphs.enumerated() where hits.count < limitPerArticle {
        let text = article.text[paragraph.indices]
        for match in TextScan.FoldedText(text).occurrences(of: pattern) where hits.count < limitPerArticle {
          let base = paragraph.scalars.lowerBound
          hits.append(
            SearchHit(
              article: article.path, title: article.title, start: base + match.lowerBound,
              end: base + match.upperBound, context: context(in: text, at: match.lowerBound, length: match.count),
              kind: .text))
        }
        _ = index
      }
      for annotation in (byArticle[article.path] ?? []).sorted(by: { $0.start < $1.start }) {
        if !TextScan.occurrences(of: pattern, in: SearchFolding.fold(annotation.note)).isEmpty {
          hits.append(
            SearchHit(
              article: article.path, title: article.title, start: annotation.start, end: annotation.end,
              context: "✎ " + oneLine(annotation.note), kind: .note))
        }
        if annotation.tags.contains(where: { !TextScan.occurrences(of: pattern, in: SearchFolding.fold($0)).isEmpty }) {
          hits.append(
            SearchHit(
              article: article.path, title: article.title, start: annotation.start, end: annotation.end,
              context: annotation.tags.map { "#" + $0 }.joined(separator: " ") + " — " + oneLine(annotation.quote),
              kind: .tag))
        }
      }
      if !hits.isEmpty {
        hits.sort { ($0.start, $0.kind.rawValue) < ($1.start, $1.kind.rawValue) }
        groups.append((article.title, hits))
      }
    }
    groups.sort { ($1.hits.count, $0.title) < ($0.hits.count, $1.title) }
    return groups.flatMap(\.hits)
  }

  static func oneLine(_ s: String) -> String {
    s.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
  }

  /// About 30 characters either side of a match, cut at spaces, with ellipses.
  static func context(in text: Substring, at start: Int, length: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    var lo = max(0, start - 30)
    var hi = min(scalars.count, start + length + 40)
    if lo > 0, let space = scalars[lo..<start].firstIndex(of: " ") { lo = space + 1 }
    if hi < scalars.count, let space = scalars[(start + length)..<hi].lastIndex(of: " ") { hi = space }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[lo..<hi])
    return (lo > 0 ? "…" : "") + oneLine(String(view)) + (hi < scalars.count ? "…" : "")
  }
}

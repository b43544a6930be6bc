#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Re-anchoring annotations when an article changes, after Hypothesis's client:
///
/// 1. the text at the stored position still equals the quote: keep it (`exact`);
/// 2. else exact occurrences of the quote, the one whose prefix, suffix and position match best
///    (`relocated`); for a short quote (under `shortQuoteLength`) only if that one's context
///    agrees on at least one side, since a short phrase found elsewhere is more often another
///    passage than a move;
/// 3. else an approximate match: a bit-parallel edit-distance search (Myers, 1999) allowing
///    errors up to `smallErrorFraction` of the quote's length, scored by quote, context and
///    position, with a score floor (`relocated`); a short quote's only if its context agrees on
///    one side;
/// 4. else, when the context is found on both sides of a stretch up to half again as long as
///    the quote, that stretch, if the quote is in it with words inserted (`relocated`);
/// 5. else the best approximate match with up to `maxErrorFraction` errors, if its context
///    agrees on both sides (`relocated`);
/// 6. else `orphaned`: the annotation is kept as it was, with its quote.
///
/// A quote that occurs more than once when it is made stores a longer context
/// (`Annotation.repeatedContextLength`), so that the right copy can be told apart.
public struct AnchorText: Sendable {
  /// The article text as Unicode scalar values, indexed by the offsets annotations store.
  public let scalars: [UInt32]
  private let index: GramIndex

  public init(_ text: String) {
    scalars = AnchorText.scalars(of: text)
    index = GramIndex()
  }

  /// The text's scalar values, decoded from its UTF-8 in one pass (a 10 MB article's in a few
  /// milliseconds; `unicodeScalars.map` counts them first, then decodes each through the
  /// string's index machinery, several times slower, and every listing pays it).
  static func scalars(of text: String) -> [UInt32] {
    var text = text
    return text.withUTF8 { u in
      [UInt32](unsafeUninitializedCapacity: u.count) { out, count in
        var i = 0
        var n = 0
        let end = u.count
        while i < end {
          let b = UInt32(u[i])
          if b < 0x80 {
            out[n] = b
            i += 1
          } else if b < 0xE0 {
            out[n] = (b & 0x1F) << 6 | UInt32(u[i + 1] & 0x3F)
            i += 2
          } else if b < 0xF0 {
            out[n] = (b & 0x0F) << 12 | UInt32(u[i + 1] & 0x3F) << 6 | UInt32(u[i + 2] & 0x3F)
            i += 3
          } else {
            out[n] =
              (b & 0x07) << 18 | UInt32(u[i + 1] & 0x3F) << 12 | UInt32(u[i + 2] & 0x3F) << 6
              | UInt32(u[i + 3] & 0x3F)
            i += 4
          }
          n += 1
        }
        count = n
      }
    }
  }

  /// A text whose `occurrences` always scan it, index or not: what the indexed lookups are
  /// compared with in tests.
  init(scanning text: String) {
    scalars = text.unicodeScalars.map(\.value)
    index = GramIndex(scanOnly: true)
  }

  /// Every exact occurrence of a pattern, overlapping ones included, in order: the same as
  /// `Anchoring.occurrences(of:in:)`. Anchoring many quotes in one text (an import of
  /// thousands) uses an index of the text's 6-scalar grams, built once, instead of rescanning
  /// the whole text for each quote: candidates are the positions of the quote's rarest gram,
  /// then compared. Quotes shorter than a gram are found by `prepare(quotes:)`, all in one
  /// pass; without it, by a scan.
  public func occurrences(of pattern: [UInt32]) -> [Range<Int>] {
    guard pattern.count >= GramIndex.k else {
      return index.shortOccurrences(of: pattern) ?? Anchoring.occurrences(of: pattern, in: scalars)
    }
    guard index.isUsable(for: scalars) else { return Anchoring.occurrences(of: pattern, in: scalars) }
    let best = index.candidates(for: pattern, in: scalars)
    var result: [Range<Int>] = []
    scalars.withUnsafeBufferPointer { text in
      pattern.withUnsafeBufferPointer { p in
        let bytes = p.count * MemoryLayout<UInt32>.stride
        for position in best.positions {
          let start = Int(position) - best.offset
          guard start >= 0, start + p.count <= text.count else { continue }
          if memcmp(text.baseAddress! + start, p.baseAddress!, bytes) == 0 {
            result.append(start..<(start + p.count))
          }
        }
      }
    }
    return result
  }

  /// Gets the text ready for anchoring many quotes (an import, a listing of thousands): the
  /// gram index is built now, whatever the text's length (a 10 MB article's costs ~55 MB while
  /// it lives), and the quotes shorter than a gram are all found in one pass over the text.
  /// `occurrences` gives the same results with or without it, only sooner.
  public func prepare(quotes: some Sequence<String>) {
    prepareIndex()
    prepareShort(quotes: quotes)
  }

  /// The first half of `prepare`: the gram index. The two halves may run at the same time, on
  /// two threads.
  public func prepareIndex() { index.prepareTable(scalars) }

  /// The second half of `prepare`: the quotes shorter than a gram, found in one pass.
  public func prepareShort(quotes: some Sequence<String>) {
    var short = Set<[UInt32]>()
    for quote in quotes {
      var scalars: [UInt32] = []
      for s in quote.unicodeScalars {
        scalars.append(s.value)
        if scalars.count >= GramIndex.k { break }
      }
      if !scalars.isEmpty && scalars.count < GramIndex.k { short.insert(scalars) }
    }
    index.prepareShort(scalars, patterns: short)
  }

  public init(article: Article) { self.init(article.text) }

  public func slice(_ range: Range<Int>) -> [UInt32] {
    let lo = max(0, min(range.lowerBound, scalars.count))
    let hi = max(lo, min(range.upperBound, scalars.count))
    return Array(scalars[lo..<hi])
  }

  public func string(_ range: Range<Int>) -> String {
    var utf8: [UInt8] = []
    utf8.reserveCapacity(range.count * 2)
    for v in slice(range) {
      if let u = Unicode.Scalar(v) { utf8.append(contentsOf: UTF8.encode(u)!) }
    }
    return String(decoding: utf8, as: UTF8.self)
  }
}

public enum Anchoring {
  public struct Result: Equatable, Sendable {
    public var range: Range<Int>?
    public var state: AnchorState
  }

  /// Fraction of the quote's length that an approximate match may get wrong.
  public static let maxErrorFraction = 0.25
  /// Minimum combined score (0…1) for an approximate match.
  public static let scoreFloor = 0.5

  /// Quotes shorter than this need their context to agree before they move.
  public static let shortQuoteLength = 40
  /// Errors an approximate match may have without its context agreeing on both sides.
  public static let smallErrorFraction = 0.125
  /// Insertions inside a quote tolerated when the context agrees on both sides.
  public static let maxInsertionFraction = 0.5
  /// How alike (0…1, one minus the edit distance over the length) the scalars next to a
  /// candidate must be to the stored context for that side to agree.
  static let agreement = 0.7
  /// Up to this many candidates are scored by the whole stored context; more by its nearest
  /// `Annotation.contextLength` scalars, as edit distances over the longer one would cost 16
  /// times as much for each.
  static let longContextCandidates = 64
  /// How many of the context's scalars nearest the quote step 4 looks for.
  static let agreementLength = 32

  /// Whether the text at the stored position is still the quote (the fast path).
  public static func isExact(_ annotation: Annotation, in text: AnchorText) -> Bool {
    guard annotation.start >= 0, annotation.start < annotation.end, annotation.end <= text.scalars.count else {
      return false
    }
    var i = annotation.start
    for s in annotation.quote.unicodeScalars {
      guard i < annotation.end, text.scalars[i] == s.value else { return false }
      i += 1
    }
    return i == annotation.end
  }

  public static func anchor(_ annotation: Annotation, in text: AnchorText) -> Result {
    locate(annotation, in: text).result
  }

  /// `anchor`, with how many exact occurrences the quote has in the text when they were
  /// looked up (`reanchored` needs it, and need not look again).
  static func locate(_ annotation: Annotation, in text: AnchorText) -> (result: Result, occurrences: Int?) {
    var occurrences: Int?
    return (locate(annotation, in: text, occurrences: &occurrences), occurrences)
  }

  private static func locate(_ annotation: Annotation, in text: AnchorText, occurrences: inout Int?) -> Result {
    let quote = Array(annotation.quote.unicodeScalars.map(\.value))
    guard !quote.isEmpty else { return Result(range: nil, state: .orphaned) }
    // 1. Still where it was.
    if isExact(annotation, in: text) { return Result(range: annotation.start..<annotation.end, state: .exact) }
    let prefix = Array(annotation.prefix.unicodeScalars.map(\.value))
    let suffix = Array(annotation.suffix.unicodeScalars.map(\.value))
    let short = quote.count < shortQuoteLength
    // Whether the context agrees enough for a short quote to move: its best candidate is
    // chosen first (`bestCandidate`, fast with thousands of candidates), then checked.
    func agrees(_ range: Range<Int>) -> Bool {
      !short || agreement(range, prefix: prefix, suffix: suffix, text: text).either
    }
    // The best of several candidates, by the whole stored context when there are few (a
    // repeated quote's longer context tells its copies apart), else by the nearest
    // `Annotation.contextLength` scalars of it (a quote of one common word has thousands).
    func choose(_ candidates: [(range: Range<Int>, errors: Int)]) -> (range: Range<Int>, score: Double) {
      let whole = candidates.count <= longContextCandidates
      return bestCandidate(
        candidates, quote: quote, prefix: whole ? prefix : Array(prefix.suffix(Annotation.contextLength)),
        suffix: whole ? suffix : Array(suffix.prefix(Annotation.contextLength)), expected: annotation.start,
        text: text)
    }
    // Without a position (an imported quote with only its context), the first exact
    // occurrence of the whole context and quote is the best candidate there can be (a perfect
    // context, and ties go to the first): one lookup, where scoring each of the thousands of
    // occurrences of a short quote took most of a quote-only import.
    func wholeContext(_ exact: [Range<Int>]) -> Range<Int>? {
      guard annotation.start < 0, !prefix.isEmpty || !suffix.isEmpty,
        let first = text.occurrences(of: prefix + quote + suffix).first
      else { return nil }
      return (first.lowerBound + prefix.count)..<(first.lowerBound + prefix.count + quote.count)
    }
    func best(_ candidates: [ApproximateMatch]) -> Range<Int>? {
      guard !candidates.isEmpty else { return nil }
      let best = choose(candidates.map { ($0.range, $0.errors) })
      return best.score >= scoreFloor ? best.range : nil
    }
    // 2. Exact occurrences elsewhere.
    let exact = text.occurrences(of: quote)
    occurrences = exact.count
    if !exact.isEmpty {
      let range = exact.count == 1 ? exact[0] : wholeContext(exact) ?? choose(exact.map { ($0, 0) }).range
      if agrees(range) { return Result(range: range, state: .relocated) }
    }
    // 3. Approximate: with few errors first, then words inserted inside the quote (4), then
    // with more errors where the context agrees on both sides (5).
    let maxErrors = max(1, Int(Double(quote.count) * maxErrorFraction))
    let smallErrors = Int(Double(quote.count) * smallErrorFraction)
    let candidates = approximateMatches(of: quote, in: text.scalars, maxErrors: maxErrors)
    if let range = best(candidates.filter { $0.errors <= smallErrors }), agrees(range) {
      return Result(range: range, state: .relocated)
    }
    // 4. Words inserted inside the quote, between a context that agrees on both sides.
    if let range = betweenContext(quote: quote, prefix: prefix, suffix: suffix, expected: annotation.start, text: text)
    {
      return Result(range: range, state: .relocated)
    }
    // 5. More errors, where the context agrees on both sides.
    if let range = best(candidates.filter { $0.errors > smallErrors }),
      agreement(range, prefix: prefix, suffix: suffix, text: text).both
    {
      return Result(range: range, state: .relocated)
    }
    return Result(range: nil, state: .orphaned)
  }

  /// Re-anchors and returns the annotation with its position and state written back.
  public static func reanchored(_ annotation: Annotation, in text: AnchorText) -> Annotation {
    var copy = annotation
    let (result, occurrences) = locate(annotation, in: text)
    copy.anchor = result.state
    if let range = result.range {
      copy.start = range.lowerBound
      copy.end = range.upperBound
      if result.state == .relocated {
        copy.quote = text.string(range)
        // A longer context if it had one, or if the quote (as it is now) occurs more than once.
        func repeated() -> Bool {
          if copy.quote == annotation.quote, let occurrences { return occurrences > 1 }
          return text.occurrences(of: text.slice(range)).count > 1
        }
        let long =
          annotation.prefix.unicodeScalars.count > Annotation.contextLength
          || annotation.suffix.unicodeScalars.count > Annotation.contextLength || repeated()
        let length = long ? Annotation.repeatedContextLength : Annotation.contextLength
        copy.prefix = text.string(max(0, range.lowerBound - length)..<range.lowerBound)
        copy.suffix = text.string(range.upperBound..<min(text.scalars.count, range.upperBound + length))
      }
    }
    return copy
  }

  /// The candidate with the highest `score` (the first of equal ones). A quote that occurs
  /// thousands of times must not cost thousands of context edit distances: candidates whose
  /// context is exactly the stored one are scored first (no edit distance needed), and a
  /// candidate whose score could not beat the best so far even with a perfect context is
  /// skipped. The result is the same as scoring every candidate.
  static func bestCandidate(
    _ candidates: [(range: Range<Int>, errors: Int)], quote: [UInt32], prefix: [UInt32], suffix: [UInt32],
    expected: Int, text: AnchorText
  ) -> (range: Range<Int>, score: Double) {
    var best: (index: Int, score: Double)?
    func consider(_ index: Int, _ score: Double) {
      if best == nil || score > best!.score || (score == best!.score && index < best!.index) { best = (index, score) }
    }
    // Compared as bytes: a quote of one common word has hundreds of thousands of candidates.
    let scalars = text.scalars
    func contextIsExact(_ range: Range<Int>) -> Bool {
      guard range.lowerBound >= prefix.count && range.upperBound + suffix.count <= scalars.count else { return false }
      return scalars.withUnsafeBufferPointer { t in
        prefix.withUnsafeBufferPointer { p in
          suffix.withUnsafeBufferPointer { s in
            let stride = MemoryLayout<UInt32>.stride
            return
              (p.isEmpty || memcmp(t.baseAddress! + range.lowerBound - p.count, p.baseAddress!, p.count * stride) == 0)
              && (s.isEmpty || memcmp(t.baseAddress! + range.upperBound, s.baseAddress!, s.count * stride) == 0)
          }
        }
      }
    }
    var rest: [Int] = []
    for (i, c) in candidates.enumerated() {
      if contextIsExact(c.range) {
        consider(
          i,
          combine(
            quote: 1 - Double(c.errors) / Double(max(1, quote.count)), prefix: 1, suffix: 1,
            position: positionScore(c.range, expected: expected, text: text)))
      } else {
        rest.append(i)
      }
    }
    func cannotWin(_ i: Int, _ bound: Double) -> Bool {
      guard let best else { return false }
      return bound < best.score || (bound == best.score && i > best.index)
    }
    for i in rest {
      let c = candidates[i]
      let quoteScore = 1 - Double(c.errors) / Double(max(1, quote.count))
      let position = positionScore(c.range, expected: expected, text: text)
      if cannotWin(i, combine(quote: quoteScore, prefix: 1, suffix: 1, position: position)) { continue }
      // A tighter bound, still never below the score: the context's edit distances are at
      // least their bag distances (a quote of one common word has thousands of candidates).
      if best != nil {
        let before = max(0, c.range.lowerBound - prefix.count)..<c.range.lowerBound
        let after = c.range.upperBound..<min(text.scalars.count, c.range.upperBound + suffix.count)
        let prefixBound =
          prefix.isEmpty ? 1 : 1 - Double(bagDistance(scalars[before], prefix)) / Double(prefix.count)
        if cannotWin(i, combine(quote: quoteScore, prefix: prefixBound, suffix: 1, position: position)) { continue }
        let suffixBound =
          suffix.isEmpty ? 1 : 1 - Double(bagDistance(scalars[after], suffix)) / Double(suffix.count)
        if cannotWin(i, combine(quote: quoteScore, prefix: prefixBound, suffix: suffixBound, position: position)) {
          continue
        }
      }
      consider(
        i,
        score(c.range, errors: c.errors, quote: quote, prefix: prefix, suffix: suffix, expected: expected, text: text))
    }
    return (candidates[best!.index].range, best!.score)
  }

  /// How near a candidate is to where the annotation was; the same for every candidate when
  /// it has no position (`expected` < 0: an imported quote), so the start is not favoured.
  static func positionScore(_ range: Range<Int>, expected: Int, text: AnchorText) -> Double {
    guard expected >= 0 else { return 1 }
    return 1 - Double(abs(range.lowerBound - expected)) / Double(max(1, text.scalars.count))
  }

  static func combine(quote: Double, prefix: Double, suffix: Double, position: Double) -> Double {
    let weights = (quote: 50.0, prefix: 20.0, suffix: 20.0, position: 2.0)
    return
      (quote * weights.quote + max(0, prefix) * weights.prefix + max(0, suffix) * weights.suffix
      + position * weights.position) / (weights.quote + weights.prefix + weights.suffix + weights.position)
  }

  /// Score in 0…1: mostly the quote, then the context on both sides, a little the position.
  static func score(
    _ range: Range<Int>, errors: Int, quote: [UInt32], prefix: [UInt32], suffix: [UInt32],
    expected: Int, text: AnchorText
  ) -> Double {
    let quoteScore = 1 - Double(errors) / Double(max(1, quote.count))
    let before = text.slice(max(0, range.lowerBound - prefix.count)..<range.lowerBound)
    let after = text.slice(range.upperBound..<(range.upperBound + suffix.count))
    let prefixScore =
      prefix.isEmpty ? 1 : 1 - Double(before == prefix ? 0 : editDistance(before, prefix)) / Double(prefix.count)
    let suffixScore =
      suffix.isEmpty ? 1 : 1 - Double(after == suffix ? 0 : editDistance(after, suffix)) / Double(suffix.count)
    return combine(
      quote: quoteScore, prefix: prefixScore, suffix: suffixScore,
      position: positionScore(range, expected: expected, text: text))
  }

  /// Every exact occurrence, overlapping ones included (`TextScan`'s scan).
  public static func occurrences(of pattern: [UInt32], in text: [UInt32]) -> [Range<Int>] {
    TextScan.occurrences(of: pattern, in: text)
  }

  /// Levenshtein distance between two scalar arrays.
  public static func editDistance(_ a: [UInt32], _ b: [UInt32]) -> Int {
    EditDistance.scalars(a, b)
  }
}

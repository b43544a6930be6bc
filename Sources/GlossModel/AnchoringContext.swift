/// The context checks of anchoring (see `Anchoring`): whether a candidate's surroundings agree
/// with the stored prefix and suffix, and the stretch between them when words were inserted
/// inside the quote.
extension Anchoring {
  /// Whether the scalars next to `range` agree with the stored context on each side (the
  /// whole stored context: a repeated quote's longer one tells its copies apart). A side with
  /// no stored context (the quote began or ended the article) agrees only if the candidate is
  /// at that end of the text too; `either` is true when neither side has any context.
  static func agreement(_ range: Range<Int>, prefix: [UInt32], suffix: [UInt32], text: AnchorText) -> (
    either: Bool, both: Bool
  ) {
    func alike(_ stored: [UInt32], _ found: [UInt32]) -> Bool {
      guard !stored.isEmpty else { return found.isEmpty }
      // The bag distance is a lower bound of the edit distance, and far cheaper.
      let bound = bagDistance(found[...], stored)
      guard 1 - Double(bound) / Double(stored.count) >= agreement else { return false }
      return 1 - Double(EditDistance.scalars(stored, found)) / Double(stored.count) >= agreement
    }
    if prefix.isEmpty && suffix.isEmpty { return (true, true) }
    let before = alike(prefix, text.slice(max(0, range.lowerBound - prefix.count)..<range.lowerBound))
    let after = alike(suffix, text.slice(range.upperBound..<(range.upperBound + suffix.count)))
    return (before || after, before && after)
  }

  /// Step 4: where the context's nearest scalars are found exactly on both sides of a stretch
  /// at least as long as the quote and at most `maxInsertionFraction` longer, the stretch, if
  /// the quote is in it with (mostly) insertions: the stretch nearest the stored position.
  static func betweenContext(
    quote: [UInt32], prefix: [UInt32], suffix: [UInt32], expected: Int, text: AnchorText
  ) -> Range<Int>? {
    let p = Array(prefix.suffix(agreementLength))
    let s = Array(suffix.prefix(agreementLength))
    guard p.count >= agreementLength / 2, s.count >= agreementLength / 2 else { return nil }
    let longest = quote.count + Int(Double(quote.count) * maxInsertionFraction)
    let afters = text.occurrences(of: s).map(\.lowerBound)
    guard !afters.isEmpty else { return nil }
    var best: (range: Range<Int>, distance: Int)?
    for before in text.occurrences(of: p) {
      let start = before.upperBound
      var i = afters.partitioningIndex { $0 < start + quote.count }
      while i < afters.count && afters[i] <= start + longest {
        let range = start..<afters[i]
        let errors = EditDistance.scalars(text.slice(range), quote)
        // Insertions cost their number; allow a few other edits besides.
        if errors <= range.count - quote.count + Int(Double(quote.count) * smallErrorFraction) {
          let distance = abs(range.lowerBound - expected)
          if best == nil || distance < best!.distance { best = (range, distance) }
        }
        i += 1
      }
    }
    return best?.range
  }
}

extension Anchoring {
  /// A lower bound of the edit distance of two texts, cheap to compute: the larger of the
  /// numbers of scalars each has that the other lacks (as multisets; every edit changes each
  /// by at most one). Scalars are counted in 128 classes, which only lowers it.
  static func bagDistance(_ a: ArraySlice<UInt32>, _ b: [UInt32]) -> Int {
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 128) { counts in
      counts.initialize(repeating: 0)
      @inline(__always) func bucket(_ v: UInt32) -> Int {
        v < 128 ? Int(v) : Int((v &* 2_654_435_761) &>> 25)
      }
      for v in a { counts[bucket(v)] &+= 1 }
      // Each of b's scalars takes one of a's left in its class, or is one a lacks: no pass
      // over the 128 classes (a context's bound is computed for thousands of candidates).
      var lacking = 0
      for v in b {
        let i = bucket(v)
        if counts[i] > 0 { counts[i] &-= 1 } else { lacking &+= 1 }
      }
      let matched = b.count - lacking
      return max(a.count - matched, lacking)
    }
  }
}

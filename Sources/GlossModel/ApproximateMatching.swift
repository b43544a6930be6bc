#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Approximate matching for anchoring (Myers' bit-parallel search) and the edit distances it
/// and the scoring use.
extension Anchoring {
  public struct ApproximateMatch: Equatable, Sendable {
    public var range: Range<Int>
    public var errors: Int
  }

  /// Matches of `pattern` in `text` with at most `maxErrors` edits (insertions, deletions,
  /// substitutions), found with Myers' bit-parallel algorithm over 64-bit blocks (any pattern
  /// length). For each local minimum of errors, the start is recovered with a small dynamic
  /// programme over the window before the end.
  public static func approximateMatches(of pattern: [UInt32], in text: [UInt32], maxErrors: Int) -> [ApproximateMatch] {
    approximateMatches(of: pattern, in: text, maxErrors: maxErrors, blocksOnly: false)
  }

  /// `blocksOnly`: the general search even for a pattern of one block (tests compare the two).
  static func approximateMatches(
    of pattern: [UInt32], in text: [UInt32], maxErrors: Int, blocksOnly: Bool
  ) -> [ApproximateMatch] {
    let m = pattern.count
    guard m > 0, !text.isEmpty else { return [] }
    let ends =
      m <= 64 && !blocksOnly
      ? approximateEnds(ofShort: pattern, in: text, maxErrors: maxErrors)
      : approximateEnds(of: pattern, in: text, maxErrors: maxErrors)
    return localMinima(ends, pattern: pattern, text: text)
  }

  /// Where matches with at most `maxErrors` edits end, and their errors: a pattern of up to 64
  /// scalars in one machine word, its masks in a table (ASCII directly, other scalars by open
  /// addressing) rather than a dictionary lookup per scalar of the text.
  ///
  /// A column depends on the one before it, so one pass is as slow as that chain of a dozen
  /// operations per scalar, whatever the processor could do at once. A long text is therefore
  /// cut in four, and four columns advance side by side, one in each quarter: independent
  /// chains the processor overlaps. A match with at most `maxErrors` edits spans at most
  /// `pattern.count + maxErrors` scalars, so a column started that far before its quarter has
  /// the same scores as one started at the beginning wherever they are at most `maxErrors`
  /// (the only ones kept). `lanes: false` makes one pass (tests compare the two).
  static func approximateEnds(
    ofShort pattern: [UInt32], in text: [UInt32], maxErrors: Int, lanes: Bool = true
  ) -> [(end: Int, errors: Int)] {
    // No match has fewer than 0 errors, and none needs more than the pattern's length (the
    // score never exceeds it): the same ends as asked, and `reach` stays in range.
    guard maxErrors >= 0 else { return [] }
    let maxErrors = min(maxErrors, pattern.count)
    let n = text.count
    let reach = pattern.count + maxErrors
    let quarter = n / 4
    return ShortPatternMasks.withLookup(for: pattern) { lookup in
      text.withUnsafeBufferPointer { t in
        var column = MyersColumn(patternLength: pattern.count)
        guard lanes, quarter >= max(reach, 1024) else {
          var ends: [(end: Int, errors: Int)] = []
          for j in 0..<n {
            // Row 0 all zero: a match may start anywhere.
            column.advance(lookup.mask(t[j]), rowZero: 0)
            if column.score <= maxErrors { ends.append((j + 1, column.score)) }
          }
          return ends
        }
        var ends: ([(end: Int, errors: Int)], [(end: Int, errors: Int)], [(end: Int, errors: Int)]) = ([], [], [])
        var all: [(end: Int, errors: Int)] = []
        var (c0, c1, c2, c3) = (column, column, column, column)
        // Quarter i is quarter * i ..< quarter * (i + 1) (the last also takes the rest); its
        // column starts `reach` scalars before it. The first quarter's would see nothing there:
        // a column that sees no scalar of the pattern stays as it began, so it waits instead.
        let (s1, s2, s3) = (quarter - reach, 2 * quarter - reach, 3 * quarter - reach)
        for k in 0..<reach {
          c1.advance(lookup.mask(t[s1 + k]), rowZero: 0)
          c2.advance(lookup.mask(t[s2 + k]), rowZero: 0)
          c3.advance(lookup.mask(t[s3 + k]), rowZero: 0)
        }
        for j in 0..<quarter {
          c0.advance(lookup.mask(t[j]), rowZero: 0)
          c1.advance(lookup.mask(t[quarter + j]), rowZero: 0)
          c2.advance(lookup.mask(t[2 * quarter + j]), rowZero: 0)
          c3.advance(lookup.mask(t[3 * quarter + j]), rowZero: 0)
          if c0.score <= maxErrors { all.append((j + 1, c0.score)) }
          if c1.score <= maxErrors { ends.0.append((quarter + j + 1, c1.score)) }
          if c2.score <= maxErrors { ends.1.append((2 * quarter + j + 1, c2.score)) }
          if c3.score <= maxErrors { ends.2.append((3 * quarter + j + 1, c3.score)) }
        }
        for j in (4 * quarter)..<n {
          c3.advance(lookup.mask(t[j]), rowZero: 0)
          if c3.score <= maxErrors { ends.2.append((j + 1, c3.score)) }
        }
        all.append(contentsOf: ends.0)
        all.append(contentsOf: ends.1)
        all.append(contentsOf: ends.2)
        return all
      }
    }
  }

  /// The same for a pattern of any length, over 64-bit blocks.
  static func approximateEnds(of pattern: [UInt32], in text: [UInt32], maxErrors: Int) -> [(end: Int, errors: Int)] {
    let m = pattern.count
    let blocks = (m + 63) / 64
    // Peq: for each distinct scalar in the pattern, its bit mask per block.
    var peq: [UInt32: [UInt64]] = [:]
    for (i, c) in pattern.enumerated() {
      peq[c, default: [UInt64](repeating: 0, count: blocks)][i / 64] |= 1 << UInt64(i % 64)
    }
    let zero = [UInt64](repeating: 0, count: blocks)
    var pv = [UInt64](repeating: ~0, count: blocks)
    var mv = [UInt64](repeating: 0, count: blocks)
    let lastBit: UInt64 = 1 << UInt64((m - 1) % 64)
    var score = m
    var ends: [(end: Int, errors: Int)] = []
    for (j, c) in text.enumerated() {
      let eq = peq[c] ?? zero
      var hin = 0  // horizontal delta carried into the block: -1, 0 or +1 (row 0 is all zero: semi-global)
      for b in 0..<blocks {
        let e = eq[b]
        var xv = e | mv[b]
        if hin < 0 { xv |= 1 }
        let pvb = pv[b]
        let mvb = mv[b]
        var eqh = e
        if hin < 0 { eqh |= 1 }
        let xh = (((eqh & pvb) &+ pvb) ^ pvb) | eqh
        var ph = mvb | ~(xh | pvb)
        var mh = pvb & xh
        let top: UInt64 = b == blocks - 1 ? lastBit : (1 << 63)
        var hout = 0
        if ph & top != 0 { hout = 1 } else if mh & top != 0 { hout = -1 }
        ph <<= 1
        mh <<= 1
        if hin < 0 { mh |= 1 } else if hin > 0 { ph |= 1 }
        pv[b] = mh | ~(xv | ph)
        mv[b] = ph & xv
        hin = hout
      }
      score += hin
      if score <= maxErrors { ends.append((j + 1, score)) }
    }
    return ends
  }

  /// One match per run of nearby ends: the end with the fewest errors, and the start that
  /// aligns the whole pattern before it.
  static func localMinima(_ ends: [(end: Int, errors: Int)], pattern: [UInt32], text: [UInt32]) -> [ApproximateMatch] {
    let m = pattern.count
    // Keep local minima (the best end in each run of nearby ends).
    var result: [ApproximateMatch] = []
    var i = 0
    while i < ends.count {
      var bestIndex = i
      var k = i + 1
      while k < ends.count && ends[k].end == ends[k - 1].end + 1 {
        if ends[k].errors < ends[bestIndex].errors { bestIndex = k }
        k += 1
      }
      let end = ends[bestIndex].end
      let errors = ends[bestIndex].errors
      let windowStart = max(0, end - m - errors)
      let start = bestStart(pattern: pattern, text: text, window: windowStart..<end)
      result.append(ApproximateMatch(range: start..<end, errors: errors))
      i = k
    }
    return result
  }

  /// The start in `window` (which ends where the match ends) that aligns the whole pattern
  /// with the fewest edits: a dynamic programme over the reversed window.
  static func bestStart(pattern: [UInt32], text: [UInt32], window: Range<Int>, bitParallel: Bool = true) -> Int {
    // The same programme a column at a time, the reversed pattern in one machine word (a short
    // quote through a whole article has thousands of matches to place).
    if bitParallel && pattern.count <= 64 {
      return ShortPatternMasks.withLookup(for: pattern.reversed()) { lookup in
        text.withUnsafeBufferPointer { t in
          var column = MyersColumn(patternLength: pattern.count)
          var best = pattern.count
          var bestColumn = 0
          var j = window.upperBound
          while j > window.lowerBound {
            j -= 1
            column.advance(lookup.mask(t[j]), rowZero: 1)
            if column.score <= best {
              best = column.score
              bestColumn = window.upperBound - j
            }
          }
          return window.upperBound - bestColumn
        }
      }
    }
    let p = Array(pattern.reversed())
    let t = Array(text[window].reversed())
    // Row over the pattern; columns over the reversed window; the match must begin at column 0
    // (the end) and may end anywhere: the best column is the start.
    var previous = Array(0...p.count)
    var bestColumn = 0
    var best = previous[p.count]
    for (j, c) in t.enumerated() {
      var current = [Int](repeating: 0, count: p.count + 1)
      current[0] = j + 1
      for i in 1...p.count {
        current[i] = min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (p[i - 1] == c ? 0 : 1))
      }
      if current[p.count] <= best {
        best = current[p.count]
        bestColumn = j + 1
      }
      previous = current
    }
    return window.upperBound - bestColumn
  }
}

/// A pattern of up to 64 scalars as bit masks, one per scalar (bit i: the pattern's scalar i),
/// for the bit-parallel algorithms: ASCII in a table, other scalars by open addressing (at most
/// 64 distinct scalars in 128 slots: never full). The tables live on the stack for the
/// duration of `withLookup` (a context's edit distance is computed hundreds of thousands of
/// times in an import; three arrays each time were a tenth of it).
enum ShortPatternMasks {
  @inline(__always) static func slot(_ c: UInt32) -> Int { Int((c &* 2_654_435_761) &>> 25) & 127 }

  /// The tables, for a loop over a text.
  struct Lookup {
    let ascii: UnsafeMutableBufferPointer<UInt64>
    let keys: UnsafeMutableBufferPointer<UInt32>
    let masks: UnsafeMutableBufferPointer<UInt64>

    /// The mask of a scalar of the text (0: not in the pattern).
    @inline(__always) func mask(_ c: UInt32) -> UInt64 {
      if c < 128 { return ascii[Int(c)] }
      var h = ShortPatternMasks.slot(c)
      while keys[h] != .max {
        if keys[h] == c { return masks[h] }
        h = (h + 1) & 127
      }
      return 0
    }
  }

  static func withLookup<R>(for pattern: some Sequence<UInt32>, _ body: (Lookup) -> R) -> R {
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 256) { words in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 128) { keys in
        words.initialize(repeating: 0)
        keys.initialize(repeating: .max)
        let lookup = Lookup(
          ascii: UnsafeMutableBufferPointer(rebasing: words[0..<128]), keys: keys,
          masks: UnsafeMutableBufferPointer(rebasing: words[128..<256]))
        for (i, c) in pattern.enumerated() {
          let bit: UInt64 = 1 &<< UInt64(i)
          if c < 128 {
            lookup.ascii[Int(c)] |= bit
            continue
          }
          var h = slot(c)
          while keys[h] != .max && keys[h] != c { h = (h + 1) & 127 }
          keys[h] = c
          lookup.masks[h] |= bit
        }
        return body(lookup)
      }
    }
  }
}

/// One column of Myers' bit-vector edit-distance table (Myers 1999; Hyyrö 2003) for a pattern
/// of up to 64 scalars: `score` is the distance of the whole pattern at the current column.
struct MyersColumn {
  private let last: UInt64
  private var pv: UInt64 = ~0
  private var mv: UInt64 = 0
  private(set) var score: Int

  init(patternLength m: Int) {
    last = UInt64(m - 1)
    score = m
  }

  /// One scalar of the text, `eq` its mask. `rowZero`: 1 when row 0 rises by one per column
  /// (the distance of whole strings), 0 when it stays 0 (a match may start anywhere).
  @inline(__always) mutating func advance(_ eq: UInt64, rowZero: UInt64) {
    let xv = eq | mv
    let xh = (((eq & pv) &+ pv) ^ pv) | eq
    var ph = mv | ~(xh | pv)
    var mh = pv & xh
    // Up by one, down by one or neither (never both): without a branch, as which it is
    // cannot be predicted.
    score &+= Int(truncatingIfNeeded: (ph &>> last) & 1) &- Int(truncatingIfNeeded: (mh &>> last) & 1)
    ph = (ph &<< 1) | rowZero
    mh &<<= 1
    pv = mh | ~(xv | ph)
    mv = ph & xv
  }
}

/// Levenshtein distance (insertions, deletions, substitutions), for anchoring scores and
/// "did you mean" suggestions.
public enum EditDistance {
  /// `levenshtein` for scalar arrays: the common prefix and suffix skipped, one row on the
  /// stack-like buffer, no generic dispatch (anchoring scores compute tens of thousands).
  public static func scalars(_ a: [UInt32], _ b: [UInt32]) -> Int {
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        var lo = 0
        var aEnd = a.count
        var bEnd = b.count
        while lo < aEnd && lo < bEnd && a[lo] == b[lo] { lo += 1 }
        while aEnd > lo && bEnd > lo && a[aEnd - 1] == b[bEnd - 1] {
          aEnd -= 1
          bEnd -= 1
        }
        let n = aEnd - lo
        let m = bEnd - lo
        if n == 0 { return m }
        if m == 0 { return n }
        // The shorter side in one machine word: Hyyrö's bit-vector form of Myers' algorithm,
        // a column per scalar of the longer side instead of a row of cells (contexts are 32 to
        // 128 scalars; a quote of one common word has thousands of candidates to score).
        if Swift.min(n, m) <= 64 {
          let (short, long) =
            n <= m
            ? (UnsafeBufferPointer(rebasing: a[lo..<aEnd]), UnsafeBufferPointer(rebasing: b[lo..<bEnd]))
            : (UnsafeBufferPointer(rebasing: b[lo..<bEnd]), UnsafeBufferPointer(rebasing: a[lo..<aEnd]))
          return bitParallel(short, long)
        }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: m + 1) { row in
          for j in 0...m { row[j] = j }
          for i in 1...n {
            var diagonal = row[0]
            row[0] = i
            let c = a[lo + i - 1]
            for j in 1...m {
              let above = row[j]
              row[j] = Swift.min(above + 1, row[j - 1] + 1, diagonal + (c == b[lo + j - 1] ? 0 : 1))
              diagonal = above
            }
          }
          return row[m]
        }
      }
    }
  }

  /// Levenshtein distance with `pattern` (1 to 64 scalars) as bit vectors (Hyyrö 2003): the
  /// distance of the whole pattern to the whole text, row 0 rising by one per column.
  static func bitParallel(_ pattern: UnsafeBufferPointer<UInt32>, _ text: UnsafeBufferPointer<UInt32>) -> Int {
    var column = MyersColumn(patternLength: pattern.count)
    ShortPatternMasks.withLookup(for: pattern) { lookup in
      for c in text { column.advance(lookup.mask(c), rowZero: 1) }
    }
    return column.score
  }

  public static func levenshtein<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

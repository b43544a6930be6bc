import Synchronization

/// Positions of every k-gram of a text: a hash table laid out flat (a counting sort of
/// positions by bucket), so that building it for a 10 MB article is two passes over the text
/// rather than millions of small arrays. Grams that share a bucket are told apart by the
/// caller, which compares the text anyway. Built once, behind a mutex, so an `AnchorText` can
/// be shared: on first use for a text of up to `maxTextLength` scalars, or for any length when
/// `prepare` asks for it (an import resolving thousands of quotes against one article).
///
/// `prepare` also finds the patterns shorter than a gram, all of them in one pass over the
/// text (a short pattern has no gram to look up), so that a quote of one short word costs a
/// dictionary lookup too.
final class GramIndex: Sendable {
  static let k = 6
  /// Texts longer than this get an index only when `prepare` asks for one: the reader
  /// re-anchoring a few moved annotations in a 10 MB article should not spend ~55 MB on it.
  static let maxTextLength = 4_000_000

  private struct Table: Sendable {
    var mask = 0
    /// Bucket b's positions are `positions[starts[b]..<starts[b + 1]]`.
    var starts: [Int32] = []
    var positions: [Int32] = []
  }

  private struct State: Sendable {
    var table: Table?
    var prepared = false
    /// Every occurrence of each pattern shorter than a gram that `prepare` was given.
    var short: [[UInt32]: [Range<Int>]] = [:]
  }

  private let state = Mutex(State())
  /// Never used: every lookup is a scan (for tests that compare the two).
  let scanOnly: Bool

  init(scanOnly: Bool = false) { self.scanOnly = scanOnly }

  /// The hash of `s[at..<(at + length)]` (FNV-1a over the scalars, then mixed).
  static func key(_ s: UnsafeBufferPointer<UInt32>, _ at: Int, length: Int = k) -> UInt64 {
    var h = seed
    for i in at..<(at + length) { h = step(h, s[i]) }
    return finish(h)
  }

  static func key(_ s: [UInt32], _ at: Int) -> UInt64 {
    s.withUnsafeBufferPointer { key($0, at) }
  }

  @inline(__always) static var seed: UInt64 { 1_469_598_103_934_665_603 }
  @inline(__always) static func step(_ h: UInt64, _ v: UInt32) -> UInt64 { (h ^ UInt64(v)) &* 1_099_511_628_211 }
  @inline(__always) static func finish(_ h: UInt64) -> UInt64 { h ^ (h >> 29) }

  /// Whether `occurrences` may use the table for this text (built, buildable, or prepared).
  func isUsable(for text: [UInt32]) -> Bool {
    !scanOnly && text.count < Int(Int32.max)
      && (text.count <= GramIndex.maxTextLength || state.withLock { $0.prepared })
  }

  /// The table, built now whatever the text's length (outside the lock: `prepareShort` may
  /// run at the same time on another thread).
  func prepareTable(_ text: [UInt32]) {
    guard !scanOnly, !state.withLock({ $0.table != nil }) else {
      state.withLock { $0.prepared = true }
      return
    }
    let table = GramIndex.build(text)
    state.withLock { state in
      if state.table == nil { state.table = table }
      state.prepared = true
    }
  }

  /// Every occurrence of the given patterns shorter than a gram, found in one pass.
  func prepareShort(_ text: [UInt32], patterns: Set<[UInt32]>) {
    guard !scanOnly else { return }
    let patterns = patterns.filter { !$0.isEmpty && $0.count < GramIndex.k }
    let missing = state.withLock { state in patterns.filter { state.short[$0] == nil } }
    guard !missing.isEmpty else { return }
    let found = GramIndex.scan(text, for: missing)
    state.withLock { $0.short.merge(found) { old, _ in old } }
  }

  /// The occurrences `prepare` found of a pattern shorter than a gram (nil if it was not
  /// given that pattern).
  func shortOccurrences(of pattern: [UInt32]) -> [Range<Int>]? {
    state.withLock { $0.short[pattern] }
  }

  /// Candidate starts for a pattern of at least `k` scalars: the positions of its rarest gram
  /// (every offset of the pattern is looked at: one bucket's size each), minus that gram's
  /// offset in the pattern. A superset of the pattern's occurrences, in increasing order.
  func candidates(for pattern: [UInt32], in text: [UInt32]) -> (offset: Int, positions: ArraySlice<Int32>) {
    state.withLock { state in
      let table = state.table ?? GramIndex.build(text)
      state.table = table
      guard !table.positions.isEmpty, pattern.count >= GramIndex.k else { return (0, []) }
      return pattern.withUnsafeBufferPointer { p in
        var best = (offset: 0, bucket: 0, count: Int.max)
        for offset in 0...(p.count - GramIndex.k) {
          let bucket = Int(GramIndex.key(p, offset) & UInt64(table.mask))
          let count = Int(table.starts[bucket + 1] - table.starts[bucket])
          if count < best.count {
            best = (offset, bucket, count)
            if count == 0 { break }
          }
        }
        return (
          best.offset, table.positions[Int(table.starts[best.bucket])..<Int(table.starts[best.bucket + 1])]
        )
      }
    }
  }

  /// The table: one bucket per four grams or so (buckets shared by different grams are fine,
  /// the text is compared anyway), filled by a counting sort; the grams are hashed twice
  /// rather than kept, which saves an array as long as the text.
  private static func build(_ text: [UInt32]) -> Table {
    var table = Table()
    let n = text.count - GramIndex.k + 1
    guard n > 0, n < Int(Int32.max) else { return table }
    var size = 1
    while size * 4 < n { size <<= 1 }
    table.mask = size - 1
    let mask = UInt64(size - 1)
    var counts = [Int32](repeating: 0, count: size + 1)
    var out = [Int32](repeating: 0, count: n)
    text.withUnsafeBufferPointer { t in
      counts.withUnsafeMutableBufferPointer { counts in
        for i in 0..<n { counts[Int(GramIndex.key(t, i) & mask) + 1] += 1 }
        for b in 0..<size { counts[b + 1] += counts[b] }
      }
      table.starts = counts
      out.withUnsafeMutableBufferPointer { out in
        counts.withUnsafeMutableBufferPointer { fill in
          for i in 0..<n {
            let b = Int(GramIndex.key(t, i) & mask)
            out[Int(fill[b])] = Int32(i)
            fill[b] += 1
          }
        }
      }
    }
    table.positions = out
    return table
  }

  /// Every occurrence of each pattern (all shorter than a gram), overlapping ones included, in
  /// one pass: at each position the hashes of the next 1…L scalars are built up one step at a
  /// time, a bit set of the patterns' hashes rules out almost every one, and the rest are
  /// compared. The same results as a scan per pattern.
  static func scan(_ text: [UInt32], for patterns: Set<[UInt32]>) -> [[UInt32]: [Range<Int>]] {
    var result: [[UInt32]: [Range<Int>]] = [:]
    let list = Array(patterns)
    guard let longest = list.map(\.count).max() else { return result }
    for p in list { result[p] = [] }
    var byKey: [UInt64: [Int]] = [:]
    var lengths = [Bool](repeating: false, count: longest + 1)
    let filterBits = 1 << 20
    var filter = [UInt64](repeating: 0, count: filterBits / 64)
    for (id, p) in list.enumerated() {
      let key = p.withUnsafeBufferPointer { GramIndex.key($0, 0, length: p.count) }
      byKey[key, default: []].append(id)
      lengths[p.count] = true
      let bit = Int(key & UInt64(filterBits - 1))
      filter[bit >> 6] |= 1 << UInt64(bit & 63)
    }
    var found = [[Int]](repeating: [], count: list.count)
    text.withUnsafeBufferPointer { t in
      filter.withUnsafeBufferPointer { filter in
        for i in 0..<t.count {
          var h = GramIndex.seed
          for m in 1...min(longest, t.count - i) {
            h = GramIndex.step(h, t[i + m - 1])
            guard lengths[m] else { continue }
            let key = GramIndex.finish(h)
            let bit = Int(key & UInt64(filterBits - 1))
            guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let ids = byKey[key] else { continue }
            for id in ids where list[id].count == m {
              let p = list[id]
              var same = true
              for j in 0..<m where t[i + j] != p[j] {
                same = false
                break
              }
              if same { found[id].append(i) }
            }
          }
        }
      }
    }
    for (id, p) in list.enumerated() {
      result[p] = found[id].map { $0..<($0 + p.count) }
    }
    return result
  }
}

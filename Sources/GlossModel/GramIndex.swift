import Synchronization

/// Positions of every k-gram of a text, built on first use: a hash table laid out flat (a
/// counting sort of positions by bucket), so that building it for a 1 MB article is two
/// passes over the text rather than a million small arrays. Grams that share a bucket are
/// told apart by the caller, which compares the text anyway. Built once, behind a mutex, so
/// an `AnchorText` can be shared.
final class GramIndex: Sendable {
  static let k = 6
  static let maxTextLength = 4_000_000

  private struct Table: Sendable {
    var mask = 0
    /// Bucket b's positions are `positions[starts[b]..<starts[b + 1]]`.
    var starts: [Int32] = []
    var positions: [Int32] = []
  }

  private let table = Mutex<Table?>(nil)

  static func key(_ s: [UInt32], _ at: Int) -> UInt64 {
    s.withUnsafeBufferPointer { key($0, at) }
  }

  static func key(_ s: UnsafeBufferPointer<UInt32>, _ at: Int) -> UInt64 {
    var h: UInt64 = 1_469_598_103_934_665_603
    for i in at..<(at + k) { h = (h ^ UInt64(s[i])) &* 1_099_511_628_211 }
    return h ^ (h >> 29)
  }

  /// Positions whose gram falls in the same bucket as `key` (a superset of its occurrences).
  func positions(of key: UInt64, in text: [UInt32]) -> ArraySlice<Int32> {
    table.withLock { table in
      let built = table ?? GramIndex.build(text)
      table = built
      guard !built.positions.isEmpty else { return [] }
      let bucket = Int(key & UInt64(built.mask))
      return built.positions[Int(built.starts[bucket])..<Int(built.starts[bucket + 1])]
    }
  }

  private static func build(_ text: [UInt32]) -> Table {
    var table = Table()
    let n = text.count - GramIndex.k + 1
    guard n > 0 else { return table }
    var size = 1
    while size < n { size <<= 1 }
    table.mask = size - 1
    var buckets = [Int32](repeating: 0, count: n)
    var counts = [Int32](repeating: 0, count: size + 1)
    text.withUnsafeBufferPointer { t in
      for i in 0..<n {
        let b = Int32(truncatingIfNeeded: Int(GramIndex.key(t, i) & UInt64(table.mask)))
        buckets[i] = b
        counts[Int(b) + 1] += 1
      }
    }
    for b in 0..<size { counts[b + 1] += counts[b] }
    table.starts = counts
    var fill = counts
    var out = [Int32](repeating: 0, count: n)
    for i in 0..<n {
      let b = Int(buckets[i])
      out[Int(fill[b])] = Int32(i)
      fill[b] += 1
    }
    table.positions = out
    return table
  }
}

import Testing

@testable import GlossModel

/// The edit distance that scores anchoring candidates: the bit-parallel path (the shorter side
/// up to 64 scalars) agrees with the plain dynamic programme everywhere.
@Suite struct EditDistanceTests {
  @Test func bitParallelAgreesWithTheTable() {
    var rng = SeededRandom(seed: 7)
    // A small alphabet (many matches), ASCII and not, with scalars that share a hash slot.
    let alphabet: [UInt32] = [0x61, 0x62, 0x63, 0x20, 0xE9, 0x4E2D, 0x1F600, 0x80, 0x80 + 128 * 7, 0x10FFFF]
    var compared = 0
    for _ in 0..<3_000 {
      let n = Int.random(in: 0...90, using: &rng)
      let m = Int.random(in: 0...90, using: &rng)
      let a = (0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
      var b = (0..<m).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
      if Bool.random(using: &rng) && !a.isEmpty {
        // A near copy: a few edits of a.
        b = a
        for _ in 0..<Int.random(in: 0...5, using: &rng) where !b.isEmpty {
          b[Int.random(in: 0..<b.count, using: &rng)] = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
        }
      }
      #expect(EditDistance.scalars(a, b) == EditDistance.levenshtein(a, b), "\(a) \(b)")
      compared += 1
    }
    #expect(compared == 3_000)
  }

  @Test func knownDistances() {
    func d(_ x: String, _ y: String) -> Int {
      EditDistance.scalars(x.unicodeScalars.map(\.value), y.unicodeScalars.map(\.value))
    }
    #expect(d("kitten", "sitting") == 3)
    #expect(d("", "abc") == 3)
    #expect(d("Azerbaijan’s", "Azerbaijan's") == 1)
    #expect(d("中文 😀", "中文😀") == 1)
    #expect(d(String(repeating: "a", count: 64), String(repeating: "a", count: 63) + "b") == 1)
    #expect(d(String(repeating: "ab", count: 40), String(repeating: "ba", count: 40)) == 2)
  }
}

import Foundation
import Testing

@testable import GlossModel

/// The one-word search (patterns up to 64 scalars) finds what the block search finds.
@Suite struct ShortPatternSearchTests {
  @Test func oneWordAndBlockSearchesAgree() {
    var rng = SeededRandom(seed: 64)
    // ASCII, other scripts, emoji, and more distinct scalars than a table slot's neighbours.
    let alphabet: [UInt32] = [97, 98, 99, 32, 0x4E2D, 0x1F600, 0x531, 0x627, 0xE9] + (0x100..<0x140).map { $0 }
    var compared = 0
    for _ in 0..<400 {
      let text = (0..<Int.random(in: 1...400, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let pattern = (0..<Int.random(in: 1...64, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let k = Int.random(in: 0...10, using: &rng)
      let short = Anchoring.approximateMatches(of: pattern, in: text, maxErrors: k, blocksOnly: false)
      let blocks = Anchoring.approximateMatches(of: pattern, in: text, maxErrors: k, blocksOnly: true)
      #expect(short == blocks, "pattern \(pattern.count), k \(k)")
      compared += short.count
    }
    #expect(compared > 100, "the comparison found matches to compare (\(compared))")
  }

  /// Four columns side by side, one per quarter of a long text, find the same ends as one
  /// pass: matches that straddle a quarter's start, or lie in its first scalars, included.
  @Test func fourColumnsFindWhatOnePassFinds() {
    var rng = SeededRandom(seed: 4)
    let alphabet: [UInt32] = [97, 98, 99, 100, 32, 0x4E2D, 0x1F600, 0x627]
    var compared = 0
    var nearQuarters = 0
    for round in 0..<40 {
      var text = (0..<Int.random(in: 4096...9000, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let pattern = (0..<Int.random(in: 1...64, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let k = round == 0 ? pattern.count : Int.random(in: 0...(pattern.count / 3), using: &rng)
      // Copies of the pattern across each quarter's start and just after it.
      let quarter = text.count / 4
      for q in 1...3 {
        for offset in [-pattern.count / 2, 0, 1] {
          let at = q * quarter + offset
          text.replaceSubrange(at..<(at + pattern.count), with: pattern)
        }
      }
      let lanes = Anchoring.approximateEnds(ofShort: pattern, in: text, maxErrors: k)
      let single = Anchoring.approximateEnds(ofShort: pattern, in: text, maxErrors: k, lanes: false)
      #expect(lanes.map(\.end) == single.map(\.end), "pattern \(pattern.count), k \(k)")
      #expect(lanes.map(\.errors) == single.map(\.errors), "pattern \(pattern.count), k \(k)")
      compared += single.count
      nearQuarters +=
        single.filter { end in (1...3).contains { abs(end.end - $0 * quarter) <= 2 * pattern.count } }.count
    }
    #expect(compared > 1000, "ends compared: \(compared)")
    #expect(nearQuarters > 100, "ends near a quarter's start compared: \(nearQuarters)")
  }

  /// Error budgets out of range: none below zero, and beyond the pattern's length the same
  /// as the length (the four columns' head start stays within the text).
  @Test func errorBudgetsOutOfRange() {
    let text = (0..<5000).map { UInt32(97 + $0 % 7) }
    let pattern: [UInt32] = [97, 98, 99, 100]
    #expect(Anchoring.approximateMatches(of: pattern, in: text, maxErrors: -10).isEmpty)
    let whole = Anchoring.approximateEnds(ofShort: pattern, in: text, maxErrors: pattern.count)
    #expect(whole.count == text.count)
    #expect(Anchoring.approximateEnds(ofShort: pattern, in: text, maxErrors: .max).map(\.end) == whole.map(\.end))
    #expect(Anchoring.approximateEnds(ofShort: pattern, in: text, maxErrors: 1_000_000).map(\.end) == whole.map(\.end))
  }

  /// A match's start, found a column at a time with the pattern in one word, is the one the
  /// table finds (ties included: the longest of the best alignments).
  @Test func bitParallelStartsAgreeWithTheTable() {
    var rng = SeededRandom(seed: 17)
    let alphabet: [UInt32] = [97, 98, 99, 32, 0x4E2D, 0x1F600]
    var differentFromWindowStart = 0
    for _ in 0..<2000 {
      let pattern = (0..<Int.random(in: 1...64, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let text = (0..<Int.random(in: 1...120, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let end = Int.random(in: 0...text.count, using: &rng)
      let window = Int.random(in: 0...end, using: &rng)..<end
      let fast = Anchoring.bestStart(pattern: pattern, text: text, window: window)
      let table = Anchoring.bestStart(pattern: pattern, text: text, window: window, bitParallel: false)
      #expect(fast == table, "pattern \(pattern.count), window \(window)")
      if table != window.lowerBound { differentFromWindowStart += 1 }
    }
    #expect(differentFromWindowStart > 200, "starts inside the window compared: \(differentFromWindowStart)")
  }
}

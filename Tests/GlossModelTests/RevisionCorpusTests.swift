import Foundation
import Testing

@testable import GlossModel

/// Re-anchors the revision corpus (`RevisionCorpus`) and scores every annotation against the
/// answer known from the construction: correct (relocated onto at least half of the right
/// passage, or orphaned when its passage was deleted), wrong (on another passage, or a deleted
/// passage re-anchored anywhere) or missed (orphaned though its passage is still there).
@Suite struct RevisionCorpusTests {
  struct Score: CustomStringConvertible {
    var correct = 0
    var wrong = 0
    var missed = 0
    var total: Int { correct + wrong + missed }
    func rate(_ n: Int) -> String { String(format: "%.2f%%", 100 * Double(n) / Double(max(1, total))) }
    var description: String {
      "\(total) scored: correct \(rate(correct)), wrong \(rate(wrong)) (\(wrong)), orphaned \(rate(missed))"
    }
  }

  enum Outcome { case correct, wrong, missed }

  /// How much context on each side makes two copies of a passage indistinguishable: a
  /// result on a copy whose text this far around is the same as the right one's is not scored.
  static let indistinguishable = 128

  static func outcome(_ result: Anchoring.Result, expected: RevisionCorpus.Expected, in text: AnchorText) -> Outcome? {
    if case .at(let want) = expected, let got = result.range, got != want, got.count == want.count {
      let n = indistinguishable
      let a = text.slice((want.lowerBound - min(n, want.lowerBound))..<(want.upperBound + n))
      let b = text.slice((got.lowerBound - min(n, got.lowerBound))..<(got.upperBound + n))
      if a == b { return nil }
    }
    switch (expected, result.range) {
    case (.unclear, _): return nil
    case (.deleted, nil): return .correct
    case (.deleted, _): return .wrong
    case (.at, nil): return .missed
    case (.at(let want), let got?):
      let overlap = max(0, min(want.upperBound, got.upperBound) - max(want.lowerBound, got.lowerBound))
      return 2 * overlap >= max(want.count, got.count) ? .correct : .wrong
    }
  }

  struct Report {
    var random = Score()
    var hard = Score()
    var deleted = Score()
    var byEdit: [RevisionCorpus.Edit: Score] = [:]
    var wrongExamples: [String] = []
  }

  static func run(seeds: Int) -> Report {
    var report = Report()
    for pair in RevisionCorpus.pairs(seeds: seeds) {
      let text = AnchorText(pair.new)
      for placed in pair.placed {
        let result = Anchoring.anchor(placed.annotation, in: text)
        guard let outcome = outcome(result, expected: placed.expected, in: text) else { continue }
        func add(_ s: inout Score) {
          switch outcome {
          case .correct: s.correct += 1
          case .wrong: s.wrong += 1
          case .missed: s.missed += 1
          }
        }
        if placed.hard { add(&report.hard) } else { add(&report.random) }
        if placed.expected == .deleted { add(&report.deleted) }
        add(&report.byEdit[pair.edit, default: Score()])
        if outcome == .wrong && report.wrongExamples.count < 40 {
          report.wrongExamples.append(
            "\(pair.edit) \(placed.hard ? "hard" : "random") \(placed.expected) → \(result): "
              + "\(placed.annotation.quote.debugDescription)")
        }
      }
    }
    return report
  }

  @Test func wrongAnchorsStayWithinTargets() throws {
    let report = Self.run(seeds: 6)
    print("revision corpus, random passages: \(report.random)")
    print("revision corpus, hard passages: \(report.hard)")
    print("revision corpus, deleted passages: \(report.deleted)")
    for edit in RevisionCorpus.Edit.allCases { print("  \(edit): \(report.byEdit[edit] ?? Score())") }
    for line in report.wrongExamples { print("  wrong: \(line)") }
    try #require(report.random.total > 2000)
    try #require(report.deleted.total > 50)
    #expect(Double(report.random.wrong) <= 0.005 * Double(report.random.total))
    #expect(report.deleted.wrong == 0)
  }
}

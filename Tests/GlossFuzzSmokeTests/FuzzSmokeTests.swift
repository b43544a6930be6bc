import Foundation
import GlossModel
import Testing

@testable import GlossFuzzing

/// The fuzzers' entry points over the fixed corpus in fuzz/corpus (and deterministic
/// mutations of it): a short smoke run that keeps the targets honest in every test run.
@Suite struct FuzzSmokeTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("fuzz/corpus")

  func inputs(_ folder: String) throws -> [Data] {
    let dir = Self.corpus.appendingPathComponent(folder)
    var result: [Data] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
      let data = try Data(contentsOf: dir.appendingPathComponent(name))
      result.append(data)
      // Truncations and flipped bytes.
      var rng = SeededRandom(seed: UInt64(data.count))
      for _ in 0..<20 {
        var mutated = Data(data.prefix(Int.random(in: 0...data.count, using: &rng)))
        if !mutated.isEmpty {
          let i = Int.random(in: 0..<mutated.count, using: &rng)
          mutated[i] = UInt8.random(in: 0...255, using: &rng)
        }
        result.append(mutated)
      }
    }
    #expect(!result.isEmpty)
    return result
  }

  @Test func article() throws {
    let inputs = try inputs("article")
    var lines = 0
    for d in inputs {
      let result = FuzzEntryPoints.article(d)
      lines += result.lines
      #expect(result.unsafeCells == 0, "a control character reached the grid")
    }
    #expect(inputs.count >= 80, "ran \(inputs.count) inputs")
    #expect(lines >= 1_000, "laid out \(lines) lines")
  }
  @Test func keymap() throws {
    let inputs = try inputs("keymap")
    for d in inputs { FuzzEntryPoints.keymap(d) }
    #expect(inputs.count >= 40, "ran \(inputs.count) inputs")
  }
  @Test func store() throws {
    let inputs = try inputs("store")
    for d in inputs { FuzzEntryPoints.store(d) }
    #expect(inputs.count >= 60, "ran \(inputs.count) inputs")
  }
  @Test func anchoring() throws {
    let inputs = try inputs("anchoring")
    for d in inputs { FuzzEntryPoints.anchoring(d) }
    #expect(inputs.count >= 20, "ran \(inputs.count) inputs")
  }
}

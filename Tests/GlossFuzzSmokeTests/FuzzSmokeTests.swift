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

  @Test func article() throws { for d in try inputs("article") { FuzzEntryPoints.article(d) } }
  @Test func keymap() throws { for d in try inputs("keymap") { FuzzEntryPoints.keymap(d) } }
  @Test func store() throws { for d in try inputs("store") { FuzzEntryPoints.store(d) } }
  @Test func anchoring() throws { for d in try inputs("anchoring") { FuzzEntryPoints.anchoring(d) } }
}

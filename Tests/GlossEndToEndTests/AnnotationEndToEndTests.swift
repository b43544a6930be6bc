import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The annotation JSON a store file holds.
func storedAnnotations(_ library: URL) throws -> [[String: Any]] {
  let data = try Data(contentsOf: library.appendingPathComponent(".gloss/annotations.json"))
  let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  return try #require(object["annotations"] as? [[String: Any]])
}

/// The annotation commands for scripting, and the store under stress.
@Suite(.enabled(if: glossBinary != nil || runningInCI, "gloss binary not found"))
struct AnnotationCommandLineTests {
  var gloss: String { glossBinary!.path }

  @Test func concurrentWritersLoseNothing() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let perWriter = 15
    let script = "for i in $(seq \(perWriter)); do \(shellQuote(gloss)) add --library \(shellQuote(library.path)) --article Nagorno --quote Azerbaijan --occurrence $i >/dev/null || exit 1; done"
    let results = try [0, 1].map { _ in try spawnShell(script) }
    for pid in results {
      var status: Int32 = 0
      waitpid(pid, &status, 0)
      #expect(status == 0)
    }
    let listed = try run(gloss, ["annotations", "--json", "--library", library.path])
    let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    #expect(items.count == 2 * perWriter)
  }
}

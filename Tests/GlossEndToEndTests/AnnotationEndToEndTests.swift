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

  @Test func killedWritersNeverCorruptTheStoreOrLoseAcknowledgedAnnotations() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    var acknowledged: [String] = []
    let quotes = ["International inaction", "Nagorno-Karabakh", "Azerbaijan", "Armenia", "the West"]
    for round in 0..<40 {
      let log = library.appendingPathComponent("out-\(round)")
      // Start a writer and kill it with SIGKILL after a random moment.
      let quote = quotes[round % quotes.count]
      let script = "exec \(shellQuote(gloss)) add --library \(shellQuote(library.path)) --article Nagorno --quote \(shellQuote(quote)) > \(shellQuote(log.path)) 2>/dev/null"
      let pid = try spawnShell(script)
      usleep(UInt32.random(in: 0...60_000))
      kill(pid, SIGKILL)
      var status: Int32 = 0
      waitpid(pid, &status, 0)
      let out = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      if out.hasPrefix("added ") { acknowledged.append(out.dropFirst(6).trimmingCharacters(in: .whitespacesAndNewlines)) }
      // After every kill the store parses.
      let url = library.appendingPathComponent(".gloss/annotations.json")
      if FileManager.default.fileExists(atPath: url.path) {
        #expect(throws: Never.self) { _ = try storedAnnotations(library) }
      }
    }
    let listed = try run(gloss, ["annotations", "--json", "--library", library.path])
    #expect(listed.status == 0, "\(listed.stderr)")
    let ids = Set(((try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
    for id in acknowledged { #expect(ids.contains(id), "acknowledged \(id) lost") }
    print("kill test: \(acknowledged.count) of 40 writers acknowledged before SIGKILL; all present")
  }

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

import Foundation
import Testing

@testable import GlossStore

/// Marks saved with the reading positions: read back, kept when the position moves, old files
/// without marks still read, unknown fields kept, unreadable files left alone.
@Suite struct PositionMarksTests {
  @Test func marksAreSavedAndReadBack() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = ReadingPositions.defaultURL(library: root)
    var positions = ReadingPositions(url: url)
    #expect(positions.setMarks(["a": 120, "q": 7], for: "a.txt", offset: 100) == nil)
    var reread = ReadingPositions(url: url)
    #expect(reread.marks(for: "a.txt") == ["a": 120, "q": 7])
    #expect(reread.offset(for: "a.txt") == 100, "the position given when there was none")
    // Moving the position keeps the marks; a file for another article has none.
    #expect(reread.set(500, for: "a.txt") == nil)
    #expect(reread.set(3, for: "b.txt") == nil)
    let third = ReadingPositions(url: url)
    #expect(third.marks(for: "a.txt") == ["a": 120, "q": 7])
    #expect(third.offset(for: "a.txt") == 500)
    #expect(third.marks(for: "b.txt").isEmpty)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let b = try #require((json["positions"] as? [String: Any])?["b.txt"] as? [String: Any])
    #expect(b["marks"] == nil, "no marks: no key")
  }

  @Test func oldFilesReadAndUnknownFieldsAreKept() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = ReadingPositions.defaultURL(library: root)
    try write(
      """
      {"version": 1, "synced": {"by": "a newer gloss"},
       "positions": {"a.txt": {"offset": 9, "updated": "2026-01-01T00:00:00Z", "zoom": 2}}}
      """, ".gloss/positions.json", in: root)
    var positions = ReadingPositions(url: url)
    #expect(positions.readOnlyReason == nil)
    #expect(positions.offset(for: "a.txt") == 9)
    #expect(positions.marks(for: "a.txt").isEmpty)
    #expect(positions.setMarks(["m": 4], for: "a.txt", offset: 0) == nil)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    #expect((json["synced"] as? [String: String])?["by"] == "a newer gloss")
    let entry = try #require((json["positions"] as? [String: Any])?["a.txt"] as? [String: Any])
    #expect(entry["zoom"] as? Int == 2)
    #expect(entry["offset"] as? Int == 9)
    #expect(entry["marks"] as? [String: Int] == ["m": 4])
  }

  @Test func marksAreNotWrittenOverAnUnreadableFile() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = ReadingPositions.defaultURL(library: root)
    let corrupt = "{\"version\": 1, \"positions\": {"
    try write(corrupt, ".gloss/positions.json", in: root)
    var positions = ReadingPositions(url: url)
    let result = positions.setMarks(["a": 1], for: "a.txt", offset: 0)
    let problem = try #require(result)
    #expect(problem.contains(url.path))
    #expect(try String(contentsOf: url, encoding: .utf8) == corrupt)
  }
}

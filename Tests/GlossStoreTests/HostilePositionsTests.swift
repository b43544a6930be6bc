import Foundation
import Testing

@testable import GlossStore

#if canImport(Glibc)
  import Glibc
#endif

/// positions.json as a hostile first user leaves it: a folder, a FIFO, a symbolic link,
/// corrupt, or with marks that are negative, huge, not integers or not named a–z. It is read
/// safely, never written over while it cannot be read, and marks this version does not use
/// are kept.
@Suite struct HostilePositionsTests {
  func positionsFile(_ text: String) throws -> (URL, URL) {
    let root = try temporaryFolder()
    try write(text, ".gloss/positions.json", in: root)
    return (root, ReadingPositions.defaultURL(library: root))
  }

  @Test(arguments: ["folder", "fifo"])
  func aFolderOrAFIFOIsLeftAlone(kind: String) throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = ReadingPositions.defaultURL(library: root)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    if kind == "fifo" {
      #expect(mkfifo(url.path, 0o644) == 0)
    } else {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }
    var positions = ReadingPositions(url: url)
    let reason = try #require(positions.readOnlyReason)
    #expect(reason.contains(url.path), "\(reason)")
    #expect(positions.set(10, for: "a.txt") != nil)
    #expect(positions.setMarks(["a": 1], for: "a.txt", offset: 10) != nil)
    var info = stat()
    #expect(lstat(url.path, &info) == 0)
    #expect(info.st_mode & S_IFMT == (kind == "fifo" ? S_IFIFO : S_IFDIR))
  }

  @Test func aSymbolicLinkIsWrittenThroughAndStaysALink() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = ReadingPositions.defaultURL(library: root)
    try write(#"{"version": 1, "positions": {}}"#, "elsewhere/positions.json", in: root)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: url, withDestinationURL: root.appendingPathComponent("elsewhere/positions.json"))
    var positions = ReadingPositions(url: url)
    #expect(positions.setMarks(["b": 4], for: "a.txt", offset: 3) == nil)
    var info = stat()
    #expect(lstat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    #expect(
      ReadingPositions(url: root.appendingPathComponent("elsewhere/positions.json")).marks(for: "a.txt") == ["b": 4])
  }

  @Test(arguments: [
    #""marks": {"a": 1.5}"#, #""marks": {"a": "x"}"#, #""marks": {"a": 1e40}"#, #""marks": [1, 2]"#,
    #""marks": {"a": null}"#,
  ])
  func marksThatAreNotIntegersMakeTheFileReadOnlyAndItIsKept(marks: String) throws {
    let text =
      #"{"version": 1, "positions": {"a.txt": {"offset": 5, "updated": "2026-01-01T00:00:00Z", "#
      + marks + "}}}"
    let (root, url) = try positionsFile(text)
    defer { try? FileManager.default.removeItem(at: root) }
    var positions = ReadingPositions(url: url)
    #expect(positions.readOnlyReason?.contains(url.path) == true)
    #expect(positions.set(99, for: "b.txt") != nil)
    #expect(try String(contentsOf: url, encoding: .utf8) == text, "never written over")
  }

  @Test func negativeHugeAndUnknownMarksAreReadAndUnknownOnesKept() throws {
    let text = """
      {"version": 1, "positions": {"a.txt": {"offset": 5, "updated": "2026-01-01T00:00:00Z",
        "marks": {"a": -7, "b": 9223372036854775807, "A": 3, "ab": 4, "é": 5, "": 6, "\\u001b[2J": 7}}}}
      """
    let (root, url) = try positionsFile(text)
    defer { try? FileManager.default.removeItem(at: root) }
    var positions = ReadingPositions(url: url)
    #expect(positions.readOnlyReason == nil)
    #expect(positions.marks(for: "a.txt")["b"] == Int.max)
    // The reader sets mark c; the marks it does not use (not a–z) stay in the file.
    #expect(positions.setMarks(["a": 0, "b": Int.max, "c": 12], for: "a.txt", offset: 5) == nil)
    let saved = ReadingPositions(url: url).marks(for: "a.txt")
    #expect(saved["c"] == 12)
    #expect(saved["A"] == 3 && saved["ab"] == 4 && saved["é"] == 5 && saved[""] == 6 && saved["\u{1B}[2J"] == 7)
  }

  @Test func marksSetInTwoReadersAtOnceAreBothKept() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = ReadingPositions.defaultURL(library: root)
    var first = ReadingPositions(url: url)
    var second = ReadingPositions(url: url)
    #expect(first.setMarks(["a": 10], for: "x.txt", offset: 0, now: Date(timeIntervalSince1970: 100)) == nil)
    #expect(second.setMarks(["b": 20], for: "x.txt", offset: 0, now: Date(timeIntervalSince1970: 200)) == nil)
    #expect(second.set(30, for: "x.txt", now: Date(timeIntervalSince1970: 300)) == nil)
    let saved = ReadingPositions(url: url)
    #expect(saved.marks(for: "x.txt") == ["a": 10, "b": 20], "neither reader's mark is lost")
    #expect(saved.offset(for: "x.txt") == 30)
  }
}

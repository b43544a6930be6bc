import Foundation
import GlossFormats
import Testing

@testable import GlossStore

/// `gloss list`'s listing through the title cache, and opening one article of a library without
/// reading the others first.
@Suite struct TitleCacheTests {
  func library() throws -> URL {
    let root = try temporaryFolder()
    try write("First Headline Of The Library\n\nOne two three.", "a.txt", in: root)
    try write("# Markdown Heading Here\n\nFour five six seven.", "b.md", in: root)
    let page = "<html><head><title>Saved Page Title</title></head><body><p>Eight nine ten.</p></body></html>"
    try write(page, "sub/c.html", in: root)
    try write("not an article", "notes.pdf", in: root)
    return root
  }

  func rows(_ library: Library) -> [String] {
    library.entries.map { "\($0.path)|\($0.title)|\($0.wordCount)" }
  }

  @Test func listingMatchesAFullLoadWithAndWithoutTheCache() throws {
    let root = try library()
    defer { try? FileManager.default.removeItem(at: root) }
    let loaded = try Library.load(root: root)
    let first = try Library.listing(root: root)
    #expect(rows(first) == rows(loaded))
    #expect(first.skipped == loaded.skipped)
    #expect(first.articles.isEmpty, "a listing keeps no texts")
    #expect(FileManager.default.fileExists(atPath: TitleCache.url(library: root).path))
    let second = try Library.listing(root: root)
    #expect(rows(second) == rows(loaded))
    #expect(second.skipped == loaded.skipped)
    let uncached = try Library.listing(root: root, cache: false)
    #expect(rows(uncached) == rows(loaded))
  }

  @Test func aCachedTitleIsUsedWhileThePathSizeAndTimeMatch() throws {
    let root = try library()
    defer { try? FileManager.default.removeItem(at: root) }
    _ = try Library.listing(root: root)
    var cache = TitleCache.read(library: root)
    let file = FileSystemPath(root.appendingPathComponent("a.txt"))
    let fingerprint = try #require(FileFingerprint.of(file))
    #expect(cache.lookup("a.txt", fingerprint)?.title == "First Headline Of The Library")
    cache.record("a.txt", fingerprint, title: "From The Cache", words: 99)
    cache.write(library: root)
    let cached = try Library.listing(root: root)
    #expect(cached.entries.first?.title == "From The Cache")
    // Changed on disk (another size and time): read again, and the cache corrected.
    try write("A Rewritten Headline For It\n\nMore words than before, many more.", "a.txt", in: root)
    let changed = try Library.listing(root: root)
    #expect(changed.entries.first?.title == "A Rewritten Headline For It")
    let reloaded = try Library.load(root: root)
    #expect(changed.entries.first?.wordCount == reloaded.entries.first?.wordCount)
    let refreshed = try #require(FileFingerprint.of(file))
    #expect(TitleCache.read(library: root).lookup("a.txt", refreshed)?.title == "A Rewritten Headline For It")
  }

  @Test func deletedFilesLeaveTheCacheAndADamagedCacheIsIgnored() throws {
    let root = try library()
    defer { try? FileManager.default.removeItem(at: root) }
    _ = try Library.listing(root: root)
    try FileManager.default.removeItem(at: root.appendingPathComponent("b.md"))
    #expect(try rows(Library.listing(root: root)) == rows(Library.load(root: root)))
    #expect(TitleCache.read(library: root).records["b.md"] == nil)
    try Data("{ not json".utf8).write(to: TitleCache.url(library: root))
    #expect(try rows(Library.listing(root: root)) == rows(Library.load(root: root)))
    #expect(TitleCache.read(library: root).records.count == 2, "rewritten")
  }

  @Test func aLinkWhereTheCacheGoesIsNeitherReadNorWrittenThrough() throws {
    let root = try library()
    defer { try? FileManager.default.removeItem(at: root) }
    let elsewhere = try temporaryFolder().appendingPathComponent("someone-else.json")
    defer { try? FileManager.default.removeItem(at: elsewhere.deletingLastPathComponent()) }
    let theirs = #"{"version": 2, "entries": {}, "mine": true}"#
    try Data(theirs.utf8).write(to: elsewhere)
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent(".gloss"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(at: TitleCache.url(library: root), withDestinationURL: elsewhere)
    #expect(try rows(Library.listing(root: root)) == rows(Library.load(root: root)))
    #expect(try String(contentsOf: elsewhere, encoding: .utf8) == theirs, "the link's target is untouched")
    let link = try FileManager.default.destinationOfSymbolicLink(atPath: TitleCache.url(library: root).path)
    #expect(link == elsewhere.path, "the link is still a link")
  }

  @Test func aLibraryWhoseCacheCannotBeWrittenIsStillListed() throws {
    let root = try library()
    defer { try? FileManager.default.removeItem(at: root) }
    // `.gloss` is a file here: nothing can be written under it.
    try write("in the way", ".gloss", in: root)
    #expect(try rows(Library.listing(root: root)) == rows(Library.load(root: root)))
    #expect(try String(contentsOf: root.appendingPathComponent(".gloss"), encoding: .utf8) == "in the way")
  }

  @Test func manyFilesAreListedInOrderWithTheirProblems() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    for i in 0..<40 { try write("Headline Number \(i) Here\n\n\(i) words.", "n\(i).txt", in: root) }
    try Data([0, 1, 2, 0, 0]).write(to: root.appendingPathComponent("binary.txt"))
    let loaded = try Library.load(root: root)
    let listed = try Library.listing(root: root)
    #expect(rows(listed) == rows(loaded))
    #expect(listed.skipped == loaded.skipped)
    #expect(listed.skipped.map { $0.path } == ["binary.txt"])
  }

  @Test func openingOneArticleReadsOnlyThatOne() throws {
    let root = try library()
    defer { try? FileManager.default.removeItem(at: root) }
    var library = try Library.load(root: root, lazy: true, eager: 0)
    #expect(library.entries.allSatisfy { $0.isPending })
    #expect(library.articles.isEmpty)
    let entry = try library.resolve("b.md", currentDirectory: URL(fileURLWithPath: "/"))
    #expect(!entry.isPending)
    #expect(entry.title == "Markdown Heading Here")
    #expect(library.articles.keys.sorted() == ["b.md"])
    #expect(library.entries.filter { $0.isPending }.map { $0.path } == ["a.txt", "sub/c.html"])
    let byPath = try library.resolve(root.appendingPathComponent("sub/c.html").path, currentDirectory: root)
    #expect(byPath.title == "Saved Page Title")
    _ = library.describePending()
    #expect(try rows(library) == rows(Library.load(root: root)))
  }
}

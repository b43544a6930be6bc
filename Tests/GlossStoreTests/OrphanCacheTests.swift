import Foundation
import GlossModel
import Testing

@testable import GlossStore

/// Orphans remembered against their article's text (`.gloss/cache/orphans.json`), so that a
/// listing does not search for them again while the article is unchanged.
@Suite struct OrphanCacheTests {
  let text = """
    A Headline For The Cache

    The first paragraph stays exactly as it was written, from one edit to the next.

    The second paragraph holds a passage that will be deleted before the listing runs.

    The third paragraph closes the article.
    """

  /// Annotations on the text: one that stays, and two on the second paragraph.
  func annotations(on article: Article) throws -> [Annotation] {
    let scalars = article.text.unicodeScalars.map { $0 }
    func range(of phrase: String) throws -> Range<Int> {
      let found = try #require(TextScan.occurrences(ofWords: phrase, in: scalars.map(\.value)).first)
      return found
    }
    return try ["exactly as it was written", "a passage that will be deleted", "before the listing runs"].map {
      Annotation(article: article, range: try range(of: $0), now: Date(timeIntervalSince1970: 0))
    }
  }

  /// Runs `reanchored` counting the annotations it really anchors.
  func run(_ cache: inout OrphanCache, _ group: [Annotation], in article: Article) -> (
    result: [Annotation], searched: Int
  ) {
    var searched = 0
    let result = cache.reanchored(group, in: article) { a, text in
      if !Anchoring.isExact(a, in: text) { searched += 1 }
      return Anchoring.reanchored(a, in: text)
    }
    return (result, searched)
  }

  @Test func aKnownOrphanIsNotSearchedForAgainUntilTheArticleChanges() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let original = Article(path: "a.txt", string: text)
    let group = try annotations(on: original)
    let edited = Article(
      path: "a.txt",
      string: text.replacingOccurrences(
        of: "The second paragraph holds a passage that will be deleted before the listing runs.\n\n", with: ""))
    var cache = OrphanCache.read(library: root)
    let first = run(&cache, group, in: edited)
    #expect(first.searched == 2)
    #expect(first.result.map(\.anchor) == [.exact, .orphaned, .orphaned])
    cache.write(library: root)
    #expect(FileManager.default.fileExists(atPath: OrphanCache.url(library: root).path))

    // Read again from disk: the orphans are known, nothing is searched, the answer is the same.
    var again = OrphanCache.read(library: root)
    let second = run(&again, first.result, in: edited)
    #expect(second.searched == 0)
    #expect(second.result == first.result)
    #expect(!again.changed, "nothing new to write")

    // The article edited again: its text hash differs, so the orphans are searched for again.
    let reedited = Article(path: "a.txt", string: edited.text + "\n\nA new closing paragraph.")
    let third = run(&again, first.result, in: reedited)
    #expect(third.searched == 2)
    #expect(third.result.map(\.anchor) == [.exact, .orphaned, .orphaned])

    // The passage restored: found again, and its entry dropped.
    let restored = run(&again, first.result, in: original)
    #expect(restored.result.map(\.anchor) == [.exact, .exact, .exact])
    #expect(again.entries.isEmpty)
  }

  @Test func anEditedSelectorIsSearchedForAgain() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let original = Article(path: "a.txt", string: text)
    let edited = Article(
      path: "a.txt", string: text.replacingOccurrences(of: "a passage that will be deleted", with: ""))
    var cache = OrphanCache()
    let group = [try annotations(on: original)[1]]
    #expect(run(&cache, group, in: edited).searched == 1)
    #expect(run(&cache, group, in: edited).searched == 0)
    var changed = group[0]
    changed.quote = "a passage that was changed by hand"
    #expect(run(&cache, [changed], in: edited).searched == 1)
  }

  @Test func aDamagedCacheIsIgnoredAndLeftAloneAnOldOneReplaced() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = OrphanCache.url(library: root)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let original = Article(path: "a.txt", string: text)
    let edited = Article(path: "a.txt", string: "Nothing of the old text is left.")
    let group = try annotations(on: original)
    for damaged in ["{not json", #"{"version": 2, "orphans": 7}"#, "", #"{"orphans": {}}"#] {
      try Data(damaged.utf8).write(to: url)
      var cache = OrphanCache.read(library: root)
      #expect(cache.entries.isEmpty)
      let result = run(&cache, group, in: edited).result
      #expect(result.allSatisfy { $0.isOrphaned })
      cache.write(library: root)
      #expect(try Data(contentsOf: url) == Data(damaged.utf8), "left alone: \(damaged)")
    }
    // A link is not followed nor replaced.
    let elsewhere = root.appendingPathComponent("elsewhere.json")
    try Data("keep".utf8).write(to: elsewhere)
    try FileManager.default.removeItem(at: url)
    try FileManager.default.createSymbolicLink(at: url, withDestinationURL: elsewhere)
    var linked = OrphanCache.read(library: root)
    _ = run(&linked, group, in: edited)
    linked.write(library: root)
    #expect(try String(contentsOf: elsewhere, encoding: .utf8) == "keep")
    // Another version's cache is not trusted, and replaced.
    try FileManager.default.removeItem(at: url)
    try Data(#"{"version": 1, "orphans": {}}"#.utf8).write(to: url)
    var old = OrphanCache.read(library: root)
    #expect(run(&old, group, in: edited).searched == 3)
    old.write(library: root)
    #expect(OrphanCache.read(library: root).entries.count == 3)
  }

  @Test func onlyAnnotationsStillInTheStoreAreKept() throws {
    var cache = OrphanCache()
    let original = Article(path: "a.txt", string: text)
    let group = try annotations(on: original)
    _ = cache.reanchored(group, in: Article(path: "a.txt", string: "Something else entirely."))
    #expect(cache.entries.count == 3)
    cache.keep([group[0].id])
    #expect(Set(cache.entries.keys) == [group[0].id.uuidString])
  }

  @Test func nothingIsWrittenWhenNothingChanged() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    var cache = OrphanCache.read(library: root)
    let original = Article(path: "a.txt", string: text)
    _ = cache.reanchored(try annotations(on: original), in: original)
    cache.write(library: root)
    #expect(!FileManager.default.fileExists(atPath: OrphanCache.url(library: root).path))
  }
}

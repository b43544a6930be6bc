import Foundation
import Testing

@testable import GlossStore

/// A fresh temporary folder, removed by the caller's `defer`.
func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-store-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

func write(_ text: String, _ path: String, in root: URL) throws {
  let url = root.appendingPathComponent(path)
  try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
  try Data(text.utf8).write(to: url)
}

@Suite struct LibraryTests {
  @Test func loadsTextAndMarkdownRecursivelyAndSkipsTheRest() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("A Fine Headline Here\n\nBody text of the first article.", "one.txt", in: root)
    try write("Second Headline Is Here\n\nMore body.", "sub/two.md", in: root)
    try write("hidden", ".secret.txt", in: root)
    try write("hidden", ".gloss/positions.json", in: root)
    try Data([0x89, 0x50, 0x4E, 0x47]).write(to: root.appendingPathComponent("picture.png"))
    let library = try Library.load(root: root)
    #expect(library.entries.map(\.path) == ["one.txt", "sub/two.md"])
    #expect(library.entries[0].title == "A Fine Headline Here")
    #expect(library.skipped == [SkippedFile(path: "picture.png", reason: "not an article type")])
  }

  @Test func unreadableFileIsSkippedNotFatal() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("Readable Headline Text\n\nBody.", "ok.txt", in: root)
    try write("secret", "locked.txt", in: root)
    chmod(root.appendingPathComponent("locked.txt").path, 0)
    defer { chmod(root.appendingPathComponent("locked.txt").path, 0o644) }
    let library = try Library.load(root: root)
    if getuid() != 0 {  // root reads everything
      #expect(library.entries.map(\.path) == ["ok.txt"])
      #expect(library.skipped.map(\.path) == ["locked.txt"])
    }
  }

  @Test func missingLibraryIsAClearError() {
    #expect(throws: LibraryError.notFound("/no/such/folder")) {
      try Library.load(root: URL(fileURLWithPath: "/no/such/folder"))
    }
  }

  @Test func resolvesPathsNamesAndTitles() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("Why the Sky Is Blue Today\n\nBody.", "sky.txt", in: root)
    try write("How Oceans Move Their Water\n\nBody.", "oceans.txt", in: root)
    try write("How Rivers Move Their Water\n\nBody.", "rivers.txt", in: root)
    var library = try Library.load(root: root)
    let cwd = URL(fileURLWithPath: "/")
    #expect(try library.resolve("sky.txt", currentDirectory: cwd).path == "sky.txt")
    #expect(try library.resolve("sky", currentDirectory: cwd).path == "sky.txt")
    #expect(try library.resolve("OCEANS MOVE", currentDirectory: cwd).path == "oceans.txt")
    #expect(
      try library.resolve(root.appendingPathComponent("rivers.txt").path, currentDirectory: cwd).path == "rivers.txt")
    #expect(throws: LibraryError.ambiguous(query: "move their", matches: ["oceans.txt", "rivers.txt"])) {
      try library.resolve("move their", currentDirectory: cwd)
    }
    #expect(throws: LibraryError.noMatch(query: "volcano", library: library.root.path)) {
      try library.resolve("volcano", currentDirectory: cwd)
    }
  }
}

@Suite struct ReadingPositionsTests {
  @Test func roundTripsAcrossRuns() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = ReadingPositions.defaultURL(library: root)
    var positions = ReadingPositions(url: url)
    #expect(positions.offset(for: "a.txt") == nil)
    #expect(positions.set(1234, for: "a.txt") == nil)
    #expect(positions.set(99, for: "dir/b.txt") == nil)
    let reloaded = ReadingPositions(url: url)
    #expect(reloaded.offset(for: "a.txt") == 1234)
    #expect(reloaded.offset(for: "dir/b.txt") == 99)
    let json = try String(contentsOf: url, encoding: .utf8)
    #expect(json.contains("\"version\" : 1"))
    // No temporary files are left behind.
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
    #expect(leftovers == ["positions.json"])
  }

  @Test(arguments: [
    "{ not json",
    "{\"version\": 1, \"positions\": {\"a.txt\": {\"offset\": \"ten\"}}}",
    "{\"version\": 7, \"positions\": {}}",
  ])
  func unreadableFileIsNeverOverwritten(contents: String) throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = ReadingPositions.defaultURL(library: root)
    try write(contents, ".gloss/positions.json", in: root)
    var positions = ReadingPositions(url: url)
    #expect(positions.readOnlyReason != nil)
    #expect(positions.readOnlyReason?.contains(url.path) == true)
    let problem = positions.set(5, for: "a.txt")
    #expect(problem != nil)
    #expect(try String(contentsOf: url, encoding: .utf8) == contents)
    #expect(positions.offset(for: "a.txt") == 5)  // kept in memory
  }

  @Test func twoWritersMergeInsteadOfClobbering() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = ReadingPositions.defaultURL(library: root)
    var first = ReadingPositions(url: url)
    var second = ReadingPositions(url: url)
    first.set(10, for: "a.txt")
    second.set(20, for: "b.txt")
    let merged = ReadingPositions(url: url)
    #expect(merged.offset(for: "a.txt") == 10)
    #expect(merged.offset(for: "b.txt") == 20)
  }

  @Test func unwritableFolderGivesAClearMessageAndKeepsThePosition() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    // A file where the .gloss folder should be: creating the folder fails, even for root.
    try write("in the way", ".gloss", in: root)
    var positions = ReadingPositions(url: ReadingPositions.defaultURL(library: root))
    let problem = positions.set(1, for: "a.txt")
    #expect(problem?.contains("cannot") == true)
    #expect(positions.offset(for: "a.txt") == 1)
    #expect(try String(contentsOf: root.appendingPathComponent(".gloss"), encoding: .utf8) == "in the way")
  }
}

@Suite struct LazyLibraryTests {
  @Test func largeTextIsReadInPartsWithTheSameOffsets() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    var text = "A Headline For A Long File\n\n"
    var i = 0
    while text.utf8.count < Library.lazyThreshold + 100_000 {
      text += "Paragraph \(i) with “curly” words — and 中文 and 😀 to make it real.\n\n"
      i += 1
    }
    try write(text, "long.txt", in: root)
    try write("Small Headline Text Here\n\nBody.", "small.txt", in: root)
    var library = try Library.load(root: root, lazy: true)
    let partial = try #require(library.articles["long.txt"])
    #expect(partial.isPartial)
    #expect(partial.title == "A Headline For A Long File")
    #expect(library.entries.first { $0.path == "long.txt" }?.wordCountIsEstimate == true)
    #expect(library.articles["small.txt"]?.isPartial == false)
    let completed = library.complete("long.txt")
    let full = try #require(completed)
    #expect(!full.isPartial)
    #expect(full.text.hasPrefix(partial.text), "the part's text is a prefix of the whole")
    #expect(Array(full.paragraphs.prefix(partial.paragraphs.count).map(\.scalars)) == partial.paragraphs.map(\.scalars))
    let entry = try #require(library.entries.first { $0.path == "long.txt" })
    #expect(!entry.wordCountIsEstimate)
    #expect(entry.wordCount == full.wordCount)
    let eager = try Library.load(root: root)
    #expect(eager.articles["long.txt"]?.isPartial == false)
    #expect(eager.articles["long.txt"]?.text == full.text)
  }

  /// The first part is 16 KB, enough for a first screen; a first paragraph longer than that
  /// makes it read up to 64 KB; with no paragraph break even there, the file is read whole.
  @Test func aLongFirstParagraphReadsAFurtherPartOrTheWhole() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let sentence = "A sentence of a very long paragraph — with “quotes” and 中文. "
    func article(firstParagraphBytes: Int) -> String {
      var first = "Headline\n\n"
      while first.utf8.count < firstParagraphBytes { first += sentence }
      var text = first + "\n\n"
      while text.utf8.count < Library.lazyThreshold + 50_000 { text += "Another paragraph of ordinary length.\n\n" }
      return text
    }
    try write(article(firstParagraphBytes: 2_000), "short-first.txt", in: root)
    try write(article(firstParagraphBytes: 30_000), "long-first.txt", in: root)
    try write(article(firstParagraphBytes: 100_000), "endless-first.txt", in: root)
    var library = try Library.load(root: root, lazy: true)
    let short = try #require(library.articles["short-first.txt"])
    #expect(short.isPartial && short.text.utf8.count <= 16 * 1024)
    let long = try #require(library.articles["long-first.txt"])
    #expect(long.isPartial && long.text.utf8.count > 30_000 && long.text.utf8.count <= 64 * 1024)
    #expect(long.paragraphs.count >= 2, "cut after a paragraph break, not inside the long paragraph")
    let endless = try #require(library.articles["endless-first.txt"])
    #expect(!endless.isPartial, "no paragraph break in the first 64 KB: read whole")
    for path in ["short-first.txt", "long-first.txt"] {
      let part = try #require(library.articles[path])
      let completed = library.complete(path)
      let whole = try #require(completed)
      #expect(!whole.isPartial && whole.text.hasPrefix(part.text))
    }
  }

  /// A large library: the first entries are read at once, the rest after the first screen,
  /// and reading them gives what an eager load gives.
  @Test func manyFilesAreReadAfterTheFirstScreen() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let count = Library.eagerCount + 30
    for i in 0..<count {
      try write(
        "Headline Number \(i) Of The Library\n\nSome body text for article \(i), with words.",
        String(format: "a%04d.txt", i), in: root)
    }
    try write("unreadable", "zz-unreadable.txt", in: root)
    chmod(root.appendingPathComponent("zz-unreadable.txt").path, 0)
    var library = try Library.load(root: root, lazy: true)
    #expect(library.entries.count == count + 1)
    #expect(library.entries.prefix(Library.eagerCount).allSatisfy { !$0.isPending })
    let waiting = library.entries.dropFirst(Library.eagerCount)
    #expect(waiting.allSatisfy { $0.isPending && $0.title == ($0.fileName as NSString).deletingPathExtension })
    #expect(library.articles["a0120.txt"] == nil)
    library.describeNow("a0120.txt")
    #expect(library.entries.first { $0.path == "a0120.txt" }?.title == "Headline Number 120 Of The Library")
    let first = library.describePending(limit: 10)
    #expect(first.count == 10 && first == first.sorted(), "read in list order")
    _ = library.describePending()
    #expect(!library.hasPending)
    let eager = try Library.load(root: root)
    for entry in eager.entries {
      let lazy = try #require(library.entries.first { $0.path == entry.path })
      #expect(lazy.title == entry.title && lazy.wordCount == entry.wordCount && !lazy.isPending)
    }
    if getuid() != 0 {
      #expect(library.skipped.contains { $0.path == "zz-unreadable.txt" })
    }
  }
}

import Foundation
import GlossFormats
import Synchronization
import Testing

@testable import GlossStore

/// Runs `body` on another thread and gives up after `seconds`: a library read that blocks (on a
/// FIFO, say) fails the test instead of hanging the suite. On a time-out the FIFO at `fifo` is
/// released, so that the blocked thread goes on.
func withinSeconds<T: Sendable>(
  _ seconds: Double, releasing fifo: String? = nil, _ body: @escaping @Sendable () throws -> T
) -> Result<T, any Error>? {
  let box = ResultBox<T>()
  let done = DispatchSemaphore(value: 0)
  Thread.detachNewThread {
    box.set(Result { try body() })
    done.signal()
  }
  if done.wait(timeout: .now() + seconds) == .timedOut {
    if let fifo { release(fifo: fifo) }
    return nil
  }
  return box.get()
}

final class ResultBox<T: Sendable>: Sendable {
  private let value = Mutex<Result<T, any Error>?>(nil)
  func set(_ v: Result<T, any Error>) { value.withLock { $0 = v } }
  func get() -> Result<T, any Error>? { value.withLock { $0 } }
}

/// Opens a FIFO's write end without blocking, then closes it: a reader stuck in `open` or
/// `read` on it goes on (and sees the end of the file).
func release(fifo path: String) {
  let fd = open(path, O_WRONLY | O_NONBLOCK)
  if fd >= 0 { close(fd) }
}

/// A Unix socket bound at `path` (left open; the test's folder is removed).
func bindSocket(at path: String) throws {
  let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
  var address = sockaddr_un()
  address.sun_family = sa_family_t(AF_UNIX)
  withUnsafeMutableBytes(of: &address.sun_path) { raw in
    for (i, byte) in path.utf8.prefix(raw.count - 1).enumerated() { raw[i] = byte }
  }
  let bound = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
  }
  try #require(bound == 0, "bind \(path)")
}

func reason(_ library: Library, _ path: String) -> String? {
  library.skipped.first { $0.path == path }?.reason
}

@Suite struct LibrarySpecialFileTests {
  @Test(arguments: [false, true])
  func fifoSocketAndDeviceNamedAsArticlesAreSkippedNotWaitedOn(lazy: Bool) throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("A Real Article Headline\n\nBody.", "real.txt", in: root)
    let fifo = root.appendingPathComponent("fifo.txt").path
    try #require(mkfifo(fifo, 0o644) == 0)
    try bindSocket(at: root.appendingPathComponent("sock.md").path)
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("zero.txt").path, withDestinationPath: "/dev/zero")
    let loaded = withinSeconds(10, releasing: fifo) { try Library.load(root: root, lazy: lazy) }
    let library = try #require(try loaded?.get(), "loading hung on the FIFO")
    #expect(library.entries.map(\.path) == ["real.txt"])
    #expect(reason(library, "fifo.txt") == "not a regular file")
    #expect(reason(library, "sock.md") == "not a regular file")
    #expect(reason(library, "zero.txt") == "not a regular file")
  }

  /// A file that becomes a FIFO after the folder was listed: every later read refuses it.
  @Test func fileReplacedByAFifoIsRefusedByEveryRead() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    for i in 0...Library.eagerCount {
      try write("Headline Number \(i) Of The Library\n\nBody.", String(format: "a%04d.txt", i), in: root)
    }
    let library = try Library.load(root: root, lazy: true)
    let last = String(format: "a%04d.txt", Library.eagerCount)
    let first = "a0000.txt"
    for name in [last, first] {
      let path = root.appendingPathComponent(name).path
      try FileManager.default.removeItem(atPath: path)
      try #require(mkfifo(path, 0o644) == 0)
    }
    let fifo = root.appendingPathComponent(last).path
    let snapshot = library
    let described = withinSeconds(10, releasing: fifo) {
      var copy = snapshot
      _ = copy.describePending()
      let reloaded = copy.reload("a0000.txt")
      let external = Result { try copy.addExternal(url: URL(fileURLWithPath: fifo)) }
      let resolved = Result { try copy.resolve(fifo, currentDirectory: URL(fileURLWithPath: "/")) }
      return (copy, reloaded == nil, external.failureDescription, resolved.failureDescription)
    }
    let (after, reloadRefused, externalError, resolveError) = try #require(try described?.get(), "a read hung")
    #expect(after.entries.first { $0.path == last }?.problem == "not a regular file")
    #expect(reason(after, last) == "not a regular file")
    #expect(reloadRefused)
    #expect(after.entries.first { $0.path == first }?.problem == "not a regular file")
    #expect(externalError == LibraryError.unreadable(fifo, "not a regular file").description)
    #expect(resolveError == nil, "the path names a listed entry, found without reading it")
  }

  @Test func fifoOpenedByPathFromOutsideIsRefusedWithTheReason() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("Inside Headline Words\n\nBody.", "lib/in.txt", in: root)
    let fifo = root.appendingPathComponent("pipe.txt").path
    try #require(mkfifo(fifo, 0o644) == 0)
    let library = try Library.load(root: root.appendingPathComponent("lib"))
    let outcome = withinSeconds(10, releasing: fifo) {
      var copy = library
      return Result { try copy.resolve(fifo, currentDirectory: URL(fileURLWithPath: "/")) }.failureDescription
    }
    let message = try #require(try outcome?.get(), "opening the FIFO hung")
    #expect(message == LibraryError.unreadable(fifo, "not a regular file").description)
  }

  @Test func largeFileReplacedByAFifoIsNotWaitedOnWhenCompleted() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    var text = "A Long Article Headline Here\n\n"
    while text.utf8.count < Library.lazyThreshold + 10_000 { text += "An ordinary paragraph of prose.\n\n" }
    try write(text, "long.txt", in: root)
    let library = try Library.load(root: root, lazy: true)
    try #require(library.articles["long.txt"]?.isPartial == true)
    let path = root.appendingPathComponent("long.txt").path
    try FileManager.default.removeItem(atPath: path)
    try #require(mkfifo(path, 0o644) == 0)
    let completed = withinSeconds(10, releasing: path) {
      var copy = library
      return copy.complete("long.txt")?.isPartial
    }
    #expect(try completed?.get() == true, "the part read stays; the FIFO is not read")
  }
}

extension Result {
  var failureDescription: String? {
    if case .failure(let error) = self { return "\(error)" }
    return nil
  }
}

@Suite struct LibraryOddContentTests {
  @Test(arguments: [false, true])
  func binaryFilesWithArticleNamesAreSkipped(lazy: Bool) throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("A Real Article Headline\n\nBody.", "real.txt", in: root)
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
    try Data(png).write(to: root.appendingPathComponent("picture.txt"))
    try Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0]).write(to: root.appendingPathComponent("program.md"))
    // A large one takes the lazy path (its first part only).
    var big = Data(repeating: 0x41, count: 100)
    big.append(Data(count: Library.lazyThreshold + 100))
    try big.write(to: root.appendingPathComponent("disk.txt"))
    try (Data("<html><body><p>x".utf8) + Data([0, 0, 0])).write(to: root.appendingPathComponent("page.html"))
    let library = try Library.load(root: root, lazy: lazy)
    #expect(library.entries.map(\.path) == ["real.txt"])
    for name in ["picture.txt", "program.md", "disk.txt", "page.html"] {
      #expect(reason(library, name) == "binary file", "\(name)")
    }
  }

  @Test func utf16AndUTF8WithByteOrderMarksAndInvalidUTF8Decode() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let text = "Héllo Wörld Headline Ünïcode\n\nBody with 日本語 and 🎉 emoji."
    func bytes(_ s: String, _ encoding: String.Encoding, bom: [UInt8]) -> Data { Data(bom) + s.data(using: encoding)! }
    try bytes(text, .utf16LittleEndian, bom: [0xFF, 0xFE]).write(to: root.appendingPathComponent("le.txt"))
    try bytes(text, .utf16BigEndian, bom: [0xFE, 0xFF]).write(to: root.appendingPathComponent("be.txt"))
    try bytes(text, .utf8, bom: [0xEF, 0xBB, 0xBF]).write(to: root.appendingPathComponent("bom8.txt"))
    let markdown = "---\ntitle: Front Matter Title\n---\n\n# Heading\n\nBody with 日本語."
    try bytes(markdown, .utf16LittleEndian, bom: [0xFF, 0xFE]).write(to: root.appendingPathComponent("le.md"))
    let html = "<html><head><title>Page Tïtle</title></head><body><p>Body with 日本語.</p></body></html>"
    try bytes(html, .utf16BigEndian, bom: [0xFE, 0xFF]).write(to: root.appendingPathComponent("be.html"))
    try (Data("Broken Bytes Headline Here\n\nCaf".utf8) + Data([0xE9, 0xFF, 0xC3]) + Data(" end.".utf8))
      .write(to: root.appendingPathComponent("invalid.txt"))
    let library = try Library.load(root: root)
    #expect(library.skipped.isEmpty)
    for name in ["le.txt", "be.txt", "bom8.txt"] {
      let article = try #require(library.articles[name])
      #expect(article.title == "Héllo Wörld Headline Ünïcode", "\(name)")
      #expect(article.text.hasSuffix("Body with 日本語 and 🎉 emoji."), "\(name)")
      #expect(!article.text.contains("\u{FEFF}") && !article.text.contains("\u{0}"), "\(name)")
    }
    #expect(library.articles["le.md"]?.title == "Front Matter Title")
    #expect(library.articles["le.md"]?.text.contains("Body with 日本語.") == true)
    #expect(library.articles["be.html"]?.title == "Page Tïtle")
    #expect(library.articles["be.html"]?.text.contains("Body with 日本語.") == true)
    let broken = try #require(library.articles["invalid.txt"])
    #expect(broken.text.hasSuffix("Caf\u{FFFD}\u{FFFD}\u{FFFD} end."))
  }

  @Test func largeUTF16FileIsReadWholeWhenLazy() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    var text = "A Long Wide Headline\n\n"
    while text.utf16.count * 2 < Library.lazyThreshold + 10_000 { text += "Ordinary prose paragraph.\n\n" }
    text += "The last paragraph."
    try (Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!).write(to: root.appendingPathComponent("wide.txt"))
    let library = try Library.load(root: root, lazy: true)
    let article = try #require(library.articles["wide.txt"])
    #expect(article.title == "A Long Wide Headline")
    #expect(article.text.hasSuffix("The last paragraph."))
    #expect(!article.isPartial)
  }
}

@Suite struct LibraryFolderTests {
  @Test func directorySymlinkLoopsListEveryArticleOnce() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("Top Level Headline Here\n\nBody.", "lib/a.txt", in: root)
    try write("Nested Level Headline Here\n\nBody.", "lib/sub/b.txt", in: root)
    try write("Outside File Headline Here\n\nBody.", "elsewhere/c.txt", in: root)
    let lib = root.appendingPathComponent("lib")
    let fm = FileManager.default
    try fm.createSymbolicLink(atPath: lib.appendingPathComponent("sub/loop").path, withDestinationPath: "..")
    try fm.createSymbolicLink(atPath: lib.appendingPathComponent("sub/self").path, withDestinationPath: ".")
    try fm.createSymbolicLink(
      atPath: lib.appendingPathComponent("linked.txt").path,
      withDestinationPath: root.appendingPathComponent("elsewhere/c.txt").path)
    let loaded = withinSeconds(20) { try Library.load(root: lib) }
    let library = try #require(try loaded?.get())
    #expect(library.entries.map(\.path) == ["a.txt", "linked.txt", "sub/b.txt"])
    #expect(library.entries.first { $0.path == "linked.txt" }?.title == "Outside File Headline Here")
    #expect(reason(library, "sub/loop")?.hasPrefix("folder already listed") == true)
    #expect(reason(library, "sub/self")?.hasPrefix("folder already listed") == true)
  }

  @Test func nonUTF8FileNamesAreListedShownAndOpened() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let name: [UInt8] = Array("latin".utf8) + [0xE9] + Array(".txt".utf8)
    let file = FileSystemPath(root).appending(name)
    let fd = file.withCString { open($0, O_CREAT | O_WRONLY, 0o644) }
    try #require(fd >= 0)
    _ = "Latin One Named Headline\n\nBody text.".withCString { write(fd, $0, strlen($0)) }
    close(fd)
    var library = try Library.load(root: root)
    #expect(library.skipped.isEmpty)
    #expect(library.entries.map(\.path) == ["latin\\xE9.txt"])
    #expect(library.articles["latin\\xE9.txt"]?.title == "Latin One Named Headline")
    let cwd = URL(fileURLWithPath: "/")
    let byName = try library.resolve("latin\\xE9", currentDirectory: cwd)
    #expect(byName.path == "latin\\xE9.txt")
    // As a shell passes the name to Swift: its odd byte as U+FFFD.
    let lossy = root.path + "/latin\u{FFFD}.txt"
    let byLossyPath = try library.resolve(lossy, currentDirectory: cwd)
    #expect(byLossyPath.path == "latin\\xE9.txt")
    let reloaded = library.reload("latin\\xE9.txt")
    #expect(reloaded?.title == "Latin One Named Headline")
  }

  @Test func everySkipSaysWhy() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("A Real Article Headline\n\nBody.", "real.txt", in: root)
    try Data([0x89, 0x50, 0x4E, 0x47]).write(to: root.appendingPathComponent("picture.png"))
    try Data([0x89, 0, 0x4E, 0x47]).write(to: root.appendingPathComponent("picture.txt"))
    try FileManager.default.createSymbolicLink(
      atPath: root.appendingPathComponent("gone.md").path, withDestinationPath: "/no/such")
    try #require(mkfifo(root.appendingPathComponent("fifo.html").path, 0o644) == 0)
    let library = try Library.load(root: root)
    #expect(
      library.skipped == [
        SkippedFile(path: "fifo.html", reason: "not a regular file"),
        SkippedFile(path: "gone.md", reason: "broken link"),
        SkippedFile(path: "picture.png", reason: "not an article type"),
        SkippedFile(path: "picture.txt", reason: "binary file"),
      ])
    #expect(
      ArticleFileError.fromErrno(EACCES, path: FileSystemPath(root)).description == "unreadable: permission denied")
    #expect(LibraryError.notADirectory("x").description.contains(".html"))
    #expect(!library.skipped.contains { $0.reason.contains(".txt") })
    #expect(
      library.skippedSummary
        == "skipped 4 files: 1 binary file, 1 broken link, 1 not a regular file, 1 not an article type")
  }

  @Test(.enabled(if: getuid() != 0, "root reads every file"))
  func unreadableFileSaysPermissionDenied() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("secret", "locked.txt", in: root)
    chmod(root.appendingPathComponent("locked.txt").path, 0)
    try write("hidden", "closed/inside.txt", in: root)
    chmod(root.appendingPathComponent("closed").path, 0)
    defer { chmod(root.appendingPathComponent("closed").path, 0o755) }
    let library = try Library.load(root: root)
    #expect(
      library.skipped == [
        SkippedFile(path: "closed", reason: "unreadable folder: permission denied"),
        SkippedFile(path: "locked.txt", reason: "unreadable: permission denied"),
      ])
  }
}

@Suite struct LibraryReloadTests {
  func setModified(_ url: URL, seconds: Int) {
    var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
    _ = utimensat(AT_FDCWD, url.path, &times, 0)
  }

  @Test func aChangedArticleIsNoticedAndReloaded() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let url = root.appendingPathComponent("story.txt")
    try write("The First Version Headline\n\nOne two three.", "story.txt", in: root)
    setModified(url, seconds: 1_700_000_000)
    var library = try Library.load(root: root)
    let before = try #require(library.fingerprint(of: "story.txt"))
    #expect(library.entries[0].fingerprint == before)
    #expect(!library.hasChanged("story.txt"))
    #expect(library.fingerprint(of: "nothing.txt") == nil)

    // Same size, new text and time.
    try write("The Other Version Headline\n\nOne two three.", "story.txt", in: root)
    setModified(url, seconds: 1_700_000_100)
    #expect(library.hasChanged("story.txt"))
    let second = library.reload("story.txt")
    let reloaded = try #require(second)
    #expect(reloaded.title == "The Other Version Headline")
    #expect(library.articles["story.txt"]?.title == "The Other Version Headline")
    #expect(library.entries[0].title == "The Other Version Headline")
    #expect(!library.hasChanged("story.txt"))

    // Replaced by another file (as editors save): longer, new inode.
    let replacement = root.appendingPathComponent("story.tmp")
    try Data("A Third Version Headline\n\nOne two three four five six.".utf8).write(to: replacement)
    _ = rename(replacement.path, url.path)
    #expect(library.hasChanged("story.txt"))
    let third = library.reload("story.txt")
    #expect(third?.wordCount == library.entries[0].wordCount && third?.wordCount == 10)
    #expect(library.entries[0].title == "A Third Version Headline")
    #expect(library.entries[0].problem == nil)
  }

  @Test func aDeletedArticleReloadsAsNilWithAReason() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try write("Soon Gone Headline Words\n\nBody.", "gone.txt", in: root)
    var library = try Library.load(root: root)
    try FileManager.default.removeItem(at: root.appendingPathComponent("gone.txt"))
    #expect(library.hasChanged("gone.txt"))
    let vanished = library.reload("gone.txt")
    #expect(vanished == nil)
    #expect(library.entries[0].problem == "no such file")
    #expect(library.articles["gone.txt"]?.title == "Soon Gone Headline Words", "the text last read stays")
    #expect(!library.hasChanged("gone.txt"), "still gone: nothing new to reload")
    try write("Back Again Headline Words\n\nBody.", "gone.txt", in: root)
    #expect(library.hasChanged("gone.txt"))
    let back = library.reload("gone.txt")
    #expect(back?.title == "Back Again Headline Words")
    #expect(library.entries[0].problem == nil)
    let never = library.reload("never.txt")
    #expect(never == nil)
  }

  @Test func reloadReadsAPendingEntryAndTheWholeOfAPartOne() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    var text = "A Long Article Headline Here\n\n"
    while text.utf8.count < Library.lazyThreshold + 10_000 { text += "An ordinary paragraph of prose.\n\n" }
    try write(text + "The end.", "long.txt", in: root)
    var library = try Library.load(root: root, lazy: true)
    try #require(library.articles["long.txt"]?.isPartial == true)
    let whole = library.reload("long.txt")
    let article = try #require(whole)
    #expect(!article.isPartial && article.text.hasSuffix("The end."))
    #expect(!library.entries[0].wordCountIsEstimate)
    #expect(library.entries[0].wordCount == article.wordCount)
  }
}

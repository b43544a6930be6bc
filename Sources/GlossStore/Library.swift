import Dispatch
import GlossFormats
import GlossModel
import Synchronization

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One article file in the library folder.
public struct LibraryEntry: Sendable, Equatable {
  /// Path relative to the library folder (with `/` separators), or an absolute path for an
  /// article opened from outside the library. A file name that is not UTF-8 shows each such
  /// byte as `\xNN` (see `FileSystemPath.displayString`).
  public var path: String
  /// The file, for display; `fileSystemPath` is what is opened (a URL cannot hold a name that
  /// is not UTF-8).
  public var url: URL
  public var fileSystemPath: FileSystemPath
  public var title: String
  public var wordCount: Int
  /// True while `wordCount` is an estimate (the article was only partly read so far).
  public var wordCountIsEstimate = false
  /// True while the file has not been read yet: the title is its file name and the word
  /// count unknown (a lazily loaded library reads the rest after the first screen).
  public var isPending = false
  /// The file as it was last read (size, modification time, inode), for `Library.hasChanged`.
  public var fingerprint: FileFingerprint?
  /// Why the file could not be read the last time it was tried ("no such file" once it was
  /// deleted), or nil.
  public var problem: String?

  public init(path: String, url: URL, title: String, wordCount: Int) {
    self.init(path: path, url: url, file: FileSystemPath(url), title: title, wordCount: wordCount)
  }

  init(path: String, url: URL, file: FileSystemPath, title: String, wordCount: Int) {
    self.path = path
    self.url = url
    self.fileSystemPath = file
    self.title = title
    self.wordCount = wordCount
  }

  public var fileName: String { PathName.last(path) }

  /// What the reader's list shows of it.
  public var summary: ArticleSummary {
    ArticleSummary(
      path: path, title: title, wordCount: wordCount, wordCountIsEstimate: wordCountIsEstimate,
      isPending: isPending, problem: problem)
  }
}

/// Something in the folder that was not loaded, and why.
public struct SkippedFile: Sendable, Equatable {
  public var path: String
  public var reason: String
}

public enum LibraryError: Error, CustomStringConvertible, Equatable {
  case notFound(String)
  case notADirectory(String)
  case unreadable(String, String)
  case noMatch(query: String, library: String)
  case ambiguous(query: String, matches: [String])

  public var description: String {
    switch self {
    case .notFound(let path):
      return "no such library: \(path) (give --library DIR or set GLOSS_LIBRARY)"
    case .notADirectory(let path):
      return "not a folder: \(path) (the library is a folder of .txt, .md and .html articles)"
    case .unreadable(let path, let reason):
      return "cannot read \(path): \(reason)"
    case .noMatch(let query, let library):
      return "no article matches '\(query)' in \(library) (try 'gloss list')"
    case .ambiguous(let query, let matches):
      let shown = matches.prefix(5).joined(separator: ", ")
      let more = matches.count > 5 ? ", …" : ""
      return "'\(query)' matches \(matches.count) articles: \(shown)\(more); be more specific"
    }
  }
}

/// The library: a folder of articles, searched recursively.
///
/// Every file is opened non-blocking and checked on its descriptor to be a regular file, so a
/// FIFO, socket or device with an article's name is skipped with a note, never waited on.
public struct Library: Sendable {
  public static let articleExtensions: Set<String> = ArticleFormat.allExtensions

  /// The format of an article, by its file extension (anything unknown is plain text).
  public static func articleKind(_ path: String) -> ArticleFormat { ArticleFormat(path: path) }

  /// Parses an article by its kind: Markdown through libcmark, HTML through libxml2, and
  /// anything else as plain text (UTF-8, or UTF-16 with a byte-order mark).
  public static func parse(path: String, data: Data) -> Article {
    switch articleKind(path) {
    case .markdown: return MarkdownReader.article(path: path, data: data)
    case .html: return HTMLReader.article(path: path, data: data)
    case .text: return Article(path: path, string: TextDecoding.string(data))
    }
  }

  /// Reads the rest of an open article file and parses it. Plain text is decoded into a
  /// string and the file's bytes let go before parsing (a 10 MB article must not be held
  /// three times).
  static func parse(path: String, file: ArticleFile) throws(ArticleFileError) -> Article {
    guard articleKind(path) == .text else { return parse(path: path, data: try file.readText()) }
    return Article(path: path, string: try decodedText(file))
  }

  private static func decodedText(_ file: ArticleFile) throws(ArticleFileError) -> String {
    TextDecoding.string(try file.readText())
  }

  public var root: URL
  public var entries: [LibraryEntry]
  public var skipped: [SkippedFile]
  /// Parsed articles, by relative path (the library is small enough to keep them).
  public var articles: [String: Article]

  /// Plain-text files larger than this are read lazily by the reader: the first part at
  /// start-up (for the title and the first screen), the rest when the article is shown.
  public static let lazyThreshold = 512 * 1024
  static let lazyPrefixes = [16 * 1024, 64 * 1024]

  /// Loads every article under `root`. Hidden files and folders are ignored; other files are
  /// listed in `skipped` with the reason. Unreadable files are skipped, never fatal. With
  /// `lazy`, large plain-text files are only partly read (see `complete`), and only the first
  /// `eager` files are read at all (the reader reads the others after its first paint; one that
  /// opens a given article passes 0 and reads just that one, through `resolve`).
  public static func load(root: URL, lazy: Bool = false, eager: Int = eagerCount) throws -> Library {
    let (root, walk, files) = try walk(root)
    var library = Library(root: root, entries: [], skipped: walk.skipped, articles: [:])
    let rootPath = root.path
    for (i, (path, file)) in files.enumerated() {
      let url = fileURL(rootPath, path)
      if lazy && i >= eager {
        let name = PathName.stem(path)
        var entry = LibraryEntry(path: path, url: url, file: file, title: name, wordCount: 0)
        entry.isPending = true
        entry.wordCountIsEstimate = true
        library.entries.append(entry)
        library.pending.append(library.entries.count - 1)
        continue
      }
      do {
        let (entry, article) = try describe(path: path, url: url, file: file, lazy: lazy)
        library.entries.append(entry)
        library.articles[path] = article
      } catch {
        library.skipped.append(SkippedFile(path: path, reason: error.description))
      }
    }
    library.pending.reverse()  // popped from the end, in list order
    TextOrder.sort(&library.skipped) { $0.path }
    return library
  }

  /// A file's URL under the library folder, without the parsing `appendingPathComponent` does
  /// (a third of its cost: 2,000 entries took 8 ms that way).
  static func fileURL(_ rootPath: String, _ path: String) -> URL {
    URL(filePath: rootPath.hasSuffix("/") ? rootPath + path : rootPath + "/" + path, directoryHint: .notDirectory)
  }

  /// The article files under `root`, in list order.
  static func walk(_ root: URL) throws -> (URL, FolderWalk, [(path: String, file: FileSystemPath)]) {
    guard FileKind.exists(root.path) else { throw LibraryError.notFound(root.path) }
    guard FileKind.isDirectory(root.path) else { throw LibraryError.notADirectory(root.path) }
    let root = URL(fileURLWithPath: StandardPath.of(root.path, from: "/"), isDirectory: true)
    var walk = FolderWalk()
    walk.start(FileSystemPath(root))
    var files = walk.files
    TextOrder.sort(&files) { $0.path }
    return (root, walk, files)
  }

  /// The entries only — titles and word counts, no texts kept — for `gloss list`: from the
  /// title cache (`TitleCache`) where a file's path, size and modification time match, the rest
  /// parsed on every core, then the cache written back (unless `cache` is false or the library
  /// cannot be written). Entries and skipped files are the same as `load`'s.
  public static func listing(root: URL, cache useCache: Bool = true) throws -> Library {
    let (root, walk, files) = try walk(root)
    var cache = useCache ? TitleCache.read(library: root) : TitleCache()
    var slots: [LibraryEntry?] = Array(repeating: nil, count: files.count)
    var misses: [Int] = []
    for (i, (path, file)) in files.enumerated() {
      if let fingerprint = FileFingerprint.of(file), let hit = cache.lookup(path, fingerprint) {
        var entry = LibraryEntry(
          path: path, url: fileURL(root.path, path), file: file, title: hit.title, wordCount: hit.words)
        entry.fingerprint = fingerprint
        slots[i] = entry
      } else {
        misses.append(i)
      }
    }
    let described = describeAll(
      misses.map { (files[$0].path, fileURL(root.path, files[$0].path), files[$0].file) })
    var library = Library(root: root, entries: [], skipped: walk.skipped, articles: [:])
    var changed = false
    for (k, i) in misses.enumerated() {
      switch described[k] {
      case .success(let entry):
        slots[i] = entry
        if let fingerprint = entry.fingerprint {
          cache.record(entry.path, fingerprint, title: entry.title, words: entry.wordCount)
          changed = true
        }
      case .failure(let error):
        library.skipped.append(SkippedFile(path: files[i].path, reason: error.description))
      }
    }
    library.entries = slots.compactMap { $0 }
    TextOrder.sort(&library.skipped) { $0.path }
    if useCache {
      let before = cache.records.count
      cache.keep(Set(files.map(\.path)))
      if changed || cache.records.count != before { cache.write(library: root) }
    }
    return library
  }

  /// Reads and parses the files on every core (libxml2 and libcmark parse one document per
  /// thread safely); the results in the order given.
  static func describeAll(
    _ files: [(path: String, url: URL, file: FileSystemPath)]
  ) -> [Result<LibraryEntry, ArticleFileError>] {
    let results = Mutex<[Int: Result<LibraryEntry, ArticleFileError>]>([:])
    let next = Atomic<Int>(0)
    let threads = min(files.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      while true {
        let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard i < files.count else { return }
        let result: Result<LibraryEntry, ArticleFileError>
        do throws(ArticleFileError) {
          result = .success(try describe(path: files[i].path, url: files[i].url, file: files[i].file, lazy: false).0)
        } catch {
          result = .failure(error)
        }
        results.withLock { $0[i] = result }
      }
    }
    return results.withLock { all in files.indices.map { all[$0]! } }
  }

  /// One line on what was skipped, commonest reason first ("skipped 3 files: 2 binary file,
  /// 1 broken link"), or nil when nothing was. `skipped` names each file.
  public var skippedSummary: String? {
    guard !skipped.isEmpty else { return nil }
    var counts: [String: Int] = [:]
    for file in skipped { counts[file.reason, default: 0] += 1 }
    let reasons = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    let n = skipped.count
    return "skipped \(n) file\(n == 1 ? "" : "s"): " + reasons.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
  }

  /// With `lazy`, the entries read at start-up (enough for the first screen of the list);
  /// the others are read by `describePending`, which the reader calls after the first paint.
  public static let eagerCount = 100

  /// An article's entry and parsed text (only the first part of a large plain-text file when
  /// `lazy`).
  static func describe(
    path: String, url: URL, file: FileSystemPath, lazy: Bool
  ) throws(ArticleFileError) -> (LibraryEntry, Article) {
    let handle = try ArticleFile(file)
    var entry = LibraryEntry(path: path, url: url, file: file, title: "", wordCount: 0)
    entry.fingerprint = handle.fingerprint
    if lazy, let partial = try partialArticle(path: path, file: handle) {
      entry.title = partial.article.title
      entry.wordCount = partial.estimatedWords
      entry.wordCountIsEstimate = true
      return (entry, partial.article)
    }
    let article = try parse(path: path, file: handle)
    entry.title = article.title
    entry.wordCount = article.wordCount
    return (entry, article)
  }

  /// Indices of entries not read yet, the next one last.
  var pending: [Int] = []
  public var hasPending: Bool { !pending.isEmpty }

  /// Reads up to `limit` pending entries (titles, word counts, texts); returns their indices.
  /// A file that cannot be read keeps its file name as title and is noted in `skipped`.
  public mutating func describePending(limit: Int = .max) -> [Int] {
    var done: [Int] = []
    while done.count < limit, let index = pending.popLast() {
      describeEntry(index)
      done.append(index)
    }
    return done
  }

  /// Reads one pending entry now (an article about to be opened); returns its index, or nil
  /// when it was not pending.
  @discardableResult
  public mutating func describeNow(_ path: String) -> Int? {
    guard let index = entries.firstIndex(where: { $0.path == path }), entries[index].isPending else { return nil }
    pending.removeAll { $0 == index }
    describeEntry(index)
    return index
  }

  private mutating func describeEntry(_ index: Int) {
    let old = entries[index]
    guard old.isPending else { return }
    do {
      let (entry, article) = try Library.describe(path: old.path, url: old.url, file: old.fileSystemPath, lazy: true)
      entries[index] = entry
      articles[old.path] = article
    } catch {
      entries[index].isPending = false
      entries[index].wordCountIsEstimate = false
      entries[index].problem = error.description
      skipped.append(SkippedFile(path: old.path, reason: error.description))
    }
  }

  /// The first part of a large plain-text file, cut at its last paragraph break, or nil when
  /// the file is small or not plain UTF-8 text (then it is read whole from where it stands).
  static func partialArticle(
    path: String, file: ArticleFile
  ) throws(ArticleFileError) -> (article: Article, estimatedWords: Int)? {
    guard articleKind(path) == .text, file.size > lazyThreshold else { return nil }
    // Enough for the first screen (a 300-column terminal of CJK text needs about 12 KB); more
    // only when no paragraph break comes that early.
    var prefix = Data()
    for limit in lazyPrefixes {
      let more = try file.read(upTo: limit - prefix.count)
      prefix += more
      if prefix.count == more.count {  // the first part: binary, or not UTF-8?
        if TextDecoding.isBinary(prefix) { throw ArticleFileError.binary }
        if TextDecoding.sniff(prefix).encoding != .utf8 { break }
      }
      guard !more.isEmpty else { break }
      guard let cut = lastParagraphBreak(prefix), cut > 1024 else { continue }
      var article = Article(path: path, data: prefix.prefix(cut))
      article.isPartial = true
      let estimate = Int(Double(article.wordCount) * Double(file.size) / Double(max(1, cut)))
      return (article, estimate)
    }
    // The whole file after all: rewind, so that it is read from its start.
    file.rewind()
    return nil
  }

  /// Where the text after the last blank line starts, so that a part cut there is a prefix of
  /// the whole article's text (paragraph offsets are the same).
  static func lastParagraphBreak(_ data: Data) -> Int? {
    data.withUnsafeBytes { raw -> Int? in
      let bytes = raw.bindMemory(to: UInt8.self)
      var i = bytes.count - 1
      while i > 0 {
        if bytes[i] == 0x0A && bytes[i - 1] == 0x0A { return i + 1 }
        if i > 2 && bytes[i] == 0x0A && bytes[i - 1] == 0x0D && bytes[i - 2] == 0x0A { return i + 1 }
        i -= 1
      }
      return nil
    }
  }

  /// Reads the whole of a partly read article; returns it (and updates the entry).
  @discardableResult
  public mutating func complete(_ path: String) -> Article? {
    guard let current = articles[path] else { return nil }
    guard current.isPartial, let index = entries.firstIndex(where: { $0.path == path }) else { return current }
    guard let file = try? ArticleFile(entries[index].fileSystemPath),
      let article = try? Library.parse(path: path, file: file)
    else { return current }
    articles[path] = article
    entries[index].wordCount = article.wordCount
    entries[index].wordCountIsEstimate = false
    entries[index].fingerprint = file.fingerprint
    return article
  }
}

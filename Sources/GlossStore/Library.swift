import Foundation
import GlossFormats
import GlossModel

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
public struct Library: Sendable {
  public static let articleExtensions: Set<String> = ["txt", "md", "markdown", "text", "html", "htm"]

  /// Parses an article by its kind: Markdown through libcmark, HTML through libxml2, and
  /// anything else as plain text.
  public static func parse(path: String, data: Data) -> Article {
    switch (path as NSString).pathExtension.lowercased() {
    case "md", "markdown": return MarkdownReader.article(path: path, data: data)
    case "html", "htm": return HTMLReader.article(path: path, data: data)
    default: return Article(path: path, data: data)
    }
  }

  /// Reads and parses an article file. Plain text is decoded straight into a string and the
  /// file's bytes let go before parsing (a 10 MB article must not be held three times).
  static func parseFile(path: String, url: URL) throws -> Article {
    if articleKind(path) == "text" {
      return Article(path: path, string: String(decoding: try Data(contentsOf: url), as: UTF8.self))
    }
    return parse(path: path, data: try Data(contentsOf: url))
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
  /// `lazy`, large plain-text files are only partly read (see `complete`).
  public static func load(root: URL, lazy: Bool = false) throws -> Library {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
      throw LibraryError.notFound(root.path)
    }
    guard isDirectory.boolValue else { throw LibraryError.notADirectory(root.path) }
    let root = root.standardizedFileURL
    var files: [(String, URL)] = []
    var skipped: [SkippedFile] = []
    walk(root, relative: "", into: &files, skipped: &skipped)
    files.sort { $0.0.localizedStandardCompare($1.0) == .orderedAscending }
    var library = Library(root: root, entries: [], skipped: skipped, articles: [:])
    for (i, (path, url)) in files.enumerated() {
      if lazy && i >= eagerCount {
        var entry = LibraryEntry(path: path, url: url, title: (url.lastPathComponent as NSString).deletingPathExtension, wordCount: 0)
        entry.isPending = true
        entry.wordCountIsEstimate = true
        library.entries.append(entry)
        library.pending.append(library.entries.count - 1)
        continue
      }
      do {
        let (entry, article) = try describe(path: path, url: url, lazy: lazy)
        library.entries.append(entry)
        library.articles[path] = article
      } catch {
        library.skipped.append(SkippedFile(path: path, reason: "unreadable"))
      }
    }
    library.pending.reverse()  // popped from the end, in list order
    return library
  }

  /// With `lazy`, the entries read at start-up (enough for the first screen of the list);
  /// the others are read by `describePending`, which the reader calls after the first paint.
  public static let eagerCount = 100

  /// An article's entry and parsed text (only the first part of a large plain-text file when
  /// `lazy`).
  static func describe(path: String, url: URL, lazy: Bool) throws -> (LibraryEntry, Article) {
    if lazy, let partial = try partialArticle(path: path, url: url) {
      var entry = LibraryEntry(path: path, url: url, title: partial.article.title, wordCount: partial.estimatedWords)
      entry.wordCountIsEstimate = true
      return (entry, partial.article)
    }
    let article = try Library.parseFile(path: path, url: url)
    return (LibraryEntry(path: path, url: url, title: article.title, wordCount: article.wordCount), article)
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
      let (entry, article) = try Library.describe(path: old.path, url: old.url, lazy: true)
      entries[index] = entry
      articles[old.path] = article
    } catch {
      entries[index].isPending = false
      entries[index].wordCountIsEstimate = false
      skipped.append(SkippedFile(path: old.path, reason: "unreadable"))
    }
  }

  static func walk(_ dir: URL, relative: String, into files: inout [(String, URL)], skipped: inout [SkippedFile]) {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    } catch {
      skipped.append(SkippedFile(path: relative.isEmpty ? "." : relative, reason: "unreadable folder"))
      return
    }
    for name in names.sorted() where !name.hasPrefix(".") {
      let url = dir.appendingPathComponent(name)
      let rel = relative.isEmpty ? name : relative + "/" + name
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
        skipped.append(SkippedFile(path: rel, reason: "broken link"))
        continue
      }
      if isDir.boolValue {
        walk(url, relative: rel, into: &files, skipped: &skipped)
      } else if articleExtensions.contains(url.pathExtension.lowercased()) {
        files.append((rel, url))
      } else {
        skipped.append(SkippedFile(path: rel, reason: "not a text article"))
      }
    }
  }

  /// The first part of a large plain-text file, cut at its last paragraph break, or nil when
  /// the file is small or not plain text.
  static func partialArticle(path: String, url: URL) throws -> (article: Article, estimatedWords: Int)? {
    guard articleKind(path) == "text" else { return nil }
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    // The size from the open file (FileManager's attribute dictionary costs more than the read).
    let size = Int(try handle.seekToEnd())
    guard size > lazyThreshold else { return nil }
    try handle.seek(toOffset: 0)
    // Enough for the first screen (a 300-column terminal of CJK text needs about 12 KB); more
    // only when no paragraph break comes that early.
    var prefix = Data()
    for limit in lazyPrefixes {
      guard let more = try handle.read(upToCount: limit - prefix.count), !more.isEmpty else { return nil }
      prefix += more
      guard let cut = lastParagraphBreak(prefix), cut > 1024 else { continue }
      var article = Article(path: path, data: prefix.prefix(cut))
      article.isPartial = true
      let estimate = Int(Double(article.wordCount) * Double(size) / Double(max(1, cut)))
      return (article, estimate)
    }
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

  static func articleKind(_ path: String) -> String {
    switch (path as NSString).pathExtension.lowercased() {
    case "md", "markdown": return "markdown"
    case "html", "htm": return "html"
    default: return "text"
    }
  }

  /// Reads the whole of a partly read article; returns it (and updates the entry).
  @discardableResult
  public mutating func complete(_ path: String) -> Article? {
    guard let current = articles[path] else { return nil }
    guard current.isPartial, let index = entries.firstIndex(where: { $0.path == path }) else { return current }
    guard let article = try? Library.parseFile(path: path, url: entries[index].url) else { return current }
    articles[path] = article
    entries[index].wordCount = article.wordCount
    entries[index].wordCountIsEstimate = false
    return article
  }

  /// Adds an article from outside the library (opened by path), keyed by its absolute path.
  public mutating func addExternal(url: URL) throws -> LibraryEntry {
    let path = url.standardizedFileURL.path
    if let existing = entries.first(where: { $0.path == path }) { return existing }
    let article: Article
    do {
      article = try Library.parseFile(path: path, url: url)
    } catch {
      throw LibraryError.unreadable(url.path, "cannot open the file")
    }
    let entry = LibraryEntry(path: path, url: url, title: article.title, wordCount: article.wordCount)
    entries.append(entry)
    articles[path] = article
    return entry
  }

  /// Finds the article a person means: a path, a file name (with or without extension), or an
  /// unambiguous part of a title or file name (case-insensitive).
  public mutating func resolve(_ query: String, currentDirectory: URL) throws -> LibraryEntry {
    let asURL = URL(fileURLWithPath: query, relativeTo: currentDirectory).standardizedFileURL
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: asURL.path, isDirectory: &isDir), !isDir.boolValue {
      if let entry = entries.first(where: { $0.url.standardizedFileURL.path == asURL.path }) {
        return entry
      }
      return try addExternal(url: asURL)
    }
    if let entry = entries.first(where: { $0.path == query }) { return entry }
    let lowered = query.lowercased()
    let byName = entries.filter {
      $0.fileName.lowercased() == lowered
        || ($0.fileName as NSString).deletingPathExtension.lowercased() == lowered
    }
    if byName.count == 1 { return byName[0] }
    // Titles are needed from here on: read any entries not read yet.
    _ = describePending()
    let partial = entries.filter {
      $0.title.lowercased().contains(lowered) || $0.path.lowercased().contains(lowered)
    }
    if partial.count == 1 { return partial[0] }
    if partial.isEmpty { throw LibraryError.noMatch(query: query, library: root.path) }
    throw LibraryError.ambiguous(query: query, matches: partial.map(\.path))
  }
}

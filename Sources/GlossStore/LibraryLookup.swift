import GlossFormats
import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Articles that change on disk, and finding the article a person means.
extension Library {
  // MARK: Changes on disk

  /// What the entry's file is now on disk (size, modification time, inode), or nil when it is
  /// not in the library or nothing is there. One `stat`: cheap enough to call at every key.
  public func fingerprint(of path: String) -> FileFingerprint? {
    guard let entry = entries.first(where: { $0.path == path }) else { return nil }
    return FileFingerprint.of(entry.fileSystemPath)
  }

  /// True when the entry's file differs from the one last read: written, replaced, deleted,
  /// or back after it was gone. False for an entry not read yet.
  public func hasChanged(_ path: String) -> Bool {
    guard let entry = entries.first(where: { $0.path == path }), !entry.isPending else { return false }
    return FileFingerprint.of(entry.fileSystemPath) != entry.fingerprint
  }

  /// Reads and parses one entry's file again, updating its title, word count and fingerprint.
  /// Nil when it is not in the library or cannot be read now; then the entry's `problem` says
  /// why ("no such file" for a deleted one) and the text last read stays in `articles`.
  @discardableResult
  public mutating func reload(_ path: String) -> Article? {
    guard let index = entries.firstIndex(where: { $0.path == path }) else { return nil }
    pending.removeAll { $0 == index }
    do throws(ArticleFileError) {
      let file = try ArticleFile(entries[index].fileSystemPath)
      let article = try Library.parse(path: path, file: file)
      articles[path] = article
      entries[index].title = article.title
      entries[index].wordCount = article.wordCount
      entries[index].wordCountIsEstimate = false
      entries[index].isPending = false
      entries[index].fingerprint = file.fingerprint
      entries[index].problem = nil
      return article
    } catch {
      entries[index].isPending = false
      entries[index].fingerprint = nil
      entries[index].problem = error.description
      return nil
    }
  }

  // MARK: Finding articles

  /// Adds an article from outside the library (opened by path), keyed by its absolute path.
  public mutating func addExternal(url: URL) throws -> LibraryEntry {
    let path = url.standardizedFileURL.path
    if let existing = entries.first(where: { $0.path == path }) { return existing }
    let described: (LibraryEntry, Article)
    do {
      described = try Library.describe(path: path, url: url, file: FileSystemPath(url), lazy: false)
    } catch {
      throw LibraryError.unreadable(url.path, error.description)
    }
    entries.append(described.0)
    articles[path] = described.1
    return described.0
  }

  /// Finds the article a person means: a path, a file name (with or without extension), or an
  /// unambiguous part of a title or file name (case-insensitive).
  public mutating func resolve(_ query: String, currentDirectory: URL) throws -> LibraryEntry {
    // The query as a path, as `standardizedFileURL` gives it (see `StandardPath`).
    let asPath = StandardPath.of(query, from: currentDirectory.path)
    if FileKind.exists(asPath), !FileKind.isDirectory(asPath) {
      // (Entries' paths are standard already: made under the standardized root from names.)
      if let entry = entries.first(where: { $0.url.path == asPath }) {
        return described(entry)
      }
      return try addExternal(url: URL(fileURLWithPath: asPath))
    }
    if let entry = entries.first(where: { $0.path == query }) { return described(entry) }
    // A name that is not UTF-8 reaches us with U+FFFD in place of its odd bytes.
    let lossy = entries.filter { String(decoding: $0.fileSystemPath.bytes, as: UTF8.self) == asPath }
    if lossy.count == 1 { return described(lossy[0]) }
    let lowered = query.lowercased()
    let byName = entries.filter {
      $0.fileName.lowercased() == lowered
        || PathName.stem($0.fileName).lowercased() == lowered
    }
    if byName.count == 1 { return described(byName[0]) }
    // Titles are needed from here on: read any entries not read yet.
    _ = describePending()
    let partial = entries.filter {
      $0.title.lowercased().contains(lowered) || $0.path.lowercased().contains(lowered)
    }
    if partial.count == 1 { return partial[0] }
    if partial.isEmpty { throw LibraryError.noMatch(query: query, library: root.path) }
    throw LibraryError.ambiguous(query: query, matches: partial.map(\.path))
  }

  /// The entry, read now if it was not yet (a library loaded without reading its files).
  fileprivate mutating func described(_ entry: LibraryEntry) -> LibraryEntry {
    guard entry.isPending, let index = describeNow(entry.path) else { return entry }
    return entries[index]
  }
}

import Foundation
import GlossModel
import GlossStore
import GlossTUI

#if canImport(Glibc)
  import Glibc
#endif

extension AppRunner {
  /// Writes an article's annotations (as the reader has them, unsaved ones included) as
  /// Markdown. A relative path is relative to the current directory; a folder gets the
  /// suggested file name inside it; `~/` is the home folder.
  func export(to path: String, articlePath: String, title: String) -> [Message] {
    var expanded = path
    if expanded.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
      expanded = home + expanded.dropFirst(1)
    }
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    var url = URL(fileURLWithPath: expanded, relativeTo: cwd).standardizedFileURL
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
      url = url.appendingPathComponent(MarkdownExport.slug(articlePath) + ".md")
    }
    let annotations = state.annotations.filter { $0.article == articlePath }
    let markdown = MarkdownExport.render(
      .init(title: title, source: articlePath, annotations: annotations), exported: clock())
    do {
      try AtomicFile.write(Data(markdown.utf8), to: url)
      return [.exported(path: url.path, count: annotations.count)]
    } catch {
      return [.exportFailed(path: url.path, reason: "\(error)")]
    }
  }

  /// Writes the annotations not yet saved to a recovery file that `gloss import` reads: next
  /// to the store when that folder can be written, else in `$XDG_STATE_HOME/gloss/`.
  func writeRecovery() -> [Message] {
    let unsaved = state.session.save.unsaved
    let annotations = state.annotations.filter { unsaved.contains($0.id) }
    guard !annotations.isEmpty else { return [.recoveryWritten(path: "(nothing to write)", count: 0)] }
    let groups = Dictionary(grouping: annotations, by: \.article).sorted { $0.key < $1.key }.map { path, items in
      (
        article: library.articles[path], path: path,
        title: library.entries.first { $0.path == path }?.title ?? path, annotations: items
      )
    }
    let data: Data
    do {
      data = try Interchange.glossJSON(groups)
    } catch {
      return [.recoveryFailed(reason: "\(error)")]
    }
    let stamp = ISO8601DateFormatter().string(from: clock()).replacingOccurrences(of: ":", with: "")
    var problems: [String] = []
    for folder in AppRunner.recoveryFolders(store: store.url) {
      // A name no other file has (two sessions may recover in the same second).
      let unique = UUID().uuidString.prefix(8).lowercased()
      let url = folder.appendingPathComponent("annotations.recovered-\(stamp)-\(unique).json")
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write(data, to: url)
        return [.recoveryWritten(path: url.path, count: annotations.count)]
      } catch {
        problems.append("\(folder.path): \(error)")
      }
    }
    return [.recoveryFailed(reason: problems.joined(separator: "; "))]
  }

  /// Next to the store, then `$XDG_STATE_HOME/gloss` (default `~/.local/state/gloss`), then
  /// the temporary folder.
  static func recoveryFolders(store: URL) -> [URL] {
    let env = ProcessInfo.processInfo.environment
    var folders = [store.deletingLastPathComponent()]
    if let state = env["XDG_STATE_HOME"], !state.isEmpty {
      folders.append(URL(fileURLWithPath: state).appendingPathComponent("gloss"))
    } else if let home = env["HOME"], !home.isEmpty {
      folders.append(URL(fileURLWithPath: home).appendingPathComponent(".local/state/gloss"))
    }
    folders.append(FileManager.default.temporaryDirectory.appendingPathComponent("gloss"))
    return folders
  }
}

/// Notices when the open article's file changes on disk (size, modification time or inode),
/// by looking at it — cheap enough for every key and every couple of seconds.
struct FileWatcher {
  enum Change {
    case changed(path: String, url: URL)
    case vanished(path: String)
  }

  struct Fingerprint: Equatable {
    var size: Int64
    var modified: timespec
    var inode: UInt64

    static func == (a: Fingerprint, b: Fingerprint) -> Bool {
      a.size == b.size && a.inode == b.inode && a.modified.tv_sec == b.modified.tv_sec
        && a.modified.tv_nsec == b.modified.tv_nsec
    }
  }

  private var url: URL?
  private var path: String?
  private var fingerprint: Fingerprint?
  private var reportedVanished = false

  mutating func watch(_ url: URL?, path: String?) {
    self.url = url
    self.path = path
    fingerprint = url.flatMap(FileWatcher.fingerprint)
    reportedVanished = false
  }

  static func fingerprint(_ url: URL) -> Fingerprint? {
    var info = stat()
    guard stat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    return Fingerprint(size: Int64(info.st_size), modified: info.st_mtim, inode: UInt64(info.st_ino))
  }

  mutating func check() -> Change? {
    guard let url, let path else { return nil }
    guard let now = FileWatcher.fingerprint(url) else {
      if fingerprint != nil && !reportedVanished {
        reportedVanished = true
        return .vanished(path: path)
      }
      return nil
    }
    reportedVanished = false
    guard now != fingerprint else { return nil }
    fingerprint = now
    return .changed(path: path, url: url)
  }
}

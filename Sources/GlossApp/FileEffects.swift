import GlossModel
import GlossStore
import GlossTUI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
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
    if FileKind.isDirectory(url.path) {
      url = url.appendingPathComponent(MarkdownExport.fileName(forArticlePath: articlePath))
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

  /// Writes the annotations not yet saved to a recovery file that `gloss import` reads (the
  /// store chooses where: next to itself, else `$XDG_STATE_HOME/gloss/`).
  func writeRecovery() -> [Message] {
    let count = max(store.unsavedCount, state.session.save.unsaved.count)
    do {
      let url = try store.writeRecovery(now: clock())
      return [.recoveryWritten(path: url.path, count: count)]
    } catch {
      return [.recoveryFailed(reason: "\(error)")]
    }
  }
}

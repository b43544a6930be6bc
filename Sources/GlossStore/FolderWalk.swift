import GlossFormats
import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The article files under a folder, found by following folders (and links to folders) once
/// each: a link back up the tree (`ln -s .. sub/loop`) is noted, not followed again.
struct FolderWalk {
  var files: [(path: String, file: FileSystemPath)] = []
  var skipped: [SkippedFile] = []
  /// Device and inode of the folders listed (a few: searched in order).
  private var visited: [(UInt64, UInt64)] = []

  mutating func start(_ root: FileSystemPath) {
    if let id = FileFingerprint.of(root) { visited.append((id.device, id.inode)) }
    walk(root, relative: "")
  }

  /// `relative`: the folder's path from the root, as shown.
  private mutating func walk(_ folder: FileSystemPath, relative: String) {
    guard let handle = folder.withCString({ opendir($0) }) else {
      let reason = ArticleFileError.fromErrno(errno, path: folder).description
      let shown = relative.isEmpty ? "." : relative
      let detail = reason.hasPrefix("unreadable: ") ? String(reason.dropFirst("unreadable: ".count)) : reason
      skipped.append(SkippedFile(path: shown, reason: "unreadable folder: \(detail)"))
      return
    }
    var names: [[UInt8]] = []
    while let item = readdir(handle) {
      let name = withUnsafeBytes(of: item.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      if name.first != UInt8(ascii: ".") { names.append(name) }  // hidden, and . and ..
    }
    closedir(handle)
    // In a fixed order (by name, as text), so that the same link is the one noted each time.
    let sorted = names.map { (shown: FileSystemPath.display($0), bytes: $0) }.sorted { $0.shown < $1.shown }
    for (shownName, name) in sorted {
      let child = folder.appending(name)
      let shown = relative.isEmpty ? shownName : relative + "/" + shownName
      var info = stat()
      guard child.withCString({ stat($0, &info) }) == 0 else {
        skipped.append(SkippedFile(path: shown, reason: ArticleFileError.fromErrno(errno, path: child).description))
        continue
      }
      let type = info.st_mode & S_IFMT
      if type == S_IFDIR {
        let id = (UInt64(info.st_dev), UInt64(info.st_ino))
        guard !visited.contains(where: { $0 == id }) else {
          skipped.append(SkippedFile(path: shown, reason: "folder already listed (a link loop or a second link)"))
          continue
        }
        visited.append(id)
        walk(child, relative: shown)
      } else if ArticleFormat(extension: PathName.fileExtension(shownName)) == nil {
        skipped.append(SkippedFile(path: shown, reason: ArticleFileError.notAnArticleType.description))
      } else if type != S_IFREG {
        skipped.append(SkippedFile(path: shown, reason: ArticleFileError.notRegularFile.description))
      } else {
        files.append((shown, child))
      }
    }
  }
}

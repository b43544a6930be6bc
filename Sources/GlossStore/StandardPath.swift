import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Paths as Gloss compares them: what a file URL's `standardizedFileURL.path` gives.
public enum StandardPath {
  /// `path` (read from `directory` when relative) made absolute and standard. Worked out on the
  /// text (`PathName.absolute`) in the usual case, which keeps URLs' first-use set-up off the
  /// reader's start-up; a path that starts with "~" or has a ".." goes through URL as before,
  /// which expands the "~" and resolves links before a "..".
  public static func of(_ path: String, from directory: String) -> String {
    if path.hasPrefix("~") || path.split(separator: "/").contains("..") {
      let base = URL(fileURLWithPath: directory, isDirectory: true)
      return URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL.path
    }
    return PathName.absolute(path, from: directory)
  }
}

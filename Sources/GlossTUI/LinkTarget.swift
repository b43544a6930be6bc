import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Where a link of an article leads, decided from its text alone: a target inside the
/// article, another article of the library (a relative path, with an optional `#fragment`),
/// a web page for a browser, or nowhere (an unsafe or unknown scheme, a path that leaves the
/// library).
public enum LinkTarget: Sendable, Equatable {
  case anchor(String)
  case article(path: String, fragment: String?)
  case external(String)
  case refused(String)

  /// Schemes handed to a browser. Anything else (`javascript:`, `data:`, `vbscript:`, …) is
  /// refused; `file:` is followed only inside the library.
  static let browserSchemes: Set<String> = ["http", "https", "mailto", "ftp", "ftps", "gemini", "gopher"]

  /// `articlePath`: the linking article's path in the library; `libraryRoot`: the library's
  /// folder (for `file:` links and absolute paths).
  public init(_ link: String, from articlePath: String, libraryRoot: String) {
    let url = String(TextScan.trimmed(link))
    if url.isEmpty {
      self = .refused("the link is empty")
    } else if url.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      self = .refused("the link holds control characters — not followed")
    } else if url.hasPrefix("#") {
      self = .anchor(String(url.dropFirst()))
    } else if url.hasPrefix("//") {
      self = .external("https:" + url)
    } else if let scheme = LinkTarget.scheme(of: url) {
      if LinkTarget.browserSchemes.contains(scheme) {
        self = .external(url)
      } else if scheme == "file" {
        let components = URLComponents(string: url)
        let path = components?.path ?? ""
        self = LinkTarget.inLibrary(path, relativeTo: "", root: libraryRoot, fragment: components?.fragment)
        if case .refused = self { self = .refused("file: links outside the library are not opened") }
      } else {
        self = .refused("\(scheme): links are not opened — only web, mailto and ftp links")
      }
    } else {
      var rest = Substring(url)
      var fragment: String?
      if let hash = rest.firstIndex(of: "#") {
        fragment = String(rest[rest.index(after: hash)...])
        rest = rest[..<hash]
      }
      if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
      let path = PercentEncoding.decoded(String(rest)) ?? String(rest)
      if path.isEmpty {
        self = fragment.map { .anchor($0) } ?? .refused("the link is empty")
      } else {
        let directory = articlePath.split(separator: "/").dropLast().joined(separator: "/")
        self = LinkTarget.inLibrary(path, relativeTo: directory, root: libraryRoot, fragment: fragment)
      }
    }
  }

  /// A URI scheme (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`, then `:`),
  /// lowercased.
  static func scheme(of url: String) -> String? {
    guard let colon = url.firstIndex(of: ":") else { return nil }
    let scheme = url[..<colon]
    guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return nil }
    let allowed = scheme.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == ".")
    }
    return allowed ? scheme.lowercased() : nil
  }

  /// A path as a library path: relative to a folder of the library, or absolute inside the
  /// library's folder; `..` may not climb out of it.
  static func inLibrary(_ path: String, relativeTo directory: String, root: String, fragment: String?) -> LinkTarget {
    var relative = Substring(path)
    if path.hasPrefix("/") {
      let prefix = root.hasSuffix("/") ? root : root + "/"
      guard path.hasPrefix(prefix) else { return .refused("\(path) is outside the library") }
      relative = path.dropFirst(prefix.count)
    } else if !directory.isEmpty {
      relative = Substring(directory + "/" + path)
    }
    var parts: [Substring] = []
    for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..":
        guard !parts.isEmpty else { return .refused("\(path) points outside the library") }
        parts.removeLast()
      default: parts.append(part)
      }
    }
    guard !parts.isEmpty else { return .refused("\(path) is not an article") }
    return .article(path: parts.joined(separator: "/"), fragment: fragment.flatMap { $0.isEmpty ? nil : $0 })
  }
}

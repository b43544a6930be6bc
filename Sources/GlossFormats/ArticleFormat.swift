import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The kinds of article Gloss reads, named by file extension.
public enum ArticleFormat: String, Sendable, CaseIterable {
  /// Plain text (`.txt`, `.text`).
  case text
  /// Markdown through libcmark (`.md`, `.markdown`).
  case markdown
  /// Saved web pages through libxml2 (`.html`, `.htm`).
  case html

  /// The file extensions of each format, lower-case.
  public var extensions: [String] {
    switch self {
    case .text: return ["txt", "text"]
    case .markdown: return ["md", "markdown"]
    case .html: return ["html", "htm"]
    }
  }

  /// Every article extension, lower-case.
  public static let allExtensions: Set<String> = Set(allCases.flatMap(\.extensions))

  /// The format of a file extension (any case), or nil when it is not an article's.
  public init?(extension ext: String) {
    switch ext.lowercased() {
    case "txt", "text": self = .text
    case "md", "markdown": self = .markdown
    case "html", "htm": self = .html
    default: return nil
    }
  }

  /// The format a path names; anything unknown is read as plain text.
  public init(path: String) {
    self = ArticleFormat(extension: PathName.fileExtension(path)) ?? .text
  }
}

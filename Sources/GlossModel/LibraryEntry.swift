import Foundation

/// One article file in the library folder.
public struct LibraryEntry: Sendable, Equatable {
  /// Path relative to the library folder (with `/` separators), or an absolute path for an
  /// article opened from outside the library.
  public var path: String
  public var url: URL
  public var title: String
  public var wordCount: Int
  /// True while `wordCount` is an estimate (the article was only partly read so far).
  public var wordCountIsEstimate = false
  /// True while the file has not been read yet: the title is its file name and the word
  /// count unknown (a lazily loaded library reads the rest after the first screen).
  public var isPending = false

  public init(path: String, url: URL, title: String, wordCount: Int) {
    self.path = path
    self.url = url
    self.title = title
    self.wordCount = wordCount
  }

  public var fileName: String { url.lastPathComponent }
}

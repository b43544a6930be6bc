/// What the reader's article list shows of a library entry: its path, title and length, and
/// whether it has been read yet. (The library's own entry, in GlossStore, also knows the file.)
public struct ArticleSummary: Sendable, Equatable {
  /// Path relative to the library folder, or an absolute path for an article opened from
  /// outside it (for display: names that are not UTF-8 show their odd bytes as `\xNN`).
  public var path: String
  public var title: String
  public var wordCount: Int
  /// True while `wordCount` is an estimate (the article was only partly read so far).
  public var wordCountIsEstimate: Bool
  /// True while the file has not been read yet: the title is its file name.
  public var isPending: Bool
  /// Why the file could not be read the last time it was tried, or nil.
  public var problem: String?

  public init(
    path: String, title: String, wordCount: Int, wordCountIsEstimate: Bool = false, isPending: Bool = false,
    problem: String? = nil
  ) {
    self.path = path
    self.title = title
    self.wordCount = wordCount
    self.wordCountIsEstimate = wordCountIsEstimate
    self.isPending = isPending
    self.problem = problem
  }
}

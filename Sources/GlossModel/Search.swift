import Foundation

/// Case-insensitive search in an article's text, in Unicode scalar offsets.
public enum ArticleSearch {
  /// All matches of `pattern` in one paragraph, as scalar ranges of the article.
  public static func matches(of pattern: String, inParagraph index: Int, of article: Article) -> [Range<Int>] {
    guard !pattern.isEmpty, index < article.paragraphs.count else { return [] }
    let paragraph = article.paragraphs[index]
    let text = article.text[paragraph.indices]
    var result: [Range<Int>] = []
    var searchStart = text.startIndex
    var scalarBase = paragraph.scalars.lowerBound
    var scalarCursor = text.startIndex
    while searchStart < text.endIndex,
      let found = text.range(of: pattern, options: [.caseInsensitive], range: searchStart..<text.endIndex)
    {
      scalarBase += text.unicodeScalars.distance(from: scalarCursor, to: found.lowerBound)
      let length = text.unicodeScalars.distance(from: found.lowerBound, to: found.upperBound)
      result.append(scalarBase..<(scalarBase + length))
      scalarCursor = found.lowerBound
      searchStart = found.upperBound > found.lowerBound ? found.upperBound : text.index(after: found.lowerBound)
    }
    return result
  }

  /// The next match strictly after (or, backwards, strictly before) a scalar offset, wrapping
  /// around the article. Returns the match and whether it wrapped.
  public static func find(
    _ pattern: String, in article: Article, from offset: Int, forward: Bool
  ) -> (range: Range<Int>, wrapped: Bool)? {
    guard !pattern.isEmpty, !article.paragraphs.isEmpty else { return nil }
    let count = article.paragraphs.count
    let start = article.paragraphIndex(containing: offset) ?? 0
    for step in 0...count {
      let raw = forward ? start + step : start - step
      let index = ((raw % count) + count) % count
      let wrapped = forward ? raw >= count : raw < 0
      let found = matches(of: pattern, inParagraph: index, of: article)
      let candidates: [Range<Int>]
      if step == 0 {
        candidates = found.filter { forward ? $0.lowerBound > offset : $0.lowerBound < offset }
      } else if step == count {
        // Back in the starting paragraph after wrapping around.
        candidates = found.filter { forward ? $0.lowerBound <= offset : $0.lowerBound >= offset }
      } else {
        candidates = found
      }
      if let match = forward ? candidates.first : candidates.last {
        return (match, wrapped)
      }
    }
    return nil
  }
}

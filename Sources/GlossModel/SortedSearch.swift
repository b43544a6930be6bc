/// Binary searches over sorted collections, shared by the article's paragraphs and runs, the
/// open article's annotation index and the store's sorted list.
extension RandomAccessCollection {
  /// The first index whose element is not `isBefore` — every element that is must come
  /// first (the collection is partitioned by the predicate). `endIndex` when all are.
  public func partitioningIndex(where isBefore: (Element) throws -> Bool) rethrows -> Index {
    var low = startIndex
    var count = self.count
    while count > 0 {
      let half = count / 2
      let mid = index(low, offsetBy: half)
      if try isBefore(self[mid]) {
        low = index(after: mid)
        count -= half + 1
      } else {
        count = half
      }
    }
    return low
  }

  /// The elements that overlap `range`, in order, when the collection is sorted by the start
  /// of `span` and no span is longer than `maxLength`: only the elements that could overlap
  /// are looked at.
  public func elements(overlapping range: Range<Int>, maxLength: Int, span: (Element) -> Range<Int>) -> [Element] {
    var i = partitioningIndex { span($0).lowerBound < range.lowerBound - maxLength }
    var result: [Element] = []
    while i < endIndex {
      let s = span(self[i])
      if s.lowerBound >= range.upperBound { break }
      if s.upperBound > range.lowerBound { result.append(self[i]) }
      i = index(after: i)
    }
    return result
  }
}

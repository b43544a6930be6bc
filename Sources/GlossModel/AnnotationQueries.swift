/// Questions asked of a set of annotations, answered the same way by the store and the reader.
public enum AnnotationQueries {
  /// Tags with their counts, most used first (tags that differ only in case count as one,
  /// spelled as first seen).
  public static func tagCounts(_ annotations: [Annotation]) -> [(tag: String, count: Int)] {
    var counts: [String: (tag: String, count: Int)] = [:]
    for annotation in annotations {
      for tag in annotation.tags {
        let key = tag.lowercased()
        counts[key] = (counts[key]?.tag ?? tag, (counts[key]?.count ?? 0) + 1)
      }
    }
    return counts.values.sorted { ($1.count, $0.tag.lowercased()) < ($0.count, $1.tag.lowercased()) }
  }

  /// Annotations with a tag (any case), by article and position.
  public static func withTag(_ tag: String, in annotations: [Annotation]) -> [Annotation] {
    let wanted = tag.lowercased()
    return annotations.filter { $0.tags.contains { $0.lowercased() == wanted } }
      .sorted { ($0.article, $0.start) < ($1.article, $1.start) }
  }
}

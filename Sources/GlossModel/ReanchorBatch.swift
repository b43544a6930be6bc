/// Re-anchoring all of one article's annotations at once, the way the reader and the CLI do
/// when an article is read: most annotations are still where they were, so each is first
/// checked against the article's own text at its stored offset (a walk of at most a couple of
/// thousand bytes from the nearest scalar mark). Only when one is not does the article's text
/// get decoded into the `AnchorText` the search needs (40 MB of scalars for a 10 MB article,
/// plus its index): opening an unchanged article costs neither the memory nor the time.
extension Anchoring {
  /// The annotations whose anchor changed (position, quote or state), re-anchored in
  /// `article`; unchanged ones are left out.
  public static func reanchoredChanges(_ annotations: [Annotation], in article: Article) -> [Annotation] {
    var changed: [Annotation] = []
    var text: AnchorText?
    for annotation in annotations {
      if article.holdsQuote(of: annotation) {
        if annotation.anchor != .exact {
          var copy = annotation
          copy.anchor = .exact
          changed.append(copy)
        }
        continue
      }
      if text == nil { text = AnchorText(article: article) }
      let new = reanchored(annotation, in: text!)
      if new != annotation { changed.append(new) }
    }
    return changed
  }
}

extension Article {
  /// Whether the text at an annotation's stored offsets is its quote, scalar for scalar (the
  /// first step of anchoring, without decoding the whole text).
  public func holdsQuote(of annotation: Annotation) -> Bool {
    let start = annotation.start
    let end = annotation.end
    guard start >= 0, end <= scalarCount, end > start else { return false }
    let quote = annotation.quote.unicodeScalars
    let scalars = text.unicodeScalars
    var i = stringIndex(forScalar: start)
    var q = quote.startIndex
    var n = 0
    while n < end - start {
      guard i < scalars.endIndex, q < quote.endIndex, scalars[i] == quote[q] else { return false }
      scalars.formIndex(after: &i)
      quote.formIndex(after: &q)
      n += 1
    }
    return q == quote.endIndex
  }
}

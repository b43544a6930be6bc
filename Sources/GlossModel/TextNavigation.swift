/// Word, sentence and paragraph boundaries in an article, in Unicode scalar offsets that
/// always fall on grapheme-cluster boundaries (a selection never splits a cluster).
public struct TextNavigation: Sendable {
  public let article: Article

  public init(article: Article) { self.article = article }

  /// One grapheme cluster of a paragraph with its scalar range in the article.
  public struct Grapheme {
    public var character: Character
    public var range: Range<Int>
  }

  /// The graphemes of one paragraph.
  public func graphemes(ofParagraph index: Int) -> [Grapheme] {
    let p = article.paragraphs[index]
    var offset = p.scalars.lowerBound
    var result: [Grapheme] = []
    for c in article.text[p.indices] {
      let n = c.unicodeScalars.count
      result.append(Grapheme(character: c, range: offset..<(offset + n)))
      offset += n
    }
    return result
  }

  static func isWordCharacter(_ c: Character) -> Bool {
    c.isLetter || c.isNumber || c == "_" || c.unicodeScalars.first!.properties.isIdeographic
      || c.unicodeScalars.first!.properties.isEmojiPresentation
  }

  /// Word start offsets in a paragraph (a word is a run of letters and digits, with
  /// apostrophes and hyphens inside it; ideographs are words of one character each).
  func wordRanges(ofParagraph index: Int) -> [Range<Int>] {
    let g = graphemes(ofParagraph: index)
    var result: [Range<Int>] = []
    var i = 0
    while i < g.count {
      guard TextNavigation.isWordCharacter(g[i].character) else { i += 1; continue }
      let start = i
      if g[i].character.unicodeScalars.first!.properties.isIdeographic {
        result.append(g[i].range)
        i += 1
        continue
      }
      i += 1
      while i < g.count {
        let c = g[i].character
        if TextNavigation.isWordCharacter(c) && !c.unicodeScalars.first!.properties.isIdeographic {
          i += 1
        } else if "'’-".contains(c), i + 1 < g.count, TextNavigation.isWordCharacter(g[i + 1].character) {
          i += 2
        } else {
          break
        }
      }
      result.append(g[start].range.lowerBound..<g[i - 1].range.upperBound)
    }
    return result
  }

  static let abbreviations: Set<String> = [
    "mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "no",
  ]

  /// Sentence ranges in a paragraph: ending at `.`, `!`, `?` or `…` (with closing quotes or
  /// brackets) followed by a space, or at the end of the paragraph. Initials and common
  /// abbreviations ("U.S.", "Dr.") do not end a sentence.
  func sentenceRanges(ofParagraph index: Int) -> [Range<Int>] {
    let g = graphemes(ofParagraph: index)
    guard !g.isEmpty else { return [] }
    var result: [Range<Int>] = []
    var start = 0
    var i = 0
    func skipSpaces(_ k: Int) -> Int {
      var k = k
      while k < g.count && g[k].character.isWhitespace { k += 1 }
      return k
    }
    start = skipSpaces(0)
    while i < g.count {
      let c = g[i].character
      if ".!?…".contains(c) {
        var end = i + 1
        while end < g.count && "\"'”’)]»".contains(g[end].character) { end += 1 }
        if end == g.count || g[end].character.isWhitespace {
          // The word before the period.
          var w = i
          while w > start && !g[w - 1].character.isWhitespace { w -= 1 }
          let word = String(g[w..<i].map(\.character)).lowercased()
          let letters = word.filter(\.isLetter)
          let isInitials = c == "." && (letters.count == 1 || (word.contains(".") && letters.count <= 3))
          let isAbbreviation = c == "." && TextNavigation.abbreviations.contains(word)
          if !(isInitials || isAbbreviation) || end == g.count {
            if start < end { result.append(g[start].range.lowerBound..<g[end - 1].range.upperBound) }
            start = skipSpaces(end)
            i = start
            continue
          }
        }
      }
      i += 1
    }
    if start < g.count {
      var last = g.count - 1
      while last > start && g[last].character.isWhitespace { last -= 1 }
      result.append(g[start].range.lowerBound..<g[last].range.upperBound)
    }
    return result
  }

  // MARK: - Movement

  public func paragraph(at offset: Int) -> Int? { article.paragraphIndex(containing: offset) }

  /// The word (or, between words, the grapheme) under the cursor.
  public func word(at offset: Int) -> Range<Int>? {
    guard let p = paragraph(at: offset) else { return nil }
    if let w = wordRanges(ofParagraph: p).first(where: { $0.contains(offset) }) { return w }
    return graphemes(ofParagraph: p).first { $0.range.contains(offset) }?.range
  }

  public func nextWord(after offset: Int) -> Int { nextStart(after: offset, of: wordRanges(ofParagraph:)) }

  public func previousWord(before offset: Int) -> Int { previousStart(before: offset, of: wordRanges(ofParagraph:)) }

  /// The start of the first range (words or sentences, per paragraph) after `offset`, looking
  /// on through the following paragraphs; `offset` when there is none.
  func nextStart(after offset: Int, of ranges: (Int) -> [Range<Int>]) -> Int {
    guard var p = paragraph(at: offset) else { return offset }
    while p < article.paragraphs.count {
      if let next = ranges(p).first(where: { $0.lowerBound > offset }) { return next.lowerBound }
      p += 1
    }
    return offset
  }

  /// The start of the last range before `offset`, looking back through earlier paragraphs.
  func previousStart(before offset: Int, of ranges: (Int) -> [Range<Int>]) -> Int {
    guard var p = paragraph(at: offset) else { return offset }
    while p >= 0 {
      if let previous = ranges(p).last(where: { $0.lowerBound < offset }) { return previous.lowerBound }
      p -= 1
    }
    return offset
  }

  public func sentence(at offset: Int) -> Range<Int>? {
    guard let p = paragraph(at: offset) else { return nil }
    let sentences = sentenceRanges(ofParagraph: p)
    return sentences.first { $0.contains(offset) } ?? sentences.last { $0.lowerBound <= offset } ?? sentences.first
  }

  public func nextSentence(after offset: Int) -> Int { nextStart(after: offset, of: sentenceRanges(ofParagraph:)) }

  public func previousSentence(before offset: Int) -> Int { previousStart(before: offset, of: sentenceRanges(ofParagraph:)) }

  public func paragraphRange(at offset: Int) -> Range<Int>? {
    paragraph(at: offset).map { article.paragraphs[$0].scalars }
  }

  public func nextParagraph(after offset: Int) -> Int {
    guard let p = paragraph(at: offset), p + 1 < article.paragraphs.count else { return offset }
    return article.paragraphs[p + 1].scalars.lowerBound
  }

  public func previousParagraph(before offset: Int) -> Int {
    guard let p = paragraph(at: offset) else { return offset }
    let start = article.paragraphs[p].scalars.lowerBound
    if offset > start { return start }
    return p > 0 ? article.paragraphs[p - 1].scalars.lowerBound : offset
  }

  /// The end of the grapheme that starts at (or contains) an offset: a selection's end.
  public func graphemeEnd(at offset: Int) -> Int {
    guard let p = paragraph(at: offset) else { return offset }
    return graphemes(ofParagraph: p).first { $0.range.contains(offset) }?.range.upperBound ?? offset
  }

  /// The nearest grapheme start at or before an offset.
  public func snap(_ offset: Int) -> Int {
    guard let p = paragraph(at: offset) else { return 0 }
    let g = graphemes(ofParagraph: p)
    if let last = g.last, offset >= last.range.upperBound { return last.range.lowerBound }
    return g.last { $0.range.lowerBound <= offset }?.range.lowerBound ?? article.paragraphs[p].scalars.lowerBound
  }
}

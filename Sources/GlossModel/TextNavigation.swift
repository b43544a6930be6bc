/// Word, sentence and paragraph boundaries in an article, in Unicode scalar offsets that
/// always fall on grapheme-cluster boundaries (a selection never splits a cluster).
///
/// Each motion looks at a window of the paragraph around the offset (`Window`): the whole
/// paragraph when it is short, else some thousands of scalars either side, so that a key in a
/// 50 MB one-line article costs what it costs in a short one. In such a paragraph a word or
/// sentence motion moves at most a window's width when there is no word or sentence start
/// in between, and a sentence longer than the window is cut at the window's edge.
public struct TextNavigation: Sendable {
  public let article: Article
  /// Scalars either side of the offset that a motion looks at in a long paragraph.
  let reach: Int

  public init(article: Article) { self.init(article: article, reach: 2_500) }

  init(article: Article, reach: Int) {
    self.article = article
    self.reach = reach
  }

  /// One grapheme cluster of a paragraph with its scalar range in the article.
  public struct Grapheme {
    public var character: Character
    public var range: Range<Int>
  }

  /// The graphemes of one paragraph.
  public func graphemes(ofParagraph index: Int) -> [Grapheme] {
    let p = article.paragraphs[index]
    return graphemes(in: Window(paragraph: index, range: p.indices, scalars: p.scalars))
  }

  /// Part of a paragraph, starting and ending on grapheme boundaries.
  struct Window {
    var paragraph: Int
    var range: Range<String.Index>
    var scalars: Range<Int>
  }

  /// The window of paragraph `p` around `offset`, `reach` scalars either side (the whole
  /// paragraph when that covers it). The start is moved back to just after a space when one
  /// is near, so that the window starts with a whole word.
  func window(paragraph p: Int, around offset: Int, reach: Int? = nil) -> Window {
    let reach = reach ?? self.reach
    let paragraph = article.paragraphs[p]
    let whole = Window(paragraph: p, range: paragraph.indices, scalars: paragraph.scalars)
    let lo = max(paragraph.scalars.lowerBound, offset - reach)
    let hi = min(paragraph.scalars.upperBound, offset + reach)
    guard lo > paragraph.scalars.lowerBound || hi < paragraph.scalars.upperBound else { return whole }
    let text = article.text
    let scalars = text.unicodeScalars
    var start = paragraph.indices.lowerBound
    var startScalar = paragraph.scalars.lowerBound
    if lo > paragraph.scalars.lowerBound {
      let near = article.stringIndex(forScalar: lo)
      var i = near
      var back = 0
      while back < 64 && i > paragraph.indices.lowerBound && scalars[scalars.index(before: i)] != " " {
        i = scalars.index(before: i)
        back += 1
      }
      if i == paragraph.indices.lowerBound || scalars[scalars.index(before: i)] != " " { i = near }
      // Onto a grapheme boundary (the character view rounds down to one).
      start = i == paragraph.indices.lowerBound ? i : text.index(before: text.index(after: i))
      startScalar = lo - scalars.distance(from: start, to: near)
    }
    var end = paragraph.indices.upperBound
    var endScalar = paragraph.scalars.upperBound
    if hi < paragraph.scalars.upperBound {
      let near = article.stringIndex(forScalar: hi)
      end = text.index(before: text.index(after: near))
      endScalar = hi - scalars.distance(from: end, to: near)
    }
    return Window(paragraph: p, range: start..<max(start, end), scalars: startScalar..<max(startScalar, endScalar))
  }

  /// The graphemes of a window.
  func graphemes(in window: Window) -> [Grapheme] {
    var offset = window.scalars.lowerBound
    var result: [Grapheme] = []
    for c in article.text[window.range] {
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

  /// Word ranges in a window (a word is a run of letters and digits, with apostrophes and
  /// hyphens inside it; ideographs are words of one character each).
  func wordRanges(in window: Window) -> [Range<Int>] {
    let g = graphemes(in: window)
    var result: [Range<Int>] = []
    var i = 0
    while i < g.count {
      guard TextNavigation.isWordCharacter(g[i].character) else {
        i += 1
        continue
      }
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

  /// Sentence ranges in a window: ending at `.`, `!`, `?` or `…` (with closing quotes or
  /// brackets) followed by a space, or at the end of the window. Initials and common
  /// abbreviations ("U.S.", "Dr.") do not end a sentence.
  func sentenceRanges(in window: Window) -> [Range<Int>] {
    let g = graphemes(in: window)
    guard !g.isEmpty else { return [] }
    var result: [Range<Int>] = []
    var start = 0
    var i = 0
    func skipSpaces(_ k: Int) -> Int {
      var k = k
      while k < g.count && TextScan.isWhitespace(g[k].character) { k += 1 }
      return k
    }
    start = skipSpaces(0)
    while i < g.count {
      let c = g[i].character
      if ".!?…".contains(c) {
        var end = i + 1
        while end < g.count && "\"'”’)]»".contains(g[end].character) { end += 1 }
        if end == g.count || TextScan.isWhitespace(g[end].character) {
          // The word before the period.
          var w = i
          while w > start && !TextScan.isWhitespace(g[w - 1].character) { w -= 1 }
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
      while last > start && TextScan.isWhitespace(g[last].character) { last -= 1 }
      result.append(g[start].range.lowerBound..<g[last].range.upperBound)
    }
    return result
  }

  // MARK: - Movement

  public func paragraph(at offset: Int) -> Int? { article.paragraphIndex(containing: offset) }

  /// The word (or, between words, the grapheme) under the cursor.
  public func word(at offset: Int) -> Range<Int>? {
    guard let p = paragraph(at: offset) else { return nil }
    let w = window(paragraph: p, around: offset)
    if let word = wordRanges(in: w).first(where: { $0.contains(offset) }) { return word }
    return graphemes(in: w).first { $0.range.contains(offset) }?.range
  }

  public func nextWord(after offset: Int) -> Int { nextStart(after: offset, of: wordRanges(in:)) }

  public func previousWord(before offset: Int) -> Int { previousStart(before: offset, of: wordRanges(in:)) }

  /// The start of the first range (words or sentences) after `offset`, looking on through
  /// the following paragraphs; the window's end when a long paragraph has none within reach;
  /// `offset` when there is none at all.
  func nextStart(after offset: Int, of ranges: (Window) -> [Range<Int>]) -> Int {
    guard var p = paragraph(at: offset) else { return offset }
    var w = window(paragraph: p, around: offset)
    while true {
      if let next = ranges(w).first(where: { $0.lowerBound > offset }) { return next.lowerBound }
      if w.scalars.upperBound < article.paragraphs[p].scalars.upperBound { return w.scalars.upperBound }
      p += 1
      guard p < article.paragraphs.count else { return offset }
      w = window(paragraph: p, around: article.paragraphs[p].scalars.lowerBound)
    }
  }

  /// The start of the last range before `offset`, looking back through earlier paragraphs;
  /// the window's start when a long paragraph has none within reach.
  func previousStart(before offset: Int, of ranges: (Window) -> [Range<Int>]) -> Int {
    guard var p = paragraph(at: offset) else { return offset }
    var w = window(paragraph: p, around: offset)
    while true {
      if let previous = ranges(w).last(where: { $0.lowerBound < offset }) { return previous.lowerBound }
      if w.scalars.lowerBound > article.paragraphs[p].scalars.lowerBound && w.scalars.lowerBound < offset {
        return w.scalars.lowerBound
      }
      p -= 1
      guard p >= 0 else { return offset }
      w = window(paragraph: p, around: article.paragraphs[p].scalars.upperBound)
    }
  }

  public func sentence(at offset: Int) -> Range<Int>? {
    guard let p = paragraph(at: offset) else { return nil }
    let sentences = sentenceRanges(in: window(paragraph: p, around: offset))
    return sentences.first { $0.contains(offset) } ?? sentences.last { $0.lowerBound <= offset } ?? sentences.first
  }

  public func nextSentence(after offset: Int) -> Int { nextStart(after: offset, of: sentenceRanges(in:)) }

  public func previousSentence(before offset: Int) -> Int { previousStart(before: offset, of: sentenceRanges(in:)) }

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
    let g = graphemes(in: window(paragraph: p, around: offset, reach: min(reach, 64)))
    return g.first { $0.range.contains(offset) }?.range.upperBound ?? offset
  }

  /// The nearest grapheme start at or before an offset.
  public func snap(_ offset: Int) -> Int {
    guard let p = paragraph(at: offset) else { return 0 }
    let w = window(paragraph: p, around: offset, reach: min(reach, 64))
    let g = graphemes(in: w)
    if let last = g.last, offset >= last.range.upperBound { return last.range.lowerBound }
    return g.last { $0.range.lowerBound <= offset }?.range.lowerBound ?? w.scalars.lowerBound
  }
}

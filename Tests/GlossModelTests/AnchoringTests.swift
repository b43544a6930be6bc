import Foundation
import Testing

@testable import GlossModel

/// Marked text, as swift-format's tests write it: `"The ⏩quick⏪ fox"` gives the text without
/// the markers and the scalar range between them.
func marked(_ s: String) -> (text: String, range: Range<Int>) {
  var scalars: [Unicode.Scalar] = []
  var start = 0
  var end = 0
  for u in s.unicodeScalars {
    if u == "⏩" { start = scalars.count } else if u == "⏪" { end = scalars.count } else { scalars.append(u) }
  }
  var view = String.UnicodeScalarView()
  view.append(contentsOf: scalars)
  return (String(view), start..<end)
}

let original = """
  A Headline About Anchors

  The first paragraph talks about the weather and nothing else of note.

  The second paragraph holds the passage that matters: the committee voted to suspend all military assistance until the talks resume.

  The third paragraph closes the article with a few remarks.
  """

func annotate(_ marked: (text: String, range: Range<Int>)) -> Annotation {
  Annotation(
    article: Article(path: "a.txt", string: marked.text), range: marked.range, now: Date(timeIntervalSince1970: 0))
}

func quote(_ a: Annotation, in article: Article) -> String {
  AnchorText(article: article).string(a.range)
}

@Suite struct AnchoringTests {
  let m = marked(
    original.replacingOccurrences(
      of: "the committee voted to suspend all military assistance",
      with: "⏩the committee voted to suspend all military assistance⏪"))

  @Test func unchangedTextIsExact() {
    let a = annotate(m)
    #expect(a.quote == "the committee voted to suspend all military assistance")
    #expect(a.prefix.unicodeScalars.count == 32)
    let result = Anchoring.anchor(a, in: AnchorText(article: Article(path: "a.txt", string: m.text)))
    #expect(result == .init(range: m.range, state: .exact))
  }

  @Test func textInsertedBeforeIsRelocated() {
    let a = annotate(m)
    let edited = Article(
      path: "a.txt",
      string: m.text.replacingOccurrences(
        of: "The first paragraph", with: "An inserted sentence comes first. The first paragraph"))
    let moved = Anchoring.reanchored(a, in: AnchorText(article: edited))
    #expect(moved.anchor == .relocated)
    #expect(quote(moved, in: edited) == a.quote)
    #expect(moved.start == a.start + "An inserted sentence comes first. ".unicodeScalars.count)
  }

  @Test func typoFixedInsideTheQuoteIsFoundApproximately() {
    let typo = marked(
      original.replacingOccurrences(
        of: "the committee voted to suspend all military assistance",
        with: "⏩the comittee voted to suspend all militray assistance⏪"))
    let a = annotate(typo)
    let fixed = Article(path: "a.txt", string: original)
    let moved = Anchoring.reanchored(a, in: AnchorText(article: fixed))
    #expect(moved.anchor == .relocated)
    #expect(quote(moved, in: fixed) == "the committee voted to suspend all military assistance")
    #expect(moved.quote == "the committee voted to suspend all military assistance", "the quote is written back")
  }

  @Test func reorderedParagraphsAreFollowed() {
    let a = annotate(m)
    let paragraphs = original.components(separatedBy: "\n\n")
    let reordered = Article(
      path: "a.txt", string: [paragraphs[0], paragraphs[3], paragraphs[2], paragraphs[1]].joined(separator: "\n\n"))
    let moved = Anchoring.reanchored(a, in: AnchorText(article: reordered))
    #expect(moved.anchor == .relocated)
    #expect(quote(moved, in: reordered) == a.quote)
  }

  @Test func deletedPassageIsOrphanedAndKept() {
    let a = annotate(m)
    let paragraphs = original.components(separatedBy: "\n\n")
    let cut = Article(path: "a.txt", string: [paragraphs[0], paragraphs[1], paragraphs[3]].joined(separator: "\n\n"))
    let result = Anchoring.reanchored(a, in: AnchorText(article: cut))
    #expect(result.anchor == .orphaned)
    #expect(result.quote == a.quote)
    #expect(result.id == a.id)
  }

  @Test func rewrappedFileKeepsTheAnchorExact() {
    let a = annotate(m)
    // The same file hard-wrapped at 60 columns, as an editor would.
    func hardWrap(_ paragraph: String) -> String {
      var lines: [String] = []
      var line = ""
      for word in paragraph.split(separator: " ") {
        if !line.isEmpty && line.count + 1 + word.count > 60 {
          lines.append(line)
          line = ""
        }
        line += (line.isEmpty ? "" : " ") + word
      }
      lines.append(line)
      return lines.joined(separator: "\n")
    }
    let rewrapped = original.components(separatedBy: "\n\n").map(hardWrap).joined(separator: "\n\n")
    #expect(
      rewrapped.contains("\nthe committee") || rewrapped.contains("committee\n")
        || rewrapped.split(separator: "\n").count > 6)
    let article = Article(path: "a.txt", string: rewrapped)
    let result = Anchoring.anchor(a, in: AnchorText(article: article))
    #expect(result == .init(range: m.range, state: .exact))
  }

  @Test func repeatedQuotePrefersMatchingContext() {
    let text = "Alpha says yes indeed here. Beta says yes indeed there. Gamma says yes indeed again."
    let m2 = marked(text.replacingOccurrences(of: "Beta says yes indeed", with: "Beta says ⏩yes indeed⏪"))
    let a = annotate(m2)
    let edited = Article(path: "a.txt", string: "Intro. " + text)
    let moved = Anchoring.reanchored(a, in: AnchorText(article: edited))
    #expect(moved.start == m2.range.lowerBound + 7)
  }

  @Test func approximateSearchAgreesWithDynamicProgramming() {
    var rng = SystemRandomNumberGenerator()
    let alphabet: [UInt32] = [97, 98, 99, 100]
    for _ in 0..<200 {
      let text = (0..<Int.random(in: 20...150, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let pattern = (0..<Int.random(in: 1...90, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let k = Int.random(in: 0...8, using: &rng)
      // Reference: best edit distance of pattern against any substring ending at each position.
      var column = Array(0...pattern.count)
      var expectedEnds: [Int: Int] = [:]
      for (j, c) in text.enumerated() {
        var next = [0] + [Int](repeating: 0, count: pattern.count)
        for i in 1...pattern.count {
          next[i] = min(column[i] + 1, next[i - 1] + 1, column[i - 1] + (pattern[i - 1] == c ? 0 : 1))
        }
        column = next
        if column[pattern.count] <= k { expectedEnds[j + 1] = column[pattern.count] }
      }
      let found = Anchoring.approximateMatches(of: pattern, in: text, maxErrors: k)
      for match in found {
        #expect(expectedEnds[match.range.upperBound] == match.errors, "end \(match.range.upperBound)")
        let distance = Anchoring.editDistance(Array(text[match.range]), pattern)
        #expect(distance == match.errors, "start recovered for \(match)")
      }
      #expect(found.isEmpty == expectedEnds.isEmpty)
    }
  }
}

@Suite struct AnchoringMechanicsTests {
  @Test func scalarEditDistanceAgreesWithTheTextbookProgramme() {
    var rng = SystemRandomNumberGenerator()
    let alphabet: [UInt32] = [97, 98, 99, 0x4E2D, 0x1F600]
    for _ in 0..<500 {
      let a = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      var b = a
      for _ in 0..<Int.random(in: 0...6, using: &rng) {
        let c = alphabet.randomElement(using: &rng)!
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: b.insert(c, at: Int.random(in: 0...b.count, using: &rng))
        case 1: if !b.isEmpty { b.remove(at: Int.random(in: 0..<b.count, using: &rng)) }
        default: if !b.isEmpty { b[Int.random(in: 0..<b.count, using: &rng)] = c }
        }
      }
      #expect(EditDistance.scalars(a, b) == EditDistance.levenshtein(a, b), "\(a) \(b)")
    }
  }

  /// Pruned candidate scoring picks exactly what scoring every candidate picks.
  @Test func bestCandidateEqualsScoringEveryCandidate() {
    var rng = SystemRandomNumberGenerator()
    let words = ["yes", "no", "indeed", "says", "here", "there", "Alpha", "Beta"]
    for _ in 0..<60 {
      let text = AnchorText((0..<400).map { _ in words.randomElement(using: &rng)! }.joined(separator: " "))
      let quote = Array("says yes".unicodeScalars.map(\.value))
      let candidates = Anchoring.occurrences(of: quote, in: text.scalars).map {
        ($0, Int.random(in: 0...2, using: &rng))
      }
      guard !candidates.isEmpty else { continue }
      let start = candidates.randomElement(using: &rng)!.0.lowerBound
      var prefix = text.slice(max(0, start - 32)..<start)
      var suffix = text.slice((start + quote.count)..<(start + quote.count + 32))
      if Bool.random(using: &rng), !prefix.isEmpty { prefix[Int.random(in: 0..<prefix.count, using: &rng)] = 122 }
      if Bool.random(using: &rng), !suffix.isEmpty { suffix.removeLast() }
      let expected = Int.random(in: 0..<text.scalars.count, using: &rng)
      expectBestCandidateScoresLikeEveryCandidate(
        candidates, quote: quote, prefix: prefix, suffix: suffix, expected: expected, text: text)
    }
  }

  /// The gram index (which looks up the rarest of three grams) finds exactly what a plain
  /// scan finds, on a text with a tiny vocabulary where grams repeat a lot.
  @Test func indexedOccurrencesEqualAPlainScan() {
    var rng = SystemRandomNumberGenerator()
    let words = ["ab", "ba", "abc", " ", " ", "c"]
    let text = (0..<3000).map { _ in words.randomElement(using: &rng)! }.joined()
    let anchorText = AnchorText(text)
    for _ in 0..<300 {
      let start = Int.random(in: 0..<(anchorText.scalars.count - 40), using: &rng)
      let pattern = Array(anchorText.scalars[start..<(start + Int.random(in: 6...40, using: &rng))])
      #expect(anchorText.occurrences(of: pattern) == Anchoring.occurrences(of: pattern, in: anchorText.scalars))
    }
    let absent: [UInt32] = Array("zzzzzzzz".unicodeScalars.map(\.value))
    #expect(anchorText.occurrences(of: absent).isEmpty)
  }

  /// An import's path — the index prepared for every quote at once, the short quotes found in
  /// one pass — anchors quote-only annotations exactly as scanning the text for each quote
  /// does: random quotes of 1 to 60 scalars (many shorter than a gram), repeated quotes with
  /// their context or without it, quotes that are not in the text, on texts with a tiny
  /// vocabulary (grams and short words repeat thousands of times) and with CJK and emoji.
  @Test func preparedIndexAnchorsQuotesExactlyAsAScan() {
    var rng = SystemRandomNumberGenerator()
    let vocabularies = [
      ["ab", "ba", "abc", " ", " ", "c", "\n\n"],
      ["the", "of", "treaty", "“quoted”", "—", "naïve", "中文", "😀", "Baku’s", " ", " ", " "],
    ]
    for round in 0..<6 {
      let words = vocabularies[round % 2]
      let string = (0..<Int.random(in: 200...3000, using: &rng)).map { _ in words.randomElement(using: &rng)! }
        .joined()
      let scanning = AnchorText(scanning: string)
      let n = scanning.scalars.count
      var annotations: [Annotation] = []
      for i in 0..<120 {
        let start = Int.random(in: 0..<(n - 1), using: &rng)
        let length = i % 3 == 0 ? Int.random(in: 1...5, using: &rng) : Int.random(in: 1...60, using: &rng)
        var range = start..<min(n, start + length)
        if i % 7 == 6, let earlier = annotations.randomElement(using: &rng) {
          range = earlier.start..<earlier.end  // the same quote again
        }
        var a = Annotation(
          article: Article(path: "a.txt", string: string), range: range, now: Date(timeIntervalSince1970: 0))
        (a.start, a.end) = (-1, -1)  // quote only, as other tools export them
        if i % 5 == 0 { a.prefix = "" }
        if i % 11 == 0 { a.suffix = String(a.suffix.reversed()) }
        if i % 13 == 0 { a.quote += "zq" }  // not in the text: approximate, or orphaned
        annotations.append(a)
      }
      let prepared = AnchorText(string)
      prepared.prepare(quotes: annotations.map(\.quote))
      for a in annotations {
        #expect(Anchoring.reanchored(a, in: prepared) == Anchoring.reanchored(a, in: scanning), "\(a.quote)")
        let pattern = Array(a.quote.unicodeScalars.map(\.value))
        #expect(prepared.occurrences(of: pattern) == Anchoring.occurrences(of: pattern, in: prepared.scalars))
      }
      // A quote the preparation was not given is scanned for: the same again.
      let other = Array(prepared.scalars[0..<min(3, n)])
      #expect(prepared.occurrences(of: other) == Anchoring.occurrences(of: other, in: prepared.scalars))
    }
  }

  /// Texts longer than the lazy index's limit are indexed when prepared, and still agree.
  @Test func preparedIndexOfALongTextAgreesWithAScan() {
    var rng = SystemRandomNumberGenerator()
    let words = ["the", "of", "and", "treaty", "Baku’s", "中文", " ", " "]
    var pieces: [String] = []
    var count = 0
    while count <= GramIndex.maxTextLength {
      let word = words.randomElement(using: &rng)!
      pieces.append(word)
      count += word.unicodeScalars.count
    }
    let string = pieces.joined()
    let text = AnchorText(string)
    var patterns: [[UInt32]] = []
    for i in 0..<16 {
      let start = Int.random(in: 0..<(text.scalars.count - 100), using: &rng)
      patterns.append(Array(text.scalars[start..<(start + (i % 4 == 0 ? 3 : 12 + i))]))
    }
    text.prepare(quotes: patterns.map { p in String(String.UnicodeScalarView(p.map { Unicode.Scalar($0)! })) })
    for p in patterns {
      #expect(text.occurrences(of: p) == Anchoring.occurrences(of: p, in: text.scalars))
    }
  }

  /// The bag-distance bound prunes without changing the pick: a short quote with hundreds of
  /// candidates, the stored context exact at one of them, close at another, or nowhere.
  @Test func bestCandidateOfACommonWordEqualsScoringEveryCandidate() {
    var rng = SystemRandomNumberGenerator()
    let words = ["the", "of", "and", "to", "treaty", "naïve", "中文", "😀"]
    for _ in 0..<40 {
      let text = AnchorText((0..<2000).map { _ in words.randomElement(using: &rng)! }.joined(separator: " "))
      let quote = Array("the".unicodeScalars.map(\.value))
      let candidates = Anchoring.occurrences(of: quote, in: text.scalars).map { ($0, 0) }
      guard let chosen = candidates.randomElement(using: &rng) else { continue }
      let start = chosen.0.lowerBound
      var prefix = text.slice(max(0, start - 32)..<start)
      var suffix = text.slice((start + quote.count)..<(start + quote.count + 32))
      switch Int.random(in: 0..<3, using: &rng) {
      case 0: break
      case 1: if !prefix.isEmpty { prefix[Int.random(in: 0..<prefix.count, using: &rng)] = 122 }
      default: (prefix, suffix) = (suffix, prefix)
      }
      let expected = Bool.random(using: &rng) ? -1 : Int.random(in: 0..<text.scalars.count, using: &rng)
      expectBestCandidateScoresLikeEveryCandidate(
        candidates, quote: quote, prefix: prefix, suffix: suffix, expected: expected, text: text)
    }
  }

  /// The bag distance never exceeds the edit distance.
  @Test func bagDistanceIsALowerBoundOfTheEditDistance() {
    var rng = SystemRandomNumberGenerator()
    let alphabet: [UInt32] = [97, 98, 99, 32, 0x4E2D, 0x1F600, 0xE9, 225]
    for _ in 0..<2000 {
      let a = (0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let b = (0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      #expect(Anchoring.bagDistance(a[...], b) <= EditDistance.scalars(a, b))
    }
  }

  /// The bag distance is the larger of the multiset differences (here without classes: the
  /// alphabet's scalars fall in different ones).
  @Test func bagDistanceIsTheLargerMultisetDifference() {
    var rng = SeededRandom(seed: 5)
    let alphabet: [UInt32] = [97, 98, 99, 32, 0x4E2D, 0x1F600]
    var nonzero = 0
    for _ in 0..<2000 {
      let a = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let b = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      var counts: [UInt32: Int] = [:]
      for v in a { counts[v, default: 0] += 1 }
      for v in b { counts[v, default: 0] -= 1 }
      let more = counts.values.filter { $0 > 0 }.reduce(0, +)
      let fewer = -counts.values.filter { $0 < 0 }.reduce(0, +)
      #expect(Anchoring.bagDistance(a[...], b) == max(more, fewer), "\(a) \(b)")
      if max(more, fewer) > 0 { nonzero += 1 }
    }
    #expect(nonzero > 1500)
  }
}

/// `bestCandidate`, with its pruning, picks what scoring every candidate picks.
func expectBestCandidateScoresLikeEveryCandidate(
  _ candidates: [(Range<Int>, Int)], quote: [UInt32], prefix: [UInt32], suffix: [UInt32], expected: Int,
  text: AnchorText, sourceLocation: SourceLocation = #_sourceLocation
) {
  var reference: (range: Range<Int>, score: Double)?
  for c in candidates {
    let s = Anchoring.score(
      c.0, errors: c.1, quote: quote, prefix: prefix, suffix: suffix, expected: expected, text: text)
    if reference == nil || s > reference!.score { reference = (c.0, s) }
  }
  let best = Anchoring.bestCandidate(
    candidates.map { (range: $0.0, errors: $0.1) }, quote: quote, prefix: prefix, suffix: suffix,
    expected: expected, text: text)
  #expect(best.range == reference?.range && best.score == reference?.score, sourceLocation: sourceLocation)
}

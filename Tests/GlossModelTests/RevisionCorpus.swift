import Foundation

@testable import GlossModel

/// A regression corpus of revision pairs built from the repository's real articles
/// (`articles/`), deterministically (`SeededRandom`): each pair is an old revision, a new one
/// made from it by one kind of edit, and annotations placed on the old one whose right answer
/// in the new one is known from the construction (every scalar of the new text remembers where
/// it was in the old one, or that it is new).
enum RevisionCorpus {
  enum Edit: String, CaseIterable {
    case paragraphInserted, sentenceRewritten, passageDeleted, passageDuplicated, listReordered
    case wordsInserted30, wordsInserted50, typoFixes, whitespaceAndPunctuation
  }

  /// Where an old passage should be found in the new revision.
  enum Expected: Equatable {
    case at(Range<Int>)
    /// Every scalar of it is gone: orphaned is the right answer.
    case deleted
    /// Partly deleted or cut: not scored.
    case unclear
  }

  struct Placed {
    var annotation: Annotation
    var expected: Expected
    /// A random passage, or a hard one (short, repeated, in an edited or duplicated passage).
    var hard: Bool
  }

  struct Pair {
    var edit: Edit
    var old: String
    var new: String
    var placed: [Placed]
  }

  static var articles: [String] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("articles")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.sorted().compactMap { name in
      (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)).map {
        Article(path: name, string: $0).text
      }
    }
  }

  /// Every pair: each article, each kind of edit, `seeds` times.
  static func pairs(seeds: Int) -> [Pair] {
    let texts = articles
    var result: [Pair] = []
    for (a, text) in texts.enumerated() {
      let donor = texts[(a + 1) % texts.count]
      for edit in Edit.allCases {
        for seed in 0..<seeds {
          let kind = Edit.allCases.firstIndex(of: edit)!
          var random = SeededRandom(seed: UInt64(a * 10_000 + kind * 100 + seed))
          if let pair = make(edit, text: text, donor: donor, random: &random) { result.append(pair) }
        }
      }
    }
    return result
  }

  static func make(_ edit: Edit, text: String, donor: String, random: inout SeededRandom) -> Pair? {
    var old = text
    let donorParagraphs = Spans(donor).paragraphs.map { Spans(donor).string($0) }.filter { $0.count > 40 }
    let donorWords = donor.split(separator: " ").map(String.init).filter { $0.count > 2 && !$0.contains("\n") }
    // Revisions whose old text needs preparing first (a list, typos to fix).
    var typos: [(range: Range<Int>, fixed: String)] = []
    var list: Range<Int>?
    if edit == .listReordered {
      let s = Spans(old)
      guard let p = s.paragraphs.filter({ s.sentences(in: $0).count >= 4 }).randomElement(using: &random) else {
        return nil
      }
      let items = s.sentences(in: p).map { "- " + s.string($0) }
      var e = RevisionEditor(old)
      e.replace(p, with: items.joined(separator: "\n\n"))
      old = e.text
      list = p.lowerBound..<(p.lowerBound + items.joined(separator: "\n\n").unicodeScalars.count)
    }
    if edit == .typoFixes {
      let s = Spans(old)
      var e = RevisionEditor(old)
      let candidates = s.words.filter {
        $0.count >= 5 && s.string($0).unicodeScalars.allSatisfy(\.properties.isAlphabetic)
      }
      for w in candidates.shuffled(using: &random).prefix(10) {
        let i = w.lowerBound + 1 + Int.random(in: 0..<(w.count - 3), using: &random)
        let pair = Array(e.scalars[i..<(i + 2)])
        guard pair[0] != pair[1] else { continue }
        e.replace(i..<(i + 2), with: scalarString([pair[1], pair[0]]))
        typos.append((i..<(i + 2), scalarString(pair)))
      }
      old = e.text
    }
    let s = Spans(old)
    guard s.paragraphs.count >= 4 else { return nil }
    var e = RevisionEditor(old)
    var focus: [Range<Int>] = []  // old ranges the hard annotations go in or near
    var exact: [Range<Int>] = []  // old ranges annotated exactly (the quote with words inserted)
    switch edit {
    case .paragraphInserted:
      let p = s.paragraphs[Int.random(in: 1..<s.paragraphs.count, using: &random)]
      e.replace(p.lowerBound..<p.lowerBound, with: donorParagraphs.randomElement(using: &random)! + "\n\n")
      focus.append(max(0, p.lowerBound - 150)..<min(s.count, p.lowerBound + 150))
    case .sentenceRewritten:
      let p = s.paragraphs.filter { s.sentences(in: $0).count >= 2 }.randomElement(using: &random) ?? s.paragraphs[0]
      let sentence = s.sentences(in: p).randomElement(using: &random)!
      let words = s.words.filter { sentence.contains($0.lowerBound) }
      for w in words.reversed() where Bool.random(using: &random) {
        e.replace(w, with: donorWords.randomElement(using: &random)!)
      }
      focus.append(sentence)
    case .passageDeleted:
      let once = s.paragraphs.filter { p in s.paragraphs.filter { s.string($0) == s.string(p) }.count == 1 }
      guard let p = once.dropFirst().randomElement(using: &random) else { return nil }
      e.replace(p.lowerBound..<min(s.count, p.upperBound + 2), with: "")
      focus.append(p)
    case .passageDuplicated:
      let i = Int.random(in: 1..<s.paragraphs.count, using: &random)
      let p = s.paragraphs[i]
      let at = s.paragraphs[Int.random(in: 0..<i, using: &random)].lowerBound
      e.replace(at..<at, with: s.string(p) + "\n\n")
      focus.append(p)
    case .listReordered:
      let items = s.paragraphs.filter { list!.contains($0.lowerBound) }
      var order = Array(items.indices)
      while order == Array(items.indices) { order.shuffle(using: &random) }
      var scalars: [Unicode.Scalar] = []
      var origin: [Int?] = []
      for (n, k) in order.enumerated() {
        if n > 0 {
          scalars += "\n\n".unicodeScalars
          origin += [nil, nil]
        }
        scalars += e.scalars[items[k]]
        origin += items[k].map { $0 as Int? }
      }
      e.replace(items.first!.lowerBound..<items.last!.upperBound, scalars: scalars, origin: origin)
      focus.append(list!)
    case .wordsInserted30, .wordsInserted50:
      let fraction = edit == .wordsInserted30 ? 0.3 : 0.5
      let p = s.paragraphs.filter { s.words(in: $0).count >= 20 }.randomElement(using: &random) ?? s.paragraphs[0]
      let words = s.words(in: p)
      let n = Int.random(in: 6...min(16, words.count - 1), using: &random)
      let first = Int.random(in: 0...(words.count - n), using: &random)
      let quote = words[first].lowerBound..<words[first + n - 1].upperBound
      // Single words at the gaps between the quote's words, up to the fraction and no more.
      let gaps = words[(first + 1)..<(first + n)].map(\.lowerBound)
      var inserted = 0
      var additions: [(Int, String)] = []
      for _ in 0..<100 {
        let word = donorWords.randomElement(using: &random)! + " "
        if Double(inserted + word.unicodeScalars.count) > fraction * Double(quote.count) { continue }
        additions.append((gaps.randomElement(using: &random)!, word))
        inserted += word.unicodeScalars.count
      }
      for (gap, words) in additions.sorted(by: { $0.0 > $1.0 }) { e.replace(gap..<gap, with: words) }
      exact.append(quote)
      focus.append(quote)
    case .typoFixes:
      for t in typos.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) { e.replace(t.range, with: t.fixed) }
      focus += typos.map(\.range)
    case .whitespaceAndPunctuation:
      let endings: [Unicode.Scalar] = [",", ".", "’", "”", ";"]
      let marks = s.words.filter { endings.contains(s.scalars[$0.upperBound - 1]) }
      for w in marks.shuffled(using: &random).prefix(12).sorted(by: { $0.lowerBound > $1.lowerBound }) {
        let last = w.upperBound - 1
        switch e.scalars[last] {
        case ",": e.replace(last..<w.upperBound, with: "")
        case "’": e.replace(last..<w.upperBound, with: "'")
        case "”": e.replace(last..<w.upperBound, with: "\"")
        default: e.replace(last..<w.upperBound, with: ";")
        }
        focus.append(w)
      }
    }
    let new = e.text
    let article = Article(path: "a.txt", string: old)
    guard article.text == old, Article(path: "a.txt", string: new).text == new else { return nil }
    var placed: [Placed] = []
    func place(_ range: Range<Int>, hard: Bool) {
      precondition(!range.isEmpty, "the corpus places annotations on text, never on an empty range")
      placed.append(
        Placed(
          annotation: Annotation(article: article, range: range, now: Date(timeIntervalSince1970: 0)),
          expected: e.expected(range), hard: hard))
    }
    // Random passages: 1 to 25 words anywhere.
    for _ in 0..<12 {
      let n = Int.random(in: 1...25, using: &random)
      let first = Int.random(in: 0..<(s.words.count - n), using: &random)
      place(s.words[first].lowerBound..<s.words[first + n - 1].upperBound, hard: false)
    }
    // Hard ones: short quotes in or near the edit, repeated phrases, the exact edited quote.
    for r in exact where !r.isEmpty { place(r, hard: true) }
    let near = s.words.filter { w in focus.contains { $0.overlaps(max(0, w.lowerBound - 60)..<(w.upperBound + 60)) } }
    for _ in 0..<(near.isEmpty ? 0 : 6) {
      let w = near.randomElement(using: &random)!
      let i = s.words.firstIndex(of: w)!
      let n = Int.random(in: 1...min(4, s.words.count - i), using: &random)
      let r = w.lowerBound..<s.words[i + n - 1].upperBound
      if r.count < 40 { place(r, hard: true) }
    }
    let repeated = s.repeatedPhrases()
    for _ in 0..<(repeated.isEmpty ? 0 : 4) { place(repeated.randomElement(using: &random)!, hard: true) }
    return Pair(edit: edit, old: old, new: new, placed: placed)
  }
}

/// A text being edited: each scalar remembers its offset in the old revision, or nil if new.
struct RevisionEditor {
  var scalars: [Unicode.Scalar]
  var origin: [Int?]

  init(_ text: String) {
    scalars = Array(text.unicodeScalars)
    origin = Array(0..<scalars.count)
  }

  mutating func replace(_ range: Range<Int>, with text: String) {
    let new = Array(text.unicodeScalars)
    replace(range, scalars: new, origin: Array(repeating: nil, count: new.count))
  }

  mutating func replace(_ range: Range<Int>, scalars new: [Unicode.Scalar], origin from: [Int?]) {
    scalars.replaceSubrange(range, with: new)
    origin.replaceSubrange(range, with: from)
  }

  var text: String { scalarString(scalars) }

  /// Where an old passage is now: both ends still there, in order, with nothing between them
  /// from outside it and at most half as much again inserted; gone entirely; or neither.
  func expected(_ old: Range<Int>) -> RevisionCorpus.Expected {
    guard let first = origin.firstIndex(of: old.lowerBound), let last = origin.firstIndex(of: old.upperBound - 1),
      first <= last
    else {
      return origin.contains(where: { $0.map(old.contains) ?? false }) ? .unclear : .deleted
    }
    var previous = old.lowerBound - 1
    var inserted = 0
    for o in origin[first...last] {
      guard let o else {
        inserted += 1
        continue
      }
      guard old.contains(o), o > previous else { return .unclear }
      previous = o
    }
    return 2 * inserted <= old.count ? .at(first..<(last + 1)) : .unclear
  }
}

/// Paragraphs, sentences and words of a text, as scalar ranges.
struct Spans {
  let scalars: [Unicode.Scalar]
  var count: Int { scalars.count }

  init(_ text: String) { scalars = Array(text.unicodeScalars) }

  func string(_ r: Range<Int>) -> String { scalarString(scalars[r]) }

  var paragraphs: [Range<Int>] {
    var result: [Range<Int>] = []
    var start = 0
    var i = 0
    while i < count {
      if scalars[i] == "\n" && i + 1 < count && scalars[i + 1] == "\n" {
        if i > start { result.append(start..<i) }
        i += 2
        start = i
      } else {
        i += 1
      }
    }
    if start < count { result.append(start..<count) }
    return result
  }

  var words: [Range<Int>] { words(in: 0..<count) }

  func words(in range: Range<Int>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start: Int?
    for i in range {
      if TextScan.isWhitespace(scalars[i]) {
        if let s = start { result.append(s..<i) }
        start = nil
      } else if start == nil {
        start = i
      }
    }
    if let s = start { result.append(s..<range.upperBound) }
    return result
  }

  /// Sentences of a paragraph: split after ". ".
  func sentences(in p: Range<Int>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = p.lowerBound
    for i in p where i + 1 < p.upperBound && scalars[i] == "." && scalars[i + 1] == " " {
      result.append(start..<(i + 1))
      start = i + 2
    }
    if start < p.upperBound { result.append(start..<p.upperBound) }
    return result
  }

  /// Ranges of two- and three-word phrases that occur more than once.
  func repeatedPhrases() -> [Range<Int>] {
    let w = words
    var seen: [String: [Range<Int>]] = [:]
    for n in 2...3 where w.count > n {
      for i in 0..<(w.count - n) {
        let r = w[i].lowerBound..<w[i + n - 1].upperBound
        seen[string(r), default: []].append(r)
      }
    }
    return seen.values.filter { $0.count > 1 }.flatMap { $0 }.sorted { $0.lowerBound < $1.lowerBound }
  }
}

func scalarString(_ scalars: some Sequence<Unicode.Scalar>) -> String {
  var view = String.UnicodeScalarView()
  view.append(contentsOf: scalars)
  return String(view)
}

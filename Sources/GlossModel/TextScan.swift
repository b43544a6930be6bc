import CGlossText

/// The model's one text scanner and its one notion of whitespace.
///
/// - `isWhitespace` is Unicode's White_Space property. Every other notion is carved out of it:
///   `isLineSeparator` (line and paragraph ends), `isNoBreakSpace` (spaces that keep words
///   together), and `isBreakingSpace`, where the wrapper may break a line (whitespace that is
///   neither of those).
/// - `occurrences` finds exact scalar sequences (overlapping or not), `foldedOccurrences` the
///   same after `SearchFolding.fold` (through `FoldedText`, which maps folded offsets back), and `occurrences(ofWords:)` a phrase whose words may be
///   separated by any run of whitespace.
/// - `wordCount` counts words as a reader does: runs of non-whitespace, and every ideograph
///   or kana on its own (Chinese and Japanese are written without spaces).
public enum TextScan {
  // MARK: - Whitespace

  /// Unicode White_Space.
  @inlinable
  public static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x20, 0x09...0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
      return true
    default:
      return false
    }
  }

  /// Whitespace that ends a line: LF, VT, FF, CR, NEL, and the line and paragraph separators.
  @inlinable
  public static func isLineSeparator(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
    default: return false
    }
  }

  /// Whitespace that keeps its neighbours on one line: the no-break spaces (U+00A0, U+2007,
  /// U+202F), and the Ogham space mark, which is drawn as a stroke and so cannot vanish at a
  /// line end.
  @inlinable
  public static func isNoBreakSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0xA0, 0x1680, 0x2007, 0x202F: return true
    default: return false
    }
  }

  /// Where the wrapper may break a line (the space is dropped at the break).
  @inlinable
  public static func isBreakingSpace(_ s: Unicode.Scalar) -> Bool {
    // The common cases first: the wrapper asks this for every space it meets.
    if s.value == 0x20 || s.value == 0x09 { return true }
    if s.value < 0x80 { return false }
    return isWhitespace(s) && !isLineSeparator(s) && !isNoBreakSpace(s)
  }

  /// A grapheme cluster made only of whitespace (so "\r\n" is whitespace and " \u{301}", a
  /// space carrying an accent, is not).
  @inlinable
  public static func isWhitespace(_ c: Character) -> Bool {
    c.unicodeScalars.allSatisfy(isWhitespace)
  }

  /// A cluster of one breaking space.
  @inlinable
  public static func isBreakingSpace(_ c: Character) -> Bool {
    let scalars = c.unicodeScalars
    guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else { return false }
    return isBreakingSpace(first)
  }

  /// Whitespace that markup (HTML) collapses: the ASCII whitespace. A no-break space stays.
  @inlinable
  public static func isCollapsibleSpace(_ c: Character) -> Bool {
    c.unicodeScalars.allSatisfy { $0.isASCII && isWhitespace($0) }
  }

  /// A text without the whitespace at either end.
  public static func trimmed<S: StringProtocol>(_ s: S) -> S.SubSequence {
    let scalars = s.unicodeScalars
    var lo = scalars.startIndex
    var hi = scalars.endIndex
    while lo < hi && isWhitespace(scalars[lo]) { lo = scalars.index(after: lo) }
    while hi > lo && isWhitespace(scalars[scalars.index(before: hi)]) { hi = scalars.index(before: hi) }
    return s[lo..<hi]
  }

  // MARK: - Words

  /// Ideographs and kana: each one is a word.
  @inlinable
  public static func isIdeographOrKana(_ v: UInt32) -> Bool {
    switch v {
    case 0x3005...0x3007, 0x3021...0x3029, 0x3038...0x303B: return true  // 々〆〇, Hangzhou numerals
    case 0x3041...0x3096, 0x309D...0x309F, 0x30A1...0x30FA, 0x30FD...0x30FF, 0x31F0...0x31FF: return true  // kana
    case 0xFF66...0xFF9D: return true  // half-width katakana
    case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return true  // ideographs
    default: return false
    }
  }

  /// CJK punctuation (、。「」 and the full-width forms of ASCII punctuation): between words,
  /// never a word.
  @inlinable
  public static func isIdeographicPunctuation(_ v: UInt32) -> Bool {
    switch v {
    case 0x3001...0x3004, 0x3008...0x3020, 0x3030, 0x303D, 0x30FB: return true
    case 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65: return true
    default: return false
    }
  }

  /// Words in a text: runs of non-whitespace, and each ideograph or kana alone.
  /// Where `needle` first occurs in `text` at or after the UTF-8 offset `from`, byte for byte:
  /// glibc's memmem, without the Foundation `contains`/`range(of:)` that go through CFString (a
  /// reader-mode pass over a page's class names spent a quarter of its time there). A match of
  /// valid UTF-8 starts on a scalar.
  public static func byteOffset(of needle: String, in text: String, from: Int = 0) -> Int? {
    var text = text
    var needle = needle
    return text.withUTF8 { t in
      needle.withUTF8 { n in
        guard from >= 0, from <= t.count, let tb = t.baseAddress, let nb = n.baseAddress else {
          return n.isEmpty && from >= 0 && from <= t.count ? from : nil
        }
        let found = gloss_find_bytes(tb + from, t.count - from, nb, n.count)
        return found < 0 ? nil : from + found
      }
    }
  }

  /// Whether `needle` occurs in `text`, byte for byte (`byteOffset(of:in:)`).
  public static func containsBytes(_ text: String, _ needle: String) -> Bool {
    byteOffset(of: needle, in: text) != nil
  }

  public static func wordCount(_ text: some StringProtocol) -> Int {
    var counter = WordCounter()
    for s in text.unicodeScalars { counter.add(s) }
    return counter.words
  }

  /// A word count fed one scalar at a time (the article parser feeds it as it copies).
  public struct WordCounter: Sendable {
    public private(set) var words = 0
    var inWord = false
    public init() {}

    public mutating func add(_ s: Unicode.Scalar) {
      if s.value < 0x80 {
        addASCII(UInt8(s.value))
      } else if TextScan.isIdeographOrKana(s.value) {
        words += 1
        inWord = false
      } else if TextScan.isWhitespace(s) || TextScan.isIdeographicPunctuation(s.value) {
        inWord = false
      } else if !inWord {
        inWord = true
        words += 1
      }
    }

    public mutating func addASCII(_ b: UInt8) {
      if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
        inWord = false
      } else if !inWord {
        inWord = true
        words += 1
      }
    }

    /// A break between pieces joined by a space.
    public mutating func endWord() { inWord = false }
  }

  // MARK: - Occurrences

  /// Every exact occurrence of `pattern` in `text` (both as scalar values), in order. With
  /// `overlapping: false` the scan resumes after each match (what a search shows); with
  /// `true` every start is reported (what anchoring weighs).
  public static func occurrences(
    of pattern: [UInt32], in text: [UInt32], overlapping: Bool = true
  ) -> [Range<Int>] {
    let m = pattern.count
    guard m > 0, m <= text.count else { return [] }
    var result: [Range<Int>] = []
    text.withUnsafeBufferPointer { t in
      pattern.withUnsafeBufferPointer { p in
        let first = p[0]
        let last = t.count - m
        var i = 0
        while i <= last {
          if t[i] == first {
            var k = 1
            while k < m && t[i + k] == p[k] { k += 1 }
            if k == m {
              result.append(i..<(i + m))
              if !overlapping {
                i += m
                continue
              }
            }
          }
          i += 1
        }
      }
    }
    return result
  }

  /// Non-overlapping occurrences of `pattern` in `text`, both folded (`SearchFolding`): case,
  /// quotes, dashes, ellipses and spaces forgiven. Ranges are scalar offsets in `text`.
  public static func foldedOccurrences(of pattern: some StringProtocol, in text: some StringProtocol) -> [Range<Int>] {
    FoldedText(text).occurrences(of: FoldedText(pattern).scalars)
  }

  /// A text folded for matching (`SearchFolding.fold` on each scalar, `…` spelled `...`, and,
  /// when asked, every run of whitespace, line breaks included, made one space), with the way
  /// back from a folded offset to the text's own.
  public struct FoldedText: Sendable {
    public private(set) var scalars: [UInt32] = []
    /// The text offset of each folded scalar, and the text's length at the end; nil while
    /// folding keeps one scalar for one (the common case costs no map).
    private var origin: [Int]?
    private var length = 0

    public init(_ text: some StringProtocol, collapsingWhitespace: Bool = false) {
      self.init(scalars: text.unicodeScalars.lazy.map(\.value), collapsingWhitespace: collapsingWhitespace)
    }

    public init(scalars text: some Sequence<UInt32>, collapsingWhitespace: Bool = false) {
      scalars.reserveCapacity(text.underestimatedCount)
      var inSpace = false
      var i = 0
      for v in text {
        defer { i += 1 }
        if collapsingWhitespace, let s = Unicode.Scalar(v), TextScan.isWhitespace(s) {
          if inSpace {
            startMap()
            continue
          }
          inSpace = true
          append(0x20, from: i)
          continue
        }
        inSpace = false
        if v == 0x2026 {  // … → ...
          startMap()
          for _ in 0..<3 { append(0x2E, from: i) }
        } else {
          append(SearchFolding.fold(v), from: i)
        }
      }
      length = i
    }

    /// From here on folding is not one scalar for one: keep the map.
    private mutating func startMap() {
      if origin == nil { origin = Array(0..<scalars.count) }
    }

    private mutating func append(_ v: UInt32, from i: Int) {
      scalars.append(v)
      origin?.append(i)
    }

    /// The text's range for a folded range, or nil when an end falls inside what one text
    /// scalar became (the first dot of a `…`).
    public func textRange(_ r: Range<Int>) -> Range<Int>? {
      guard let origin else { return r }
      let startsPiece = r.lowerBound == 0 || origin[r.lowerBound - 1] != origin[r.lowerBound]
      let endsPiece = r.upperBound == origin.count || origin[r.upperBound - 1] != origin[r.upperBound]
      guard startsPiece && endsPiece else { return nil }
      let upper = r.upperBound == origin.count ? length : origin[r.upperBound - 1] + 1
      return origin[r.lowerBound]..<max(origin[r.lowerBound], upper)
    }

    /// Non-overlapping occurrences of a folded pattern, as ranges of the text.
    public func occurrences(of pattern: [UInt32]) -> [Range<Int>] {
      TextScan.occurrences(of: pattern, in: scalars, overlapping: false).compactMap(textRange)
    }
  }

  /// Non-overlapping occurrences of a phrase whose words may be separated by any run of
  /// whitespace in `text` (a quote typed by a person; line breaks between paragraphs count).
  public static func occurrences(ofWords phrase: String, in text: [UInt32]) -> [Range<Int>] {
    let words = phrase.unicodeScalars.split(whereSeparator: isWhitespace).map { $0.map(\.value) }
    guard let first = words.first else { return [] }
    func isSpace(_ v: UInt32) -> Bool { Unicode.Scalar(v).map(isWhitespace) ?? false }
    var result: [Range<Int>] = []
    for candidate in occurrences(of: first, in: text) where candidate.lowerBound >= (result.last?.upperBound ?? 0) {
      var j = candidate.upperBound
      var matched = true
      for word in words.dropFirst() {
        var k = j
        while k < text.count && isSpace(text[k]) { k += 1 }
        if k == j || k + word.count > text.count || !text[k..<(k + word.count)].elementsEqual(word) {
          matched = false
          break
        }
        j = k + word.count
      }
      if matched { result.append(candidate.lowerBound..<j) }
    }
    return result
  }

  // MARK: - UTF-8

  /// The scalar that starts at byte `i` of valid UTF-8, and its length in bytes.
  @usableFromInline
  static func scalar(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
    let b = UInt32(buf[i])
    let (length, lead): (Int, UInt32) =
      b < 0x80 ? (1, b) : b < 0xE0 ? (2, b & 0x1F) : b < 0xF0 ? (3, b & 0x0F) : (4, b & 0x07)
    var v = lead
    for k in 1..<length where i + k < buf.count { v = v << 6 | UInt32(buf[i + k] & 0x3F) }
    return (Unicode.Scalar(v) ?? "\u{FFFD}", length)
  }

  /// The scalar that ends just before byte `end`, and its length in bytes.
  @usableFromInline
  static func scalar(_ buf: UnsafeBufferPointer<UInt8>, before end: Int) -> (Unicode.Scalar, Int) {
    var start = end - 1
    while start > 0 && buf[start] & 0xC0 == 0x80 { start -= 1 }
    return (scalar(buf, at: start).0, end - start)
  }

  /// The byte offset `count` scalars after byte `from` in valid UTF-8 (eight bytes a step:
  /// a 20 MB paragraph is crossed in milliseconds).
  static func byteOffset(advancing count: Int, from: Int, in buf: UnsafeBufferPointer<UInt8>) -> Int {
    var i = from
    var left = count
    let raw = UnsafeRawPointer(buf.baseAddress!)
    while left >= 8 && i + 8 <= buf.count {
      let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      // Continuation bytes are 10xxxxxx: the high bit set, the next one clear.
      let continuations = (x & ~(x << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
      let scalars = 8 - continuations
      // A scalar may straddle the step: count only whole steps that stay within `left`.
      guard scalars <= left else { break }
      left -= scalars
      i += 8
    }
    // Finish scalar by scalar (landing on a lead byte).
    while i < buf.count && buf[i] & 0xC0 == 0x80 { i += 1 }
    while left > 0 && i < buf.count {
      i += 1
      while i < buf.count && buf[i] & 0xC0 == 0x80 { i += 1 }
      left -= 1
    }
    return i
  }
}

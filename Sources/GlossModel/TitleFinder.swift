/// Finds the headline a reader would name among the first paragraphs of a scraped page.
///
/// Scraped articles start with cruft: site navigation ("Politics Foreign Affairs Culture
/// Fellows Program"), social links ("Follow us on social"), image file names
/// ("Shutterstock_2078001310-scaled"), section labels ("Analysis | Europe") and image captions
/// that appear twice. The headline is the first short line above the body that is none of
/// these. When there is none, the title is the first words of the body, marked with an
/// ellipsis when cut, or the file name for an empty article.
enum TitleFinder {
  static let boilerplate = [
    "follow us", "subscribe", "sign up", "sign in", "log in", "login", "newsletter",
    "advertisement", "share this", "share on", "skip to", "cookie", "menu", "read more",
    "keep reading", "all rights reserved", "photo credit", "image credit", "image:", "credit:",
    "getty images", "shutterstock", "reuters/", "click here", "print this", "email this",
  ]
  static let minorWords: Set<String> = [
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for",
    "with", "from", "as", "is", "are", "was", "be", "not", "its", "it", "vs", "vs.", "into",
  ]

  static func find(text: String, paragraphs: [Paragraph], path: String) -> (
    title: String, paragraph: Int?
  ) {
    var firstBody: Int?
    let limit = min(paragraphs.count, 15)
    for index in 0..<limit {
      let s = text[paragraphs[index].indices]
      let count = paragraphs[index].scalars.count
      let previous = index > 0 ? text[paragraphs[index - 1].indices] : nil
      let next = index + 1 < paragraphs.count ? text[paragraphs[index + 1].indices] : nil
      let isCaption = s == previous || s == next
      if count > 200 {
        // The body has begun: no headline comes after body text.
        if firstBody == nil { firstBody = index }
        break
      }
      if isCaption || isCruft(s) { continue }
      if isHeadline(s) { return (clean(s), index) }
      if firstBody == nil && count >= 40 && !isNavigation(s) { firstBody = index }
    }
    if let body = firstBody ?? firstNonCruft(text: text, paragraphs: paragraphs) {
      // The first few hundred characters are enough (a paragraph may be a 50 MB line).
      return (firstWords(text[paragraphs[body].indices].prefix(400)), nil)
    }
    return (fileStem(path), nil)
  }

  static func firstNonCruft(text: String, paragraphs: [Paragraph]) -> Int? {
    paragraphs.indices.first { !isCruft(text[paragraphs[$0].indices]) }
  }

  static func isHeadline(_ s: Substring) -> Bool {
    let words = s.split(whereSeparator: { $0 == " " || $0 == "\t" })
    let width = DisplayWidth.of(s)
    // Scripts written without spaces (Chinese, Japanese) make one long "word".
    let unspaced = words.count == 1 && width >= 8 && width > s.count
    guard width >= 8, s.unicodeScalars.count <= 160 else { return false }
    guard words.count >= 2 || unspaced, words.count <= 26 else { return false }
    if let last = s.last, ".:;,".contains(last) { return false }
    let text = String(s)
    if s.utf8.contains(UInt8(ascii: "|")) || TextScan.containsBytes(text, "http://")
      || TextScan.containsBytes(text, "https://")
    {
      return false
    }
    if isNavigation(s) { return false }
    return true
  }

  /// Lines a reader never calls a headline: social links, credits, file names.
  static func isCruft(_ s: Substring) -> Bool {
    // Only short lines are cruft by phrase; long ones are body text that mentions it.
    if s.unicodeScalars.count < 90 {
      let lower = s.lowercased()
      if boilerplate.contains(where: { TextScan.containsBytes(lower, $0) }) { return true }
    }
    let words = s.split(separator: " ")
    if words.count == 1 && (s.contains("_") || s.contains(".") || s.rangeOfCharacterDigit) {
      return true
    }
    return false
  }

  /// A run of capitalised words with no small words and no punctuation: a menu bar.
  static func isNavigation(_ s: Substring) -> Bool {
    let words = s.split(separator: " ")
    guard words.count >= 3 else { return false }
    for word in words {
      if minorWords.contains(word.lowercased()) { return false }
      guard let first = word.first, first.isUppercase else { return false }
      if word.contains(where: { $0.isPunctuation && $0 != "&" && $0 != "-" }) { return false }
    }
    return true
  }

  static func clean(_ s: Substring) -> String {
    String(s).trimmingSpaces
  }

  /// The first sentence when short, else the first words up to about 60 columns and "…".
  static func firstWords(_ s: Substring) -> String {
    let sentenceEnd = s.firstIndex(where: { $0 == "." || $0 == "?" || $0 == "!" })
    if let end = sentenceEnd {
      let sentence = s[s.startIndex..<end]
      if sentence.unicodeScalars.count <= 90 && sentence.split(separator: " ").count >= 3 {
        return String(sentence).trimmingSpaces
      }
    }
    if s.unicodeScalars.count <= 60 { return String(s).trimmingSpaces }
    var result = ""
    for word in s.split(separator: " ") {
      if !result.isEmpty && DisplayWidth.of(result) + 1 + DisplayWidth.of(word) > 60 { break }
      if !result.isEmpty { result += " " }
      result += word
      if DisplayWidth.of(result) > 60 { break }
    }
    while let last = result.last, ",;:–—-".contains(last) { result.removeLast() }
    return result + "…"
  }

  static func fileStem(_ path: String) -> String {
    let name = PathName.stem(path)
    return name.isEmpty ? "Untitled" : name
  }
}

extension Substring {
  fileprivate var rangeOfCharacterDigit: Bool { contains(where: { $0.isNumber }) }
}

extension String {
  var trimmingSpaces: String {
    String(TextScan.trimmed(self))
  }
}

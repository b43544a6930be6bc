/// Finds a quote typed by a person in an article, allowing whitespace differences: any run
/// of whitespace in the quote matches any run of whitespace (including line breaks between
/// paragraphs) in the text.
public enum QuoteFinder {
  public static func occurrences(of quote: String, in text: AnchorText) -> [Range<Int>] {
    let words = quote.split(whereSeparator: { $0.isWhitespace }).map { Array($0.unicodeScalars.map(\.value)) }
    guard !words.isEmpty else { return [] }
    let t = text.scalars
    func isSpace(_ v: UInt32) -> Bool {
      v == 0x20 || v == 0x0A || v == 0x09 || v == 0x0D || v == 0xA0 || v == 0x3000 || (0x2000...0x200A).contains(v)
    }
    var result: [Range<Int>] = []
    var i = 0
    let first = words[0]
    while i + first.count <= t.count {
      if t[i] == first[0], t[i..<(i + first.count)].elementsEqual(first), i == 0 || !(result.last?.contains(i) ?? false) {
        var j = i + first.count
        var ok = true
        for word in words.dropFirst() {
          var k = j
          while k < t.count && isSpace(t[k]) { k += 1 }
          if k == j || k + word.count > t.count || !t[k..<(k + word.count)].elementsEqual(word) {
            ok = false
            break
          }
          j = k + word.count
        }
        if ok {
          result.append(i..<j)
          i = j
          continue
        }
      }
      i += 1
    }
    return result
  }
}

import Foundation
import GlossModel
import Testing

@testable import GlossStore

@Suite struct QuoteOnlyImportTests {
  /// A W3C annotation with only a TextQuoteSelector.
  func item(_ quote: String, prefix: String, suffix: String, id: UUID) -> [String: Any] {
    [
      "id": "urn:uuid:\(id.uuidString.lowercased())", "type": "Annotation", "created": "2026-01-02T03:04:05.5+01:00",
      "target": [
        "source": "a.txt",
        "selector": [["type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": suffix]],
      ],
    ]
  }

  /// Many quotes at once go through one prepared index of the article; one at a time, each
  /// is looked for on its own. Both store the same anchors, quotes, contexts and dates.
  @Test func aBatchImportAnchorsAsImportingOneByOne() throws {
    var rng = SystemRandomNumberGenerator()
    let words = ["the", "of", "treaty", "“quoted”", "—", "naïve", "中文", "😀", "Baku’s", "a"]
    let text = (0..<1500).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ")
    let article = Article(path: "a.txt", string: text)
    let scalars = Array(article.text.unicodeScalars)
    func slice(_ lo: Int, _ hi: Int) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[max(0, lo)..<min(scalars.count, hi)])
      return String(view)
    }
    var items: [[String: Any]] = []
    for i in 0..<60 {
      let start = Int.random(in: 0..<(scalars.count - 80), using: &rng)
      let end = start + (i % 3 == 0 ? Int.random(in: 1...5, using: &rng) : Int.random(in: 6...70, using: &rng))
      var quote = slice(start, end)
      if i % 10 == 9 { quote += "zq" }
      items.append(item(quote, prefix: slice(start - 32, start), suffix: slice(end, end + 32), id: UUID()))
    }
    #expect(items.count >= Interchange.preparedIndexThreshold)
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-quote-only-\(UUID())")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let batch = try AnnotationStore(url: root.appendingPathComponent("batch.json"))
    let data = try JSONSerialization.data(withJSONObject: ["type": "AnnotationCollection", "items": items])
    let report = try Interchange.merge(
      try Interchange.read(data, file: "w3c.json", library: root), into: batch, articles: ["a.txt": article])
    #expect(report.added == 60)
    let single = try AnnotationStore(url: root.appendingPathComponent("single.json"))
    for one in items {
      let data = try JSONSerialization.data(withJSONObject: ["type": "AnnotationCollection", "items": [one]])
      _ = try Interchange.merge(
        try Interchange.read(data, file: "w3c.json", library: root), into: single, articles: ["a.txt": article])
    }
    func key(_ a: Annotation) -> [String] {
      [a.id.uuidString, a.quote, a.prefix, a.suffix, "\(a.start)", "\(a.end)", a.anchor.rawValue, "\(a.created)"]
    }
    #expect(
      batch.all.map(key).sorted { $0.lexicographicallyPrecedes($1) }
        == single.all.map(key).sorted { $0.lexicographicallyPrecedes($1) })
    #expect(batch.all.allSatisfy { $0.created == Date(timeIntervalSince1970: 1_767_319_445.5) })
  }

  /// The byte-level look for characters to escape agrees with the escaping itself, for every
  /// BMP scalar and some astral ones, alone and inside text.
  @Test func escapePreCheckAgreesWithTheEscaping() {
    var values = Array(0..<0xD800) + Array(0xE000..<0x10000)
    values += [0x1F600, 0x20000, 0x10FFFF]
    for v in values {
      let s = String(Unicode.Scalar(UInt32(v))!)
      for text in [s, "a“\(s)”—b"] {
        let escaped = StoreJSON.escapingControls(Data(text.utf8)) != Data(text.utf8)
        #expect(Interchange.mayNeedEscapes(text) == escaped, "U+\(String(v, radix: 16))")
      }
    }
  }
}

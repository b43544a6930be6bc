import Foundation
import GlossFormats
import GlossModel
import GlossStore
import GlossTUI

/// What the libFuzzer targets in `fuzz/` run on each input, and what the test suite's smoke
/// run feeds a fixed corpus. Each must return normally for any bytes: no trap, no hang. Each
/// also returns what it checked, so that the smoke run can assert it exercised something.
public enum FuzzEntryPoints {
  /// Plain text, Markdown and HTML parsing, then layout, navigation and rendering. Returns the
  /// number of screen cells drawn that a terminal would act on (control characters, bidi
  /// overrides): always 0 when the grid is safe.
  @discardableResult
  public static func article(_ data: Data) -> (lines: Int, unsafeCells: Int) {
    var lines = 0
    var unsafe = 0
    for path in ["a.txt", "a.md", "a.html"] {
      let article = Library.parse(path: path, data: data)
      let layout = ArticleLayout(article: article, width: 37)
      var position = LayoutPosition.top
      for _ in 0..<60 {
        if layout.line(at: position) != nil { lines += 1 }
        let next = layout.advance(position, by: 1)
        if next == position { break }
        position = next
      }
      _ = layout.bottomTop(height: 20)
      let nav = TextNavigation(article: article)
      if article.scalarCount > 0 {
        let offset = Int(data.first ?? 0) % max(1, article.scalarCount)
        _ = nav.sentence(at: offset)
        _ = nav.nextWord(after: offset)
        _ = nav.word(at: offset)
      }
      var state = AppState(libraryPath: "/l", entries: [], size: Size(width: 80, height: 20))
      _ = state.update(.articleOpened(article, entryIndex: 0, offset: nil, cursor: nil), at: Date())
      for cell in render(state).cells {
        let bad = cell.text.unicodeScalars.contains {
          $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) || (0x202A...0x202E).contains($0.value)
            || (0x2066...0x2069).contains($0.value)
        }
        if bad { unsafe += 1 }
      }
    }
    return (lines, unsafe)
  }

  /// The keymap.conf parser.
  public static func keymap(_ data: Data) {
    _ = try? Keymap.parse(String(decoding: data, as: UTF8.self), file: "fuzz.conf")
  }

  /// The annotation store loader (its fast reader and writer checked against JSONDecoder and
  /// JSONEncoder) and the import readers.
  public static func store(_ data: Data) {
    _ = try? AnnotationStore.validate(data)
    if let disagreement = AnnotationStore.fastPathDisagreement(data) {
      fatalError("\(disagreement): \(String(decoding: data.prefix(2000), as: UTF8.self))")
    }
    _ = try? Interchange.read(data, file: "fuzz.json", library: URL(fileURLWithPath: "/library"))
  }

  /// Anchoring: the first line is the quote, the rest the text.
  public static func anchoring(_ data: Data) {
    let text = String(decoding: data, as: UTF8.self)
    let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty else { return }
    let article = Article(path: "f.txt", string: String(parts[1]))
    let anchorText = AnchorText(article: article)
    let annotation = Annotation(
      article: "f.txt", start: Int(data.count % 97), end: Int(data.count % 97) + parts[0].unicodeScalars.count,
      quote: String(parts[0]), prefix: "", suffix: "", created: Date(timeIntervalSince1970: 0))
    _ = Anchoring.reanchored(annotation, in: anchorText)
    _ = QuoteFinder.occurrences(of: String(parts[0]), in: anchorText)
    _ = Anchoring.approximateMatches(
      of: annotation.quote.unicodeScalars.map(\.value), in: anchorText.scalars, maxErrors: 3)
  }
}

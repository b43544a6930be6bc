import Foundation
import GlossModel
import Testing

@testable import GlossStore

/// Annotations from other tools (FIRST-USER-FINDINGS W10): Hypothesis' API form, W3C shapes
/// beyond Gloss' own, HTML bodies, and orphans reported on every import.
@Suite struct ForeignImportTests {
  let library = URL(fileURLWithPath: "/library")
  let articles = ["essay.txt": interchangeArticle]

  func importing(_ json: String) throws -> (AnnotationStore, Interchange.ImportReport, URL) {
    let (store, root) = try freshStore()
    let incoming = try Interchange.read(Data(json.utf8), file: "in.json", library: library)
    return (store, try Interchange.merge(incoming, into: store, articles: articles), root)
  }

  @Test func hypothesisNotesAndTagsAreKept() throws {
    let json = """
      {"total": 1, "rows": [{"id": "abc123", "uri": "file:///library/essay.txt", "text": "my **note**",
        "tags": ["keep", "h"], "created": "2026-01-02T03:04:05.678+00:00",
        "target": [{"source": "file:///library/essay.txt", "selector": [
          {"type": "RangeSelector", "startContainer": "/p[1]", "startOffset": 0,
           "endContainer": "/p[1]", "endOffset": 9},
          {"type": "TextPositionSelector", "start": 40, "end": 55},
          {"type": "TextQuoteSelector", "exact": "talks about", "prefix": "paragraph ", "suffix": " “curly"}]}]}]}
      """
    let (store, report, root) = try importing(json)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(report.added == 1 && report.orphaned == 0)
    let a = try #require(store.all.first)
    #expect(a.note == "my **note**")
    #expect(a.tags == ["keep", "h"])
    #expect(AnchorText(article: interchangeArticle).string(a.range) == "talks about")
  }

  @Test func aQuoteRefiningAnXPathSelectorIsFound() throws {
    let json = """
      {"type": "Annotation",
       "body": {"type": "TextualBody", "value": "<b>html</b> body &amp; more", "format": "text/html"},
       "target": {"source": "essay.txt", "selector": {"type": "XPathSelector", "value": "/p[2]",
         "refinedBy": {"type": "TextQuoteSelector", "exact": "talks about"}}}}
      """
    let (store, report, root) = try importing(json)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(report.added == 1)
    let a = try #require(store.all.first)
    #expect(a.quote == "talks about")
    #expect(a.note == "html body & more")
  }

  @Test(arguments: [
    #"{"type": "Annotation", "target": "essay.txt#char=4,9"}"#,
    #"{"type": "Annotation", "target": {"source": "essay.txt", "#
      + #""selector": {"type": "TextPositionSelector", "start": 4, "end": 9}}}"#,
  ])
  func aPositionAloneTakesItsQuoteFromTheArticle(json: String) throws {
    let (store, report, root) = try importing(json)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(report.added == 1)
    let a = try #require(store.all.first)
    #expect(a.quote == AnchorText(article: interchangeArticle).string(4..<9))
    #expect(a.range == 4..<9 && a.anchor != .orphaned)
  }

  @Test func anOrphanIsReportedOnEveryImport() throws {
    let json = """
      [{"article": "essay.txt", "quote": "a passage that is nowhere in the essay"}]
      """
    let (store, first, root) = try importing(json)
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(first.orphaned == 1)
    let again = try Interchange.merge(
      Interchange.read(Data(json.utf8), file: "in.json", library: library), into: store, articles: articles)
    #expect(again.unchanged == 1 && again.orphaned == 1)
  }
}

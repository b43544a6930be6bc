import Foundation
import GlossModel
import Testing

@testable import GlossFormats

/// Everything written to the process's stderr (file descriptor 2) while `body` runs.
func capturingStandardError(_ body: () -> Void) throws -> String {
  let file = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-stderr-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: file) }
  let fd = open(file.path, O_CREAT | O_RDWR | O_TRUNC, 0o600)
  try #require(fd >= 0)
  fflush(nil)
  let saved = dup(2)
  dup2(fd, 2)
  body()
  fflush(nil)
  dup2(saved, 2)
  close(saved)
  close(fd)
  return try String(contentsOf: file, encoding: .utf8)
}

@Suite struct HTMLDepthTests {
  func nested(_ depth: Int) -> Data {
    let open = String(repeating: "<div>", count: depth)
    let close = String(repeating: "</div>", count: depth)
    return Data(
      "<html><body><article><p>Before</p>\(open)<p>Deep words</p>\(close)<p>After</p></article></body></html>".utf8)
  }

  @Test(arguments: [300, 10_000])
  func deeplyNestedPagesKeepEveryWord(depth: Int) {
    let a = HTMLReader.article(path: "deep.html", data: nested(depth))
    #expect(paragraphTexts(a) == ["Before", "Deep words", "After"])
    #expect(a.wordCount == 4)
  }

  @Test func aPageCutShortByBadBytesSaysSoAndPrintsNothing() throws {
    var page = Data("<html><head><meta charset=\"shift_jis\"></head><body><p>Before</p><p>".utf8)
    page.append(contentsOf: [0x82, 0xFF, 0xFF, 0x82])
    page.append(Data(" bad</p><p>After</p></body></html>".utf8))
    var article: Article?
    let printed = try capturingStandardError { article = HTMLReader.article(path: "sjis.html", data: page) }
    // Other tests print to stderr at the same time: look for libxml2's own reports.
    #expect(!printed.contains("conversion failed") && !printed.contains("encoder error"), "\(printed)")
    let texts = paragraphTexts(try #require(article))
    #expect(texts.first == "Before")
    #expect(texts.last == HTMLReader.truncationNotice(2))
  }

  @Test(arguments: [
    "<p>Plain words</p>",
    "<html><head><meta charset=\"x-nonsense\"></head><body><p>Plain words</p></body></html>",
    "<html><head><meta charset=\"utf-16\"></head><body><p>Plain words</p></body></html>",
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">"
      + "<html><body><p>Plain words</p><img src=\"http://example.com/x.png\"></body></html>",
  ])
  func anOrdinaryPageHasNoNotice(html: String) {
    let a = HTMLReader.article(path: "ok.html", data: Data(html.utf8))
    #expect(paragraphTexts(a) == ["Plain words"])
  }
}

import Foundation
import GlossFormats
import GlossModel
import GlossStore
import Testing

@testable import GlossTUI

let formattedMarkdown = """
  ---
  title: Field Notes
  author: A. Writer
  ---

  Intro with *emphasis*, **strong**, `code` and a [link](https://example.org).

  ## A Section

  > Quoted words here.

  1. first item that is long enough to wrap onto another line in a narrow pane
  2. second item

  ```
  code line that is far too long to fit in the reading column and has to be clipped at the edge
  ```

  ---

  ![chart of things](c.png)
  """

@Suite struct FormattedRenderTests {
  func harness(colors: Bool = true) -> Harness {
    Harness([Source(path: "notes.md", text: formattedMarkdown)], size: Size(width: 100, height: 30), colors: colors)
  }

  @Test func markdownElementsOnTheGrid() throws {
    let h = harness()
    try assertSnapshot(h.screen, named: "markdown-100x30")
    let grid = render(h.state)
    func cell(_ text: String, _ needle: String) -> Cell {
      let row = (0..<grid.height).first { grid.rowText($0).contains(text) }!
      let chars = Array(grid.rowText(row))
      let start = chars.indices.first { String(chars[$0..<min(chars.count, $0 + needle.count)]) == needle }!
      // Map the character index to the cell column (wide characters take two cells).
      var column = 0
      var seen = 0
      while seen < start {
        if !grid[column, row].isContinuation { seen += 1 }
        column += 1
      }
      while grid[column, row].isContinuation { column += 1 }
      return grid[column, row]
    }
    #expect(cell("Field Notes", "Field").style.bold, "title bold")
    #expect(grid.text.contains("A. Writer"), "byline under the title")
    #expect(cell("emphasis", "emphasis").style.italic)
    #expect(cell("strong", "strong").style.bold)
    #expect(cell("code and", "code").style.foreground == .cyan)
    #expect(cell("a link", "link").style.underline)
    #expect(!grid.text.contains("https://example.org"), "URLs are not listed under paragraphs")
    #expect(cell("a link", "¹").style.dim, "a dim number after the link")
    #expect(grid.text.contains("## A Section"))
    #expect(cell("A Section", "A Section").style.bold)
    #expect(grid.text.contains("▎ Quoted words here."))
    #expect(grid.text.contains("1. first item"))
    #expect(grid.text.contains("[image: chart of things]"))
    #expect(grid.text.contains("──────────"))
    let codeRow = (0..<grid.height).first { grid.rowText($0).contains("code line that") }!
    #expect(grid.rowText(codeRow).hasSuffix("→"), "clipped code is marked")
    #expect(!grid.text.contains("*emphasis*") && !grid.text.contains("title:"))
  }

  @Test func annotatingFormattedTextQuotesWhatTheReaderSaw() throws {
    let h = harness()
    h.keys("s", "h")
    let a = try #require(h.state.annotations.first)
    #expect(a.quote == "Intro with emphasis, strong, code and a link.")
    let markdown = MarkdownExport.render(
      .init(title: h.state.reader!.article.title, source: "notes.md", annotations: [a]), exported: nil)
    #expect(markdown.contains("> Intro with emphasis, strong, code and a link."))
    #expect(!markdown.contains("*emphasis*"))
  }
}

import Foundation
import GlossFormats
import GlossModel
import GlossStore
import Testing

@testable import GlossTUI

let tableMarkdown = """
  # Tables

  Read the [guide](https://example.com/guide) and the [setup](#setup) notes, ~~not this~~.

  | Name | Size | Notes |
  |:-----|-----:|:-----:|
  | alpha | 12 | first |
  | 中文 | 3 | 😀 wide |

  ## Setup

  Done.
  """

/// Tables, link numbers and strikethrough on the in-memory terminal.
@Suite struct TableRenderTests {
  func harness(_ size: Size = Size(width: 100, height: 30), text: String = tableMarkdown) -> Harness {
    Harness([Source(path: "t.md", text: text)], size: size, open: "t.md")
  }

  func row(_ grid: Grid, containing needle: String) throws -> Int {
    try #require((0..<grid.height).first { grid.rowText($0).contains(needle) }, "no row with \(needle)")
  }

  /// The screen column of the `n`th character of a row's text (wide characters take two).
  func column(_ grid: Grid, row: Int, of needle: String) throws -> Int {
    let chars = Array(grid.rowText(row))
    let start = try #require(
      chars.indices.first { String(chars[$0..<min(chars.count, $0 + needle.count)]) == needle }, "no \(needle)")
    var column = 0
    var seen = 0
    while seen < start || grid[column, row].isContinuation {
      if !grid[column, row].isContinuation { seen += 1 }
      column += 1
    }
    return column
  }

  @Test func aTableIsDrawnInAlignedColumnsWithABoldHeader() throws {
    let h = harness()
    let grid = render(h.state)
    let header = try row(grid, containing: "Name")
    #expect(grid.rowText(header).hasSuffix("Name  │ Size │  Notes"))
    #expect(grid.rowText(header + 1).hasSuffix("──────┼──────┼────────"))
    #expect(grid.rowText(header + 2).contains("alpha │   12 │  first"))
    #expect(grid.rowText(header + 3).contains("中文  │    3 │ 😀 wide"))
    #expect(grid[try column(grid, row: header, of: "Name"), header].style.bold)
    #expect(!grid[try column(grid, row: header + 2, of: "alpha"), header + 2].style.bold)
    #expect(grid[try column(grid, row: header + 2, of: "│"), header + 2].style.dim)
  }

  @Test func linksCarryADimNumberAndInternalLinksNone() throws {
    let h = harness()
    let grid = render(h.state)
    let y = try row(grid, containing: "Read the")
    #expect(grid.rowText(y).contains("Read the guide¹ and the setup notes, not this."))
    #expect(grid[try column(grid, row: y, of: "guide"), y].style.underline)
    #expect(grid[try column(grid, row: y, of: "¹"), y].style.dim)
    #expect(!grid[try column(grid, row: y, of: "¹"), y].style.underline)
    #expect(grid[try column(grid, row: y, of: "setup"), y].style.underline)
    #expect(grid[try column(grid, row: y, of: "not this"), y].style.dim, "strikethrough is dim")
    let reader = try #require(h.state.reader)
    let links = reader.layout.links(in: 0..<reader.article.scalarCount)
    #expect(links.map(\.number) == [1])
    #expect(links.map(\.url) == ["https://example.com/guide"])
    #expect(reader.article.text.contains("guide and"), "the number is no part of the text")
  }

  @Test func clickingInsideACellPutsTheCursorOnItsWord() throws {
    let h = harness()
    let grid = render(h.state)
    let y = try row(grid, containing: "alpha")
    h.send(.mouse(MouseEvent(kind: .press, x: try column(grid, row: y, of: "first") + 2, y: y)))
    #expect(h.cursorWord == "first")
    h.send(.mouse(MouseEvent(kind: .release, x: try column(grid, row: y, of: "first") + 4, y: y)))
    let cjk = try row(grid, containing: "中文")
    h.send(.mouse(MouseEvent(kind: .press, x: try column(grid, row: cjk, of: "wide"), y: cjk)))
    #expect(h.cursorWord == "wide")
  }

  @Test func aSelectionInsideACellIsDrawnOnTheCell() throws {
    let h = harness()
    var grid = render(h.state)
    let y = try row(grid, containing: "alpha")
    let x = try column(grid, row: y, of: "alpha")
    h.send(.mouse(MouseEvent(kind: .press, x: x + 1, y: y)))
    h.send(.mouse(MouseEvent(kind: .release, x: x + 3, y: y)))
    let selected = h.text(try #require(h.state.reader?.selection))
    #expect(selected == "lpha", "from the pressed letter to the end of the released word")
    grid = render(h.state)
    #expect(grid[x + 1, y].style == Theme(colors: true).selection)
    #expect(grid[x + 5, y].style != Theme(colors: true).selection, "padding is not selected")
  }

  @Test func hostileCellsAreShownInertAndStillAligned() throws {
    let hostile = "# H\n\n| a | b |\n|---|---|\n| x\u{1B}[2J | \u{202E}evil |\n| \u{9B}31m | ok |\n"
    let h = harness(text: hostile)
    let grid = h.terminal.lastFrame
    #expect(grid.isInert)
    let y = try row(grid, containing: "^[[2J")
    #expect(grid.rowText(y).hasSuffix("x^[[2J      │ <U+202E>evil"), "escapes take their shown width")
    #expect(grid.rowText(y + 1).hasSuffix("<U+009B>31m │ ok"))
  }

  @Test func aWideTableInANarrowPaneOrTinyTerminalNeverCrashes() {
    let wide =
      "# W\n\n| " + (1...30).map { "column \($0)" }.joined(separator: " | ") + " |\n|"
      + String(repeating: "---|", count: 30) + "\n| " + (1...30).map { "中文😀\($0) é́" }.joined(separator: " | ") + " |\n"
    let h = harness(text: wide)
    for (width, height) in [(1, 1), (2, 2), (10, 3), (20, 6), (29, 5), (30, 6), (40, 12), (100, 30)] {
      h.send(.resize(Size(width: width, height: height)))
      let grid = h.terminal.lastFrame
      #expect(grid.width == width && grid.height == height, "\(width)x\(height)")
      #expect(grid.isInert, "\(width)x\(height)")
    }
    h.keys("<Tab>")
    #expect(h.terminal.lastFrame.isInert)
    let grid = render(h.state)
    let y = (0..<grid.height).first { grid.rowText($0).contains("column 1 ") }
    #expect(y.map { grid.rowText($0).hasSuffix("→") || grid.rowText($0).contains("→") } ?? true)
  }
}

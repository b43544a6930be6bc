import GlossModel
import Testing

@testable import GlossTUI

@Suite struct RenderTests {
  @Test func splitScreenAt100x30() throws {
    let h = try Harness.bundled(open: "why-the-us-must-not-support-azerbaijans-war.txt")
    try assertSnapshot(h.screen, named: "split-100x30")
    let grid = render(h.state)
    // The headline is bold; the navigation line above it in the file is dimmed below it.
    let titleRow = (0..<grid.height).first { grid.rowText($0).contains("Why the U.S. Must Not Support") }!
    let titleX = grid.rowText(titleRow).distance(
      from: grid.rowText(titleRow).startIndex, to: grid.rowText(titleRow).range(of: "Why the U.S.")!.lowerBound)
    #expect(grid[titleX, titleRow].style.bold)
    #expect(titleRow == 0)
    let navRow = (0..<grid.height).first { grid.rowText($0).contains("Politics Foreign Affairs") }!
    #expect(navRow > titleRow)
  }

  @Test func narrowTerminalShowsOnePaneAndTabToggles() throws {
    let h = try Harness.bundled()
    h.send(.resize(Size(width: 60, height: 20)))
    try assertSnapshot(h.screen, named: "narrow-reader-60x20")
    #expect(!h.screen.contains("│"))
    h.keys("<Tab>")
    try assertSnapshot(h.screen, named: "narrow-list-60x20")
    #expect(h.screen.contains("Articles (5)"))
  }

  @Test func tooSmallShowsANoticeAndRecovers() throws {
    let h = try Harness.bundled()
    h.send(.resize(Size(width: 20, height: 5)))
    #expect(h.screen.contains("Terminal too small"))
    #expect(h.screen.contains("20x5, need 30x6"))
    h.send(.resize(Size(width: 100, height: 30)))
    #expect(h.screen.contains("Articles (5)"))
  }

  @Test(arguments: [(1, 1), (2, 1), (1, 3), (29, 6), (30, 6), (69, 10), (70, 10), (300, 100)])
  func everySizeRendersWithoutCrashing(width: Int, height: Int) throws {
    let h = try Harness.bundled()
    h.send(.resize(Size(width: width, height: height)))
    h.keys("G", "?", "j")
    // The frame the runner drew has the terminal's size, holds nothing a terminal would
    // act on, and shows either the help (it fits) or the notice asking for more room.
    let grid = h.terminal.lastFrame
    #expect(grid.width == width && grid.height == height)
    for cell in grid.cells {
      #expect(cell.text.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) })
    }
    if width < ScreenGeometry.minimumWidth || height < ScreenGeometry.minimumHeight {
      #expect(h.screen.contains(String("Terminal too small".prefix(width))))
    } else {
      #expect(h.screen.contains("Gloss keys"))
      #expect(h.terminal.statusLine.contains("HELP"))
    }
  }

  @Test func escapeSequencesInArticlesAreShownInert() {
    let hostile =
      "Innocent Looking Headline Here\n\nClear screen \u{1B}[2J and title \u{1B}]0;pwned\u{07} and CSI \u{9B}31m and \u{202E}reversed."
    let h = Harness(
      [Source(path: "evil\u{1B}[31m.txt", text: ""), Source(path: "evil.txt", text: hostile)], open: "evil.txt")
    let grid = render(h.state)
    for piece in ["Clear screen ^[[2J and title ^[]0;pwned^G", "CSI <U+009B>31m", "<U+202E>reversed.", "evil^[[31m"] {
      #expect(h.screen.contains(piece), "\(piece) not shown")
    }
    for cell in grid.cells {
      for scalar in cell.text.unicodeScalars {
        #expect(scalar.value >= 0x20 && !(0x7F..<0xA0).contains(scalar.value) && scalar.value != 0x202E)
      }
    }
    let row = (0..<grid.height).first { grid.rowText($0).contains("^[[2J") }!
    let x = Array(grid.rowText(row)).firstIndex(of: "^")!
    #expect(grid[h.state.geometry.textX + (x - h.state.geometry.textX), row].style == Theme(colors: true).escaped)
  }

  @Test func wideCharactersTakeTwoCellsWithContinuation() {
    let h = Harness([Source(path: "cjk.txt", text: "中文标题测试文章\n\n你好世界 😀 emoji and Հայերեն and فارسی text.")])
    let grid = render(h.state)
    let x = h.state.geometry.textX
    #expect(grid[x, 0].text == "中")
    #expect(grid[x + 1, 0].isContinuation)
    #expect(grid[x + 2, 0].text == "文")
  }

  @Test func searchMatchesAreHighlightedInColourOrReverse() {
    let article = Source(path: "m.txt", text: "Matches Everywhere Title\n\nfind me here, and find me there.")
    for colors in [true, false] {
      let h = Harness([article], colors: colors)
      h.keys("/")
      h.type("find")
      h.keys("<Enter>")
      let grid = render(h.state)
      let theme = Theme(colors: colors)
      let row = (0..<grid.height).first { grid.rowText($0).contains("find me here") }!
      let text = Array(grid.rowText(row))
      let first = text.firstIndex(of: "f")!
      let second = text.indices.filter { text[$0] == "f" }[1]
      #expect(grid[first, row].style == theme.currentMatch)
      #expect(grid[second, row].style == theme.match)
      if !colors {
        #expect(grid[second, row].style.foreground == .default && grid[second, row].style.background == .default)
        #expect(grid[second, row].style.reverse)
      }
    }
  }

  @Test func statusLineShowsTitlePercentAndMessages() throws {
    let h = Harness([longArticle()])
    #expect(h.screen.split(separator: "\n").last!.hasPrefix(" A Long Article About Many Things"))
    #expect(h.screen.hasSuffix("READ  0%"))
    h.keys("<Space>")
    #expect(h.screen.range(of: #"READ  \d+%$"#, options: .regularExpression) != nil)
    h.keys("Z")
    #expect(h.screen.contains("Z does nothing here"))
  }

  @Test func helpOverlayListsTheLiveKeys() throws {
    let h = Harness([longArticle()], keymap: try Keymap.parse("bind reader x top", file: "k"))
    h.keys("?")
    let screen = h.screen
    #expect(screen.contains("Gloss keys"))
    #expect(screen.contains("g <Home> <lt> x"))
    #expect(screen.contains("go to the top"))
  }
}

@Suite struct EmptyLibraryTests {
  @Test func emptyLibrarySaysWhatToDo() {
    let h = Harness([])
    #expect(h.state.focus == .list)
    let screen = h.screen
    #expect(screen.contains("No articles here."))
    #expect(screen.contains(h.runner.library.root.path))
    #expect(screen.contains("Nothing to read yet."))
  }
}

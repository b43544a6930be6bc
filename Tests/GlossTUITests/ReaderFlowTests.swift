import Foundation
import GlossModel
import Testing

@testable import GlossTUI

/// Reading sessions on the bundled library, through the real run loop on the in-memory
/// terminal (these were tmux tests of the binary).
@Suite struct ReaderFlowTests {
  @Test func opensTheBundledLibraryAndNavigates() throws {
    let h = try Harness.bundled()
    var screen = h.screen
    #expect(screen.contains("Articles (5)"))
    #expect(screen.contains("│"), "split screen at 100x30")
    #expect(h.terminal.statusLine.hasSuffix("READ  0%"))
    // The first article in the list is open; its first words are the title.
    #expect(h.state.reader?.article.path == Bundled.baku)
    #expect(h.readerPane.hasPrefix("As tensions subsided following weeks of saber-rattling"))
    #expect(h.state.focus == .reader)
    h.keys("<Space>")
    let percent = try #require(h.terminal.statusLine.firstMatch(of: /READ  (\d+)%$/)).1
    #expect(Int(percent).map { $0 > 0 && $0 < 100 } == true, "a page further: \(h.terminal.statusLine)")
    #expect(!h.readerPane.hasPrefix("As tensions subsided"))
    h.keys("G")
    #expect(h.terminal.statusLine.hasSuffix("READ  100%"))
    h.keys("g")
    #expect(h.terminal.statusLine.hasSuffix("READ  0%"))
    #expect(h.readerPane.hasPrefix("As tensions subsided following weeks of saber-rattling"))
    // Switch to the list, pick the last article, open it.
    h.keys("<Tab>")
    #expect(h.terminal.statusLine.hasSuffix("LIST  0%"))
    h.keys("G", "<Enter>")
    #expect(h.state.reader?.article.path == Bundled.whyTheUS)
    #expect(h.state.focus == .reader)
    screen = h.screen
    #expect(h.readerPane.contains("Why the U.S. Must Not Support Azerbaijan’s War"))
    #expect(h.readerPane.contains("Politics Foreign Affairs Culture Fellows Program"))
    #expect(h.terminal.statusLine.hasPrefix(" Why the U.S. Must Not Support Azerbaijan’s War"))
    h.keys("?")
    screen = h.screen
    #expect(screen.contains("Gloss keys"))
    #expect(screen.contains("scroll down a page"))
    #expect(h.terminal.statusLine.contains("HELP"))
    h.keys("q")
    #expect(!h.screen.contains("Gloss keys"), "q closes the help")
    #expect(!h.quit)
    let offset = try #require(h.state.currentPosition?.offset)
    h.keys("q")
    #expect(h.quit)
    #expect(h.savedPositions[Bundled.whyTheUS] == offset)
    #expect(h.savedPositions[Bundled.baku] == 0, "the article left for another was remembered too")
  }

  @Test func searchHighlightsMatchesAndNMoves() throws {
    let h = try Harness.bundled(open: Bundled.whyTheUS)
    let theme = Theme(colors: true)
    h.keys("/")
    h.type("Lyon")
    #expect(h.terminal.statusLine == "/Lyon")
    h.keys("<Enter>")
    let current = try #require(h.state.search?.current)
    #expect(h.text(current) == "Lyon")
    #expect(!h.terminal.statusLine.contains("/Lyon"), "the prompt is gone")
    // The current match is drawn in its own style (a cyan background).
    let lyon = try #require(h.terminal.lastFrame.cells(of: "Lyon"))
    #expect(lyon.allSatisfy { $0.style == theme.currentMatch })
    #expect(lyon.first?.style.background == .cyan)

    // n and N move between matches, each drawn current in turn; the others as matches.
    h.keys("/")
    h.type("azerbaijan")
    h.keys("<Enter>")
    let first = try #require(h.state.search?.current)
    #expect(h.text(first) == "Azerbaijan")
    h.keys("n")
    let second = try #require(h.state.search?.current)
    #expect(second.lowerBound > first.lowerBound)
    #expect(h.text(second) == "Azerbaijan")
    let grid = h.terminal.lastFrame
    let styles = grid.locate("Azerbaijan").map { grid[$0.x, $0.y].style }
    #expect(styles.filter { $0 == theme.currentMatch }.count == 1, "one current match on screen")
    #expect(styles.contains(theme.match), "the other matches on screen are marked too")
    h.keys("N")
    #expect(h.state.search?.current == first)

    h.keys("/")
    h.type("no such words anywhere")
    h.keys("<Enter>")
    #expect(h.state.message == "pattern not found: no such words anywhere")
    #expect(h.state.messageIsError)
    #expect(h.terminal.statusLine.contains("pattern not found: no such words anywhere"))
    h.keys("q")
    #expect(h.quit)
  }

  @Test func resizeRewrapsKeepsTheParagraphAndNarrowShowsOnePane() throws {
    let h = try Harness.bundled(open: Bundled.nagorno)
    #expect(h.readerPane.contains("The West has a moral responsibility"))
    for _ in 0..<12 { h.keys("j") }
    #expect(!h.terminal.statusLine.hasSuffix("READ  0%"), "scrolled")
    let before = try #require(h.state.reader)
    let topOffset = before.layout.scalarOffset(at: before.top)
    let paragraph = try #require(before.article.paragraphIndex(containing: topOffset))
    let topWords = try #require(
      h.readerPane.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    )
    .split(separator: " ").prefix(3).joined(separator: " ")
    h.send(.resize(Size(width: 60, height: 20)))
    var screen = h.screen
    #expect(h.terminal.lastFrame.width == 60 && h.terminal.lastFrame.height == 20)
    #expect(!screen.contains("│"), "one pane when narrow")
    #expect(h.terminal.statusLine.contains("READ"))
    // The paragraph that was at the top is still at the top, re-wrapped to the new width.
    let after = try #require(h.state.reader)
    #expect(after.layout.width == h.state.geometry.textWidth)
    #expect(after.article.paragraphIndex(containing: after.layout.scalarOffset(at: after.top)) == paragraph)
    #expect(screen.contains(topWords), "'\(topWords)' lost after resize:\n\(screen)")
    h.keys("<Tab>")
    screen = h.screen
    #expect(screen.contains("Articles (5)"))
    #expect(h.terminal.statusLine.contains("LIST"))
    #expect(!h.state.geometry.showsReader)
    #expect(!screen.contains(topWords), "only the list is shown")
    h.keys("<Tab>")
    #expect(h.terminal.statusLine.contains("READ"))
    h.send(.resize(Size(width: 20, height: 5)))
    #expect(h.screen.contains("Terminal too small"))
    h.send(.resize(Size(width: 100, height: 30)))
    screen = h.screen
    #expect(screen.contains("Articles (5)"))
    #expect(screen.contains("│"))
    #expect(
      h.state.reader.map { $0.article.paragraphIndex(containing: $0.layout.scalarOffset(at: $0.top)) } == paragraph)
    h.keys("q")
    #expect(h.quit)
  }

  @Test func readingPositionIsRememberedAcrossRuns() throws {
    let sources = try bundledSources()
    let first = Harness(sources, open: Bundled.stayAway)
    #expect(first.readerPane.contains("The US should stay away"))
    first.keys("<Space>", "<Space>", "j")
    #expect(!first.terminal.statusLine.hasSuffix("READ  0%"), "scrolled")
    let pane = first.readerPane
    let offset = try #require(first.state.currentPosition?.offset)
    #expect(offset > 0)
    first.keys("q")
    #expect(first.quit)
    #expect(
      FileManager.default.fileExists(atPath: first.libraryFolder.appendingPathComponent(".gloss/positions.json").path))
    #expect(first.savedPositions[Bundled.stayAway] == offset)

    let second = Harness(sources, open: Bundled.stayAway, folder: first.folder)
    #expect(second.state.currentPosition?.offset == offset)
    #expect(second.readerPane == pane, "the same lines at the top of the reader")
    #expect(!second.terminal.statusLine.hasSuffix("READ  0%"))
  }

  /// Every size from 1x1 to 300x100, then a storm of random sizes (seeded, so the same each
  /// run): every frame has the terminal's size and holds nothing a terminal would act on, and
  /// the screen recovers at the end with the reader where it was.
  @Test func sizesFromOneByOneToHugeAndAResizeStormRecover() throws {
    let h = try Harness.bundled(open: Bundled.nagorno)
    for _ in 0..<20 { h.keys("j") }
    let before = try #require(h.state.reader)
    let paragraph = before.article.paragraphIndex(containing: before.layout.scalarOffset(at: before.top))
    var rng = SeededRandom(seed: 11)
    let fixed = [(1, 1), (2, 2), (10, 3), (29, 5), (30, 6), (69, 20), (70, 20), (300, 100), (100, 30)]
    let storm = (0..<100).map { _ in (Int.random(in: 1...300, using: &rng), Int.random(in: 1...100, using: &rng)) }
    for (width, height) in fixed + storm {
      h.send(.resize(Size(width: width, height: height)))
      let grid = h.terminal.lastFrame
      #expect(grid.width == width && grid.height == height, "\(width)x\(height)")
      #expect(grid.isInert, "\(width)x\(height)")
      if width < ScreenGeometry.minimumWidth || height < ScreenGeometry.minimumHeight {
        #expect(h.screen.contains(String("Terminal too small".prefix(width))), "\(width)x\(height)")
      } else {
        #expect(h.terminal.statusLine.hasSuffix("%"), "\(width)x\(height): \(h.terminal.statusLine)")
        #expect(h.terminal.statusLine.contains("READ"), "\(width)x\(height)")
      }
    }
    h.send(.resize(Size(width: 100, height: 30)))
    let screen = h.screen
    #expect(screen.contains("Articles (5)"))
    #expect(screen.contains("│"))
    #expect(h.terminal.statusLine.contains("READ"))
    let after = try #require(h.state.reader)
    #expect(after.article.path == Bundled.nagorno)
    #expect(after.article.paragraphIndex(containing: after.layout.scalarOffset(at: after.top)) == paragraph)
    h.keys("j")
    #expect(h.state.reader?.top != after.top, "still reading")
  }

  /// The checks above would catch what they look for: `isInert` fails on each kind of
  /// character a terminal acts on, and `cells(of:)` finds text across cells.
  @Test func theFrameChecksCanFail() throws {
    var grid = Grid(width: 10, height: 2)
    grid.put("plain", x: 0, y: 0, style: .plain)
    #expect(grid.isInert)
    #expect(grid.cells(of: "lai")?.map(\.text) == ["l", "a", "i"])
    #expect(grid.cells(of: "nowhere") == nil)
    for bad in ["\u{1B}", "\u{07}", "\u{7F}", "\u{9B}", "\u{202E}", "\u{2067}"] {
      var raw = grid
      raw[3, 1] = Cell(text: bad)
      #expect(!raw.isInert, "\(bad.unicodeScalars.first!.value)")
    }
  }
}

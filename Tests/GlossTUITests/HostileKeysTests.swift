import Foundation
import GlossModel
import Testing

@testable import GlossTUI

/// The moving and annotating keys as a hostile first user presses them: huge counts before
/// every key, in every mode; marks on tiny screens; the outline of 5,000 headings and of an
/// empty article; headings, link texts and URLs holding escape sequences and bidi controls;
/// 10 KB pastes into the prompts; a thousand links on one screen.
@Suite struct HostileKeysTests {
  /// Characters that must never reach the terminal raw.
  static let hostile = "\u{1B}[2J\u{202E}\u{9B}1m\u{07}"

  func noRawControls(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let raw = text.unicodeScalars.filter { $0 != "\n" && Glyph.escape($0) != nil }
    #expect(raw.isEmpty, "raw: \(raw.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
  }

  static let everyKey = [
    "j", "k", "<C-f>", "<C-b>", "<C-d>", "<C-u>", "w", "b", ")", "(", "}", "{", "G", "g", "%", "n", "N", "]",
    "[", "<C-o>", "<C-n>", "y", "Y", "f", "O", "u", "<C-r>", "d", "v", "<Tab>", "A", "T", "?", ":", "/", "'", "m",
    "c",
  ]

  @Test(arguments: everyKey)
  func aHugeCountBeforeAnyKeyIsHarmless(key: String) throws {
    let h = Harness([numberedArticle])
    #expect(h.state.reader != nil)
    h.type("99999999999999999999")
    h.keys(key)
    // Whatever the key did, a second one still works and the screen fits.
    h.keys("<Esc>", "<Esc>")
    #expect(h.state.moving.count == nil)
    #expect(h.screen.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 100 })
  }

  @Test func hugeCountsInTheHelpTheListsTheOutlineAndLinkHints() throws {
    let page = Source(
      path: "p.md", text: "# One\n\nSee [a](https://a.example) here.\n\n## Two\n\nMore text.\n")
    let h = Harness([page, numberedArticle], open: "p.md")
    h.keys("?")
    h.type("99999999999")
    h.keys("j")
    let scroll = try #require(h.helpScroll, "the help is still open")
    #expect(scroll <= h.state.maxHelpScroll)
    h.keys("q")
    h.keys("O")
    h.type("99999999")
    h.keys("j", "<Enter>")
    #expect(h.state.moving.outline == nil)
    h.keys("f")
    h.type("99")
    #expect(h.state.mode == .normal, "a digit is not a hint letter: the hints go")
    h.keys("<Tab>")
    h.type("99999999999")
    h.keys("j")
    h.type("99999999999")
    h.keys("k")
    #expect(h.state.list.cursor == 0)
    h.keys("A")
    #expect(h.state.focus == .list)
    h.type("99999999999")
    h.keys("G")
    h.type("99999999999")
    h.keys("d")
    #expect(h.state.message?.contains("no annotation here") == true, "\(h.state.message ?? "")")
  }

  @Test(arguments: [Size(width: 1, height: 1), Size(width: 30, height: 6), Size(width: 20, height: 30)])
  func marksOnTinyScreens(size: Size) throws {
    let h = Harness([numberedArticle], size: size)
    h.keys("5", "0", "%")
    h.keys("m", "a", "g", "'", "a")
    h.keys("'", "'", "<C-o>", "<C-n>", "m", "z", "G", "'", "z")
    h.send(.resize(Size(width: 1, height: 1)))
    h.keys("'", "a", "O", "j", "<Enter>", "f", "<Esc>")
    h.send(.resize(Size(width: 80, height: 24)))
    h.keys("'", "a")
    #expect(h.state.reader?.marks["a"] != nil)
    #expect(h.cursorParagraph.map { $0 > 100 } == true, "'a is half way: \(h.cursorParagraph ?? -1)")
  }

  @Test func outlineOfFiveThousandHeadingsAndOfAnEmptyArticle() throws {
    let many = (1...5_000).map { "## Heading \($0)\n\nText \($0).\n" }.joined(separator: "\n")
    let h = Harness([Source(path: "many.md", text: many), Source(path: "empty.md", text: "")], open: "many.md")
    let start = Date()
    h.keys("O", "G")
    #expect(h.state.moving.outline?.selected == 4_999)
    h.keys("<Enter>")
    // The last heading is on the last screen: the cursor is on it, the top as far as it goes.
    #expect(h.reader.article.scalarSlice(h.reader.cursor..<(h.reader.cursor + 12)) == "Heading 5000")
    #expect(h.screen.contains("Heading 5000"))
    #expect(h.percent == 100)
    h.keys("O", "G")
    for _ in 0..<30 { h.keys("k") }
    h.keys("<Enter>")
    #expect(h.topLine.contains("Heading 4970"), "\(h.topLine)")
    #expect(h.terminal.statusLine.contains("Heading 4970"), "the section: \(h.terminal.statusLine)")
    h.keys("O", "g", "<C-f>", "<C-f>", "<Enter>")
    #expect(Date().timeIntervalSince(start) < 20)
    let empty = Harness([Source(path: "empty.md", text: "")], open: "empty.md")
    empty.keys("O")
    #expect(empty.screen.contains("This article has no headings."))
    empty.keys("j", "G", "<Enter>", "O", "<Esc>", "5", "0", "%", "m", "a", "'", "a", "f", "y", "Y")
    #expect(empty.state.moving.outline == nil)
  }

  @Test func hostileHeadingsInTheOutlineAndTheStatusLine() throws {
    let text =
      "# Evil \(Self.hostile) title\n\n" + (1...30).map { "Intro paragraph \($0)." }.joined(separator: "\n\n")
      + "\n\n## Section \(Self.hostile)\u{1B}]0;pwned\u{07}\n\n"
      + (1...60).map { "Body paragraph \($0)." }.joined(separator: "\n\n") + "\n"
    let h = Harness([Source(path: "evil.md", text: text)], open: "evil.md")
    h.keys("G")
    #expect(h.terminal.statusLine.contains("Section"), "\(h.terminal.statusLine)")
    noRawControls(h.screen)
    h.keys("O")
    #expect(h.screen.contains("Section"))
    noRawControls(h.screen)
  }

  @Test func tenKilobytePastesIntoPrompts() throws {
    let h = Harness([numberedArticle])
    let paste = String(repeating: "x\(Self.hostile)", count: 1_000)
    h.keys(":")
    h.send(.paste(paste))
    noRawControls(h.screen)
    h.keys("<Enter>")
    #expect(h.state.message?.contains("not a paragraph number") == true)
    noRawControls(h.screen)
    h.keys(":")
    h.send(.paste(String(repeating: "9", count: 10_000)))
    h.keys("<Enter>")
    #expect(h.cursorParagraph == h.reader.article.paragraphs.count - 1, "saturates at the last paragraph")
  }

  @Test func aThousandLinksOnOneScreenAreAllReachable() throws {
    let links = (0..<1_500).map { "[\($0 % 10)](https://e.example/\($0))" }.joined(separator: " ")
    let h = Harness(
      // Tall: each link's number takes columns too (`d¹²³⁴`), and the text is 78 columns wide.
      [Source(path: "links.md", text: "# L\n\n" + links + "\n")], size: Size(width: 200, height: 150), open: "links.md")
    let opened = h.recordingLinks()
    h.keys("f")
    let hints = try #require(h.linkHints, "no hints: \(h.state.message ?? "")")
    #expect(hints.links.count > 1_000, "\(hints.links.count) links on screen")
    #expect(hints.labels.count == hints.links.count, "every link on screen has a label")
    let labels = hints.labels
    for a in labels.prefix(50) { #expect(!labels.contains { $0 != a && $0.hasPrefix(a) }) }
    // Once a letter is typed, the labels left are far apart: each one is drawn whole.
    h.type(String(labels[0].prefix(1)))
    let frame = h.terminal.lastFrame
    var runs: [Int] = []
    for y in 0..<frame.height {
      var run = 0
      for x in 0..<frame.width {
        if frame[x, y].style.background == .yellow {
          run += 1
        } else if run > 0 {
          runs.append(run)
          run = 0
        }
      }
      if run > 0 { runs.append(run) }
    }
    #expect(!runs.isEmpty && runs.allSatisfy { $0 == 3 }, "label runs: \(runs.prefix(20))")
    h.keys("<Esc>", "f")
    let last = try #require(labels.last)
    h.type(last)
    #expect(opened.all == [hints.links[hints.links.count - 1].url])
  }

  @Test func wideLinkTextAndLinksInsideHighlightsGetLabels() throws {
    let text = "# W\n\n漢字漢字 [漢字リンク😀](https://cjk.example) and [👩‍👩‍👧 family](https://e.example/f) end.\n"
    let h = Harness([Source(path: "w.md", text: text)], size: Size(width: 30, height: 12), open: "w.md")
    let opened = h.recordingLinks()
    // Highlight the whole paragraph with both links.
    h.keys("}", "{")
    h.keys("V")
    h.keys("h")
    h.keys("f")
    let frame = h.terminal.lastFrame
    let labels = (0..<frame.height).flatMap { y in (0..<frame.width).map { frame[$0, y] } }
      .filter { $0.style.background == .yellow && $0.style.bold && ["a", "s"].contains($0.text) }
    #expect(labels.count == 2, "\(h.screen)")
    #expect(h.screen.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 30 })
    h.keys("s")
    #expect(opened.all == ["https://e.example/f"])
  }
}

@Suite struct HostileOutlineMouseTests {
  @Test func theMouseWithTheOutlineOpenChoosesInItOrClosesIt() throws {
    let page = Source(path: "p.md", text: "# One\n\nText.\n\n## Two\n\nMore.\n\n## Three\n\nEnd.\n")
    let other = Source(path: "q.md", text: "# Other\n\n" + String(repeating: "Words here. ", count: 400) + "\n")
    let h = Harness([page, other], open: "p.md")
    h.keys("O")
    #expect(h.state.moving.outline?.selected == 0)
    h.send(.mouse(MouseEvent(kind: .wheelDown, x: 50, y: 5)))
    #expect(h.state.moving.outline?.selected == 1, "the wheel chooses a heading")
    #expect(h.state.reader?.article.path == "p.md")
    // A click on the other article's row in the list closes the box before anything else.
    h.send(.mouse(MouseEvent(kind: .press, x: 3, y: 2)), .mouse(MouseEvent(kind: .release, x: 3, y: 2)))
    #expect(h.state.moving.outline == nil, "the box does not stay over another article")
    h.keys("<Enter>")
    #expect(h.state.moving.outline == nil)
  }
}

extension Harness {
  var helpScroll: Int? {
    if case .help(let scroll) = state.mode { return scroll }
    return nil
  }

  var linkHints: LinkHints? {
    if case .linkHints(let hints) = state.mode { return hints }
    return nil
  }
}

import Foundation
import GlossApp
import GlossModel
import Synchronization
import Testing

@testable import GlossTUI

/// What an injected opener or clipboard command was given.
final class Recorder: Sendable {
  private let items = Mutex<[String]>([])
  var all: [String] { items.withLock { $0 } }
  func add(_ item: String) { items.withLock { $0.append(item) } }
}

extension Harness {
  /// Links are opened by a recorder, never by a browser.
  func recordingLinks(_ answer: LinkOpening = .opened(by: "test-browser")) -> Recorder {
    let recorder = Recorder()
    runner.linkOpener = { url in
      recorder.add(url)
      return answer
    }
    return recorder
  }
}

/// `f`: labels over the links on screen; typing one follows it.
@Suite struct LinkFlowTests {
  static let page = Source(
    path: "page.md",
    text: """
      # Links

      Read [the site](https://example.com/a) and [the next one](next.md) today.

      Not this: [bad](javascript:alert(1)) nor [outside](../secret.md).
      """)
  static let next = Source(path: "next.md", text: "# Next\n\nThe next article.\n")

  @Test func externalLinkGoesToTheOpener() throws {
    let h = Harness([Self.page, Self.next], open: "page.md")
    let opened = h.recordingLinks()
    h.keys("f")
    #expect(h.terminal.statusLine.contains("4 links — type the letters shown on one"), "\(h.terminal.statusLine)")
    // The labels are drawn over the first letter of each link, in reading order.
    #expect(!h.terminal.lastFrame.locate("ahe site").isEmpty, "\(h.screen)")
    #expect(!h.terminal.lastFrame.locate("she next one").isEmpty, "\(h.screen)")
    #expect(!h.terminal.lastFrame.locate("dad").isEmpty, "\(h.screen)")
    let label = try #require(h.terminal.lastFrame.cells(of: "ahe site")?.first)
    #expect(label.style.background == .yellow)
    h.keys("a")
    #expect(opened.all == ["https://example.com/a"])
    #expect(h.terminal.statusLine.contains("opened https://example.com/a with test-browser"))
    #expect(h.state.mode == .normal)
    #expect(h.terminal.lastFrame.locate("ahe site").isEmpty, "the labels are gone")
  }

  @Test func withoutABrowserTheLinkIsCopied() throws {
    let h = Harness([Self.page, Self.next], open: "page.md")
    let opened = h.recordingLinks(.unavailable("no browser: set $BROWSER or install xdg-open"))
    h.keys("f", "a")
    #expect(opened.all == ["https://example.com/a"])
    #expect(h.terminal.clipboard == ["https://example.com/a"])
    #expect(h.terminal.statusLine.contains("Copied 21 characters: the link (no browser"), "\(h.terminal.statusLine)")
  }

  @Test func aBrowserThatFailsIsReportedAndNothingIsCopied() throws {
    let h = Harness([Self.page, Self.next], open: "page.md")
    _ = h.recordingLinks(.failed("firefox could not be started"))
    h.keys("f", "a")
    #expect(h.terminal.clipboard.isEmpty)
    #expect(h.state.messageIsError)
    #expect(h.terminal.statusLine.contains("could not open https://example.com/a: firefox could not be started"))
  }

  @Test func linkToAnotherArticleOpensItInGloss() throws {
    let h = Harness([Self.page, Self.next], open: "page.md")
    let opened = h.recordingLinks()
    h.keys("f", "s")
    #expect(opened.all.isEmpty)
    #expect(h.state.reader?.article.path == "next.md")
    #expect(h.screen.contains("The next article."))
  }

  @Test func aFragmentTheOtherArticleLacksOpensItAtTheTop() throws {
    let page = Source(path: "dir/page.md", text: "# P\n\nSee [there](../next.md#nowhere).\n")
    let h = Harness([page, Self.next], open: "dir/page.md")
    h.keys("f", "a")
    #expect(h.state.reader?.article.path == "next.md")
    #expect(h.state.reader?.topOffset == 0)
    #expect(h.terminal.statusLine.contains("no “#nowhere” in next.md — opened at the top"), "\(h.terminal.statusLine)")
  }

  @Test func unsafeSchemesAndPathsOutsideTheLibraryAreRefused() throws {
    let h = Harness([Self.page, Self.next], open: "page.md")
    let opened = h.recordingLinks()
    h.keys("f", "d")
    #expect(h.terminal.statusLine.contains("javascript: links are not opened"), "\(h.terminal.statusLine)")
    #expect(h.state.messageIsError)
    h.keys("f", "f")
    #expect(h.terminal.statusLine.contains("../secret.md points outside the library"), "\(h.terminal.statusLine)")
    #expect(opened.all.isEmpty)
    #expect(h.terminal.clipboard.isEmpty)
    #expect(h.state.reader?.article.path == "page.md")
  }

  @Test func escapeAndOtherKeysCancel() throws {
    let h = Harness([Self.page, Self.next], open: "page.md")
    let opened = h.recordingLinks()
    h.keys("f", "<Esc>")
    #expect(h.state.mode == .normal)
    #expect(h.terminal.statusLine.contains("link not followed"))
    h.keys("f", "Z")
    #expect(h.state.mode == .normal)
    h.keys("f", "x")
    #expect(h.terminal.statusLine.contains("no link labelled “x”"), "\(h.terminal.statusLine)")
    #expect(opened.all.isEmpty)
    #expect(h.state.reader?.article.path == "page.md")
  }

  @Test func aClickPutsTheLabelsAway() throws {
    let h = Harness([Self.page, Self.next], open: "page.md")
    let opened = h.recordingLinks()
    h.keys("f")
    h.send(.mouse(MouseEvent(kind: .wheelDown, x: 60, y: 5)))
    #expect(h.state.mode == .normal)
    #expect(h.terminal.lastFrame.locate("ahe site").isEmpty)
    h.keys("a")
    #expect(opened.all.isEmpty, "a is not a label any more")
  }

  @Test func theHelpAndKeymapNameTheNewKeys() throws {
    let lines = HelpText.lines(for: .defaults)
    for (keys, command) in [("f", "follow-link"), ("y", "copy"), ("Y", "copy-with-note")] {
      #expect(lines.contains { $0.keys == keys && $0.command == command }, "\(command)")
    }
    #expect(Keymap.defaults.command(for: .char("f"), in: .reader) == .followLink)
    #expect(Keymap.defaults.command(for: .char("y"), in: .reader) == .copy)
    #expect(Keymap.defaults.command(for: .char("d"), in: .list) == .deleteAnnotation)
    #expect(Keymap.defaults.command(for: .char("t"), in: .list) == .tag)
    #expect(Keymap.defaults.command(for: .char("a"), in: .list) == .note)
    #expect(Keymap.defaults.command(for: .char("c"), in: .list) == .color)
    #expect(Keymap.defaults.keys(for: .pageDown, in: .reader).map(\.description) == ["<Space>", "<PageDown>", "<C-f>"])
  }

  @Test func aScreenWithoutLinksSaysSo() throws {
    let h = Harness([Self.next], open: "next.md")
    h.keys("f")
    #expect(h.state.mode == .normal)
    #expect(h.terminal.statusLine.contains("no links on this screen"))
  }

  @Test func internalLinkJumpsToItsTarget() throws {
    // Built by hand: the Markdown and HTML readers fill `anchors` once they know ids.
    var builder = ArticleBuilder()
    builder.blocks.append(.init(text: "Anchors", style: .heading(1)))
    builder.blocks.append(.init(text: "Go to the end.", runs: [InlineRun(range: 10..<13, style: .link("#the-end"))]))
    for i in 1...60 { builder.blocks.append(.init(text: "Filler paragraph \(i).")) }
    var end = ArticleBuilder.Block(text: "The end is here.", style: .heading(2))
    end.anchors = ["the-end"]
    builder.blocks.append(end)
    for i in 1...40 { builder.blocks.append(.init(text: "More filler \(i).")) }
    let article = builder.build(path: "anchors.md")
    let target = try #require(article.anchors["the-end"])
    let h = Harness([Source(path: "anchors.md", text: "# Anchors\n")], open: "anchors.md")
    h.dispatch(.articleOpened(article, entryIndex: 0, offset: nil, cursor: nil))
    h.run()
    #expect(!h.screen.contains("The end is here."))
    h.keys("f", "a")
    #expect(h.state.reader?.cursor == target)
    #expect(h.state.reader?.topOffset == target, "the target at the top of the screen")
    #expect(h.screen.contains("The end is here."))
    #expect(h.terminal.statusLine.contains("jumped to #the-end"))
    // A jump: '' comes back to the link.
    let before = try #require(h.state.reader?.cursor)
    #expect(before == target)
    h.keys("'", "'")
    #expect(h.state.reader?.cursor != target)
    #expect(h.screen.contains("Go to the end."))
  }

  @Test func usableAtThirtyColumnsWithHostileURLs() throws {
    let page = Source(
      path: "narrow.md",
      text: "# N\n\nSee [a\u{202E}b](https://evil.example/\u{202E}gpj.exe) and [c](https://x.example/%1B%5B2J).\n")
    let h = Harness([page], size: Size(width: 30, height: 10), open: "narrow.md")
    let opened = h.recordingLinks()
    h.keys("f")
    #expect(h.screen.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 30 })
    #expect(!h.screen.contains("\u{202E}"), "bidi controls are never drawn raw")
    let frame = h.terminal.lastFrame
    let labels = (0..<frame.height).flatMap { y in (0..<frame.width).map { frame[$0, y] } }
      .filter { $0.style.background == .yellow && $0.style.bold }
    #expect(labels.map(\.text).sorted() == ["a", "s"], "one label per link, drawn on screen")
    h.keys("s")
    #expect(opened.all == ["https://x.example/%1B%5B2J"])
    h.keys("f", "a")
    #expect(opened.all.count == 2)
    #expect(!h.screen.contains("\u{202E}"))
  }

  @Test func manyLinksGetTwoLetterLabelsThatNeverStartAnother() throws {
    let labels = LinkHints.labels(count: 30)
    #expect(labels.count == 30)
    #expect(Set(labels).count == 30)
    #expect(labels.allSatisfy { $0.count == 2 })
    for a in labels { #expect(!labels.contains { $0 != a && $0.hasPrefix(a) }) }
    #expect(LinkHints.labels(count: 3) == ["a", "s", "d"])

    let text = (0..<30).map { "[l\($0)](https://e.example/\($0))" }.joined(separator: " ")
    let h = Harness([Source(path: "many.md", text: "# Many\n\n" + text + "\n")], open: "many.md")
    let opened = h.recordingLinks()
    h.keys("f", "d")
    #expect(h.state.mode != .normal, "one letter of two: still choosing")
    h.keys("a")
    #expect(opened.all == ["https://e.example/2"])
  }
}

/// Where links lead, decided from their text.
@Suite struct LinkTargetTests {
  func target(_ link: String, from path: String = "dir/page.md") -> LinkTarget {
    LinkTarget(link, from: path, libraryRoot: "/lib")
  }

  @Test func kinds() {
    #expect(target("#intro") == .anchor("intro"))
    #expect(target("https://example.com") == .external("https://example.com"))
    #expect(target("MAILTO:me@example.com") == .external("MAILTO:me@example.com"))
    #expect(target("//cdn.example/x") == .external("https://cdn.example/x"))
    #expect(target("other.md") == .article(path: "dir/other.md", fragment: nil))
    #expect(target("../top.md#part%202") == .article(path: "top.md", fragment: "part%202"))
    #expect(target("./sub/my%20file.md?x=1") == .article(path: "dir/sub/my file.md", fragment: nil))
    #expect(target("/lib/a/b.md") == .article(path: "a/b.md", fragment: nil))
    #expect(target("file:///lib/a/b.md#x") == .article(path: "a/b.md", fragment: "x"))
    #expect(target("?only-a-query#here") == .anchor("here"))
  }

  @Test func refusals() {
    for link in [
      "javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>", "vbscript:x", "file:///etc/passwd",
      "../../etc/passwd", "/etc/passwd", "", "https://a.example/\u{1B}]52", "..",
    ] {
      guard case .refused = target(link) else {
        Issue.record("\(link) was not refused: \(target(link))")
        continue
      }
    }
  }
}

import Foundation
import Testing

/// `gloss read ARTICLE` with stdout not a terminal (or `--plain`): the article as the reader
/// shows it, as text for a pipe.
@Suite struct PlainOutputTests {
  /// Columns a line takes, for the test's own characters: ideographs two, the rest one.
  func columns(_ line: Substring) -> Int {
    line.unicodeScalars.reduce(0) { $0 + ((0x3000...0x9FFF).contains($1.value) ? 2 : 1) }
  }

  @Test func aTextArticleIsPrintedAsTheReaderShowsIt() throws {
    let dir = try makeLibrary(files: [
      "a.txt": "The Headline Here\n\nFirst paragraph, one line.\n\nSecond   paragraph\nwith a break.\n"
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try runGloss(["read", "--library", dir.path, "a.txt"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "The Headline Here")
    #expect(lines.dropFirst().first == "")
    #expect(lines.contains("First paragraph, one line."))
    #expect(result.stdout.hasSuffix("\n"))
    #expect(!result.stdout.contains("\u{1B}"), "no escape sequences")
    // The same with --plain and with the default subcommand.
    #expect(try runGloss(["--library", dir.path, "--plain", "Headline"]).stdout == result.stdout)
  }

  /// `gloss FILE` for a file outside ./articles, with no library named: read from its own
  /// folder, as `less FILE` would (and nothing is written there by printing it).
  @Test func aFileOutsideAnyLibraryIsReadFromItsFolder() throws {
    let binary = try #require(glossBinary)
    let dir = try makeLibrary(files: ["notes.md": "# Loose Notes\n\nA file on its own.\n"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-cwd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    var environment = ProcessInfo.processInfo.environment
    environment["GLOSS_LIBRARY"] = nil
    for arguments in [
      ["read", dir.appendingPathComponent("notes.md").path], [dir.appendingPathComponent("notes.md").path],
    ] {
      let result = try run(binary.path, arguments, environment: environment, currentDirectory: elsewhere)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.hasPrefix("Loose Notes\n\nA file on its own."), "\(result.stdout)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes.md"])
    // A name that is not a file still means the library's article, with its clear error.
    let missing = try run(
      binary.path, ["read", "no-such-article"], environment: environment, currentDirectory: elsewhere)
    #expect(missing.status != 0)
    #expect(missing.stderr.contains("no such library"), "\(missing.stderr)")
  }

  @Test func theBundledArticleGoesThroughCatGrepAndWc() throws {
    let binary = try #require(glossBinary)
    let article = "why-the-us-must-not-support-azerbaijans-war.txt"
    let script = """
      set -o pipefail
      "$0" read --library "$1" "$2" | cat | head -1
      "$0" "$2" --library "$1" | grep -c 'Azerbaijan is not an ally'
      "$0" "$2" --library "$1" | wc -w
      """
    let result = try run(
      "/bin/bash", ["-c", script, binary.path, bundledArticles.path, article], environment: ["LANG": "C.UTF-8"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(lines.first == "Why the U.S. Must Not Support Azerbaijan’s War")
    #expect(lines.dropFirst().first.flatMap { Int($0) } ?? 0 >= 1)
    let words = try #require(lines.last.flatMap { Int($0) })
    #expect(words > 850 && words < 950, "about the article's 892 words: \(words)")
  }

  @Test func markdownLinksAreNumberedAndListedAfterTheirParagraph() throws {
    let dir = try makeLibrary(files: [
      "m.md": "# Markdown Title\n\nSee [the docs](https://example.com/docs) and **bold** text.\n\n- one\n- two\n"
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try runGloss(["--library", dir.path, "m.md"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "Markdown Title")
    let see = try #require(lines.firstIndex(of: "See the docs¹ and bold text."), "\(lines)")
    #expect(lines[see + 1] == "[1] https://example.com/docs")
    #expect(!result.stdout.contains("**"))
    #expect(!result.stdout.contains("\u{1B}"))
  }

  @Test func tablesPrintInAlignedColumnsAndInternalLinksAreNotListed() throws {
    let markdown = """
      # Sizes

      See [below](#notes) and [the site](https://example.com) and [again](https://example.com).[^n]

      | Item | 数量 | Note |
      |:-----|-----:|:----:|
      | apple | 3 | red |
      | 梨 | 12 | green |

      ## Notes

      [^n]: A note.
      """
    let dir = try makeLibrary(files: ["t.md": markdown])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try runGloss(["read", "--library", dir.path, "t.md"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let see = try #require(lines.firstIndex(of: "See below and the site¹ and again².[1]"), "\(lines)")
    #expect(Array(lines[(see + 1)...(see + 3)]) == ["[1] https://example.com", "[2] https://example.com", ""])
    let header = try #require(lines.firstIndex(of: "Item  │ 数量 │ Note"), "\(lines)")
    #expect(
      Array(lines[header...(header + 3)]) == [
        "Item  │ 数量 │ Note",
        "──────┼──────┼──────",
        "apple │    3 │  red",
        "梨    │   12 │ green",
      ])
    #expect(!result.stdout.contains("#notes"), "internal links are not listed")
    #expect(lines.contains("[1] A note."), "the footnote at the end")
    // Narrow: every line fits (a URL is never broken), the cells wrap or the columns that do
    // not fit are cut, marked `→`.
    let narrow = try runGloss(["read", "--library", dir.path, "--width", "12", "t.md"])
    for line in narrow.stdout.split(separator: "\n") where !line.hasPrefix("[") {
      #expect(columns(line) <= 12, "\(line)")
    }
    #expect(narrow.stdout.contains("\napple→\n"), "\(narrow.stdout)")
  }

  @Test func anHTMLArticleIsItsText() throws {
    let html = """
      <html><head><title>HTML Page Title</title></head><body><nav>Menu</nav><article>
      <h1>HTML Page Title</h1><p>A paragraph with <a href="https://example.org/x">a link</a>.</p>
      <p>Second&nbsp;one &amp; more.</p></article></body></html>
      """
    let dir = try makeLibrary(files: ["p.html": html])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try runGloss(["--library", dir.path, "p.html"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == "HTML Page Title")
    #expect(lines.contains("A paragraph with a link¹."), "\(lines)")
    #expect(lines.contains("[1] https://example.org/x"), "\(lines)")
    #expect(lines.contains("Second\u{00A0}one & more."), "\(lines)")
    #expect(!result.stdout.contains("<"))
  }

  @Test func widthWrapsByDisplayWidth() throws {
    let latin = Array(repeating: "wrapping", count: 20).joined(separator: " ")
    let cjk = String(repeating: "日本語の記事です", count: 10)
    let dir = try makeLibrary(files: ["w.txt": "Wide Title\n\n\(latin)\n\n\(cjk)\n"])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try runGloss(["--library", dir.path, "w.txt", "--width", "40"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.allSatisfy { columns($0) <= 40 }, "\(lines)")
    let wrapped = lines.filter { $0.hasPrefix("wrapping") }
    #expect(wrapped.count == 5, "\(wrapped)")
    #expect(wrapped.allSatisfy { !$0.hasSuffix(" ") })
    let ideographs = lines.filter { $0.hasPrefix("日") || $0.hasPrefix("記") || $0.hasPrefix("本") }
    #expect(ideographs.count == 4, "160 columns of ideographs in lines of 40: \(ideographs)")
    #expect(ideographs.dropLast().allSatisfy { columns($0) == 40 })
    #expect(ideographs.joined() == cjk)
    // No --width: no wrapping.
    let unwrapped = try runGloss(["--library", dir.path, "w.txt"])
    #expect(unwrapped.stdout.split(separator: "\n").contains { $0 == latin })
    let zero = try runGloss(["--library", dir.path, "w.txt", "--width", "0"])
    #expect(zero.status != 0)
    #expect(zero.stderr.hasPrefix("gloss: --width"), "\(zero.stderr)")
  }

  /// A paragraph long enough for the lazy layout (past 16,384 scalars, many chunks) is
  /// printed whole, row by row, in order.
  @Test func aVeryLongParagraphIsPrintedWhole() throws {
    let paragraph = (1...6000).map { "w\($0)" }.joined(separator: " ")
    let dir = try makeLibrary(files: ["long.txt": "Long Title\n\n\(paragraph)\n\nAfter."])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try runGloss(["--library", dir.path, "long.txt", "--width", "40"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(Array(lines.prefix(2)) == ["Long Title", ""])
    #expect(Array(lines.suffix(3)) == ["", "After.", ""])
    let body = lines.dropFirst(2).dropLast(3)
    #expect(body.count > 900, "many chunks of 128 lines")
    #expect(body.allSatisfy { !$0.isEmpty && $0.count <= 40 })
    #expect(body.joined(separator: " ") == paragraph)
  }

  @Test func hostileCharactersAreShownNeverObeyed() throws {
    let dir = try makeLibrary(files: [
      "h.txt":
        "Hostile \u{1B}]0;owned\u{07} Title\n\nRed \u{1B}[31mtext\u{1B}[0m, bell\u{07}, \u{202E}reversed\u{202C} and C1 \u{9B}2J.\n"
    ])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try runGloss(["--library", dir.path, "h.txt"])
    #expect(result.status == 0, "\(result.stderr)")
    for raw in ["\u{1B}", "\u{07}", "\u{202E}", "\u{202C}", "\u{9B}"] {
      #expect(
        !result.stdout.unicodeScalars.contains(raw.unicodeScalars.first!), "raw U+\(raw.unicodeScalars.first!.value)")
    }
    #expect(result.stdout.contains("^[[31mtext^[[0m"), "\(result.stdout)")
    #expect(result.stdout.contains("<U+202E>reversed<U+202C>"))
    #expect(result.stdout.contains("<U+009B>2J"))
    #expect(result.stdout.hasPrefix("Hostile ^[]0;owned^G Title\n"), "\(result.stdout)")
  }

  @Test func aClosedPipeEndsQuietly() throws {
    let binary = try #require(glossBinary)
    let paragraph = Array(repeating: "A long line of words that fills the pipe.", count: 40).joined(separator: " ")
    let text = "Long Title\n\n" + Array(repeating: paragraph, count: 400).joined(separator: "\n\n")
    let dir = try makeLibrary(files: ["long.txt": text])
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = try run(
      "/bin/bash", ["-c", "set -o pipefail; \"$0\" --library \"$1\" long.txt | head -1", binary.path, dir.path],
      environment: ["LANG": "C.UTF-8"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "Long Title\n")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
  }

  @Test func withoutAnArticleThereIsNothingToPrint() throws {
    let plain = try runGloss(["--library", bundledArticles.path, "--plain"])
    #expect(plain.status != 0)
    #expect(plain.stderr.contains("gloss list"), "\(plain.stderr)")
    #expect(plain.stdout.isEmpty)
  }
}

/// `gloss add --quote` as people type it: the article's own characters are stored.
@Suite struct TypedQuoteCLITests {
  @Test func aStraightApostropheQuoteStoresTheCurlyText() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let added = try runGloss([
      "add", "--library", library.path, "--article", "why-the-us-must-not-support-azerbaijans-war.txt", "--quote",
      "azerbaijan's war",
    ])
    #expect(added.status == 0, "\(added.stderr)")
    #expect(added.stdout.hasPrefix("added "))
    let listed = try runGloss(["annotations", "--json", "--library", library.path])
    let items = try json(listed.stdout)
    #expect(items.count == 1)
    #expect(items.first?["quote"] as? String == "Azerbaijan’s War")
    #expect(items.first?["anchor"] as? String == "exact")
  }

  @Test func anAmbiguousTypedQuoteSaysHowMany() throws {
    let library = try makeLibrary()
    defer { try? FileManager.default.removeItem(at: library) }
    let result = try runGloss([
      "add", "--library", library.path, "--article", "why-the-us-must-not-support-azerbaijans-war.txt", "--quote",
      "the u.s.",
    ])
    #expect(result.status != 0)
    #expect(result.stderr.contains("matches 10 places"), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stdout.isEmpty)
    let listed = try runGloss(["annotations", "--json", "--library", library.path])
    #expect(try json(listed.stdout).isEmpty, "nothing added")
  }
}

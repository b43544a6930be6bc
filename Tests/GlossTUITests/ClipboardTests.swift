import Foundation
import GlossApp
import GlossModel
import Testing

@testable import GlossTUI

extension Harness {
  /// Copies through a recorded clipboard command, never a real one; `environment` replaces
  /// what the runner reads for the clipboard choice.
  func recordingClipboardCommand(
    environment: [String: String] = [:], answer: ClipboardCommandResult = .copied(by: "fake-copy")
  ) -> Recorder {
    let recorder = Recorder()
    runner.environment = environment
    runner.clipboardCommand = { text in
      recorder.add(text)
      return answer
    }
    return recorder
  }
}

/// `y` and `Y`: the clipboard, through the terminal (OSC 52) or a clipboard command.
@Suite struct ClipboardTests {
  static let article = Source(
    path: "a.txt",
    text: "Title\n\nThe first sentence is here. The second one follows it.\n\nAnother paragraph.\n")

  @Test func yCopiesTheSelectionThroughTheTerminal() throws {
    let h = Harness([Self.article], open: "a.txt")
    let command = h.recordingClipboardCommand(environment: ["TERM": "xterm-256color"])
    h.keys("}", "s")
    #expect(h.state.reader?.selection != nil)
    h.keys("y")
    #expect(
      h.terminal.clipboard == ["The first sentence is here."])
    let copied = try #require(h.terminal.clipboard.last)
    #expect(
      h.terminal.statusLine.contains(
        "Copied \(copied.count) characters: the selection — sent to the terminal (OSC 52)"),
      "\(h.state.message ?? "")")
    #expect(h.state.reader?.selection == nil, "the selection ends, as in vim")
    #expect(command.all.isEmpty)
  }

  @Test func yWithoutASelectionScrollsUpALineAsInLess() throws {
    let long = Source(path: "long.txt", text: "Long\n\n" + (1...200).map { "Line \($0)." }.joined(separator: "\n\n"))
    let h = Harness([long], open: "long.txt")
    h.keys("<Space>")
    let before = try #require(h.state.reader?.topOffset)
    h.keys("y")
    let after = try #require(h.state.reader?.topOffset)
    #expect(after < before)
    #expect(h.terminal.clipboard.isEmpty)
  }

  @Test func capitalYCopiesTheHighlightWithItsNoteAndTagsAsMarkdown() throws {
    let h = Harness([Self.article], open: "a.txt")
    let source = h.articles[0]
    let annotation = Annotation(
      article: source, range: try range(of: "The second one follows it.", in: source), tags: ["key idea", "x"],
      note: "Why it *matters*.", now: h.now)
    try h.storeAnnotations([annotation])
    h.keys("}", ")")
    #expect(h.state.annotationUnderCursor?.id == annotation.id)
    h.keys("Y")
    #expect(h.terminal.clipboard == ["> The second one follows it.\n\n#key-idea #x\n\nWhy it \\*matters\\*.\n"])
    #expect(h.terminal.statusLine.contains("the highlight with its note and tags"))
  }

  @Test func commandFallbackWhenAskedOrOnTheLinuxConsole() throws {
    for environment in [["GLOSS_CLIPBOARD": "command", "TERM": "xterm"], ["TERM": "linux"]] {
      let h = Harness([Self.article], open: "a.txt")
      let command = h.recordingClipboardCommand(environment: environment)
      h.keys("}", "s", "y")
      #expect(h.terminal.clipboard.isEmpty, "\(environment)")
      #expect(command.all.count == 1)
      #expect(command.all.first?.hasPrefix("The first sentence is here.") == true)
      #expect(h.terminal.statusLine.contains("with fake-copy"), "\(h.state.message ?? "")")
    }
  }

  @Test func aTerminalWithoutOSC52FallsBackAndFailuresAreSaid() throws {
    let h = Harness([Self.article], open: "a.txt")
    h.terminal.acceptsClipboard = false
    _ = h.recordingClipboardCommand(answer: .failed("no clipboard command found (wl-copy, xclip or xsel)"))
    h.keys("}", "s", "y")
    #expect(h.state.messageIsError)
    #expect(
      h.terminal.statusLine.contains("not copied: no clipboard command found (wl-copy, xclip or xsel) — the selection"),
      "\(h.state.message ?? "")")
  }

  @Test func tooLongForTheTerminal() throws {
    let huge = Source(path: "huge.txt", text: "Huge\n\n" + String(repeating: "word ", count: 20_000) + "end.\n")
    let h = Harness([huge], open: "huge.txt")
    let command = h.recordingClipboardCommand(answer: .failed("no clipboard command found (wl-copy, xclip or xsel)"))
    h.keys("}", "V", "y")
    #expect(h.terminal.clipboard.isEmpty)
    #expect(command.all.count == 1, "a clipboard command is tried")
    #expect(
      h.state.message?.contains("too long for the terminal's clipboard (100,004 bytes, at most 75,000)") == true,
      "\(h.state.message ?? "")")

    let again = Harness([huge], open: "huge.txt")
    _ = again.recordingClipboardCommand()
    again.keys("}", "V", "y")
    #expect(again.terminal.statusLine.contains("Copied 100,004 characters"), "\(again.terminal.statusLine)")
    #expect(again.terminal.statusLine.contains("with fake-copy (too long for the terminal)"))
  }

  @Test func controlCharactersAreCopiedVisibleNeverRaw() throws {
    let hostile = Source(path: "h.txt", text: "H\n\nBefore \u{1B}]52;c;ZXZpbA==\u{07} after.\n")
    let h = Harness([hostile], open: "h.txt")
    _ = h.recordingClipboardCommand()
    h.keys("}", "V", "y")
    let copied = try #require(h.terminal.clipboard.first)
    #expect(!copied.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    #expect(copied.hasPrefix("Before "))
  }

  @Test func osc52Sequence() {
    #expect(OSC52.sequence(for: "hi", inTmux: false) == "\u{1B}]52;c;aGk=\u{1B}\\")
    let tmux = OSC52.sequence(for: "hi", inTmux: true)
    #expect(tmux == "\u{1B}]52;c;aGk=\u{1B}\\" + "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGk=\u{1B}\u{1B}\\\u{1B}\\")
    #expect(OSC52.maxTextBytes == 75_000)
  }
}

/// The real ways out: a browser started detached with the link as its own argument.
@Suite struct ExternalOpenerTests {
  @Test func browserVariableChoosesTheFirstInstalledCommand() throws {
    let env = ["BROWSER": "no-such-browser-here:env --x %s", "PATH": "/usr/bin:/bin"]
    let command = try #require(ExternalOpener.command(for: "https://e.example", environment: env))
    #expect(command.last == "https://e.example")
    #expect(command.dropFirst() == ["--x", "https://e.example"])
    #expect(command[0].hasSuffix("/env"))
    #expect(ExternalOpener.command(for: "u", environment: ["BROWSER": "nope", "PATH": "/nonexistent"]) == nil)
    #expect(
      ExternalOpener.open("u", environment: ["BROWSER": "nope", "PATH": "/nonexistent"])
        == .unavailable("no browser: set $BROWSER or install xdg-open"))
  }

  @Test func theBrowserIsStartedDetachedAndGetsTheLinkVerbatim() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("open-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let out = folder.appendingPathComponent("got")
    let script = folder.appendingPathComponent("browser")
    try "#!/bin/sh\nprintf '%s' \"$1\" > '\(out.path).tmp' && mv '\(out.path).tmp' '\(out.path)'\n".write(
      to: script, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
    let url = "https://e.example/?q=$(touch \(folder.path)/pwned)&r=`id`;x"
    let result = ExternalOpener.open(url, environment: ["BROWSER": script.path, "PATH": "/usr/bin:/bin"])
    #expect(result == .opened(by: "browser"))
    var got: String?
    // The browser runs detached; on a loaded machine (the whole suite in parallel) it may take
    // seconds to start.
    for _ in 0..<1_000 where got == nil {
      got = try? String(contentsOf: out, encoding: .utf8)
      if got == nil { usleep(10_000) }
    }
    #expect(got == url)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("pwned").path))
  }
}

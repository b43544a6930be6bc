import Foundation
import GlossApp
import Testing

@testable import GlossTUI

@Suite struct KeymapTests {
  @Test func shippedKeymapConfIsExactlyTheDefaults() throws {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent("keymap.conf"), encoding: .utf8)
    let parsed = try Keymap.parse(text, file: "keymap.conf", base: Keymap())
    #expect(parsed == Keymap.defaults)
  }

  @Test func everyCommandHasADefaultKey() {
    for command in Command.allCases {
      // The colours are reached through `color` (c then 1–5) unless a user binds them.
      let via = command.color != nil ? Command.color : command
      let bound = KeyContext.allCases.contains { !Keymap.defaults.keys(for: via, in: $0).isEmpty }
      #expect(bound, "\(command.rawValue) has no key")
    }
  }

  @Test func helpShowsTheColoursUnderC() throws {
    let lines = HelpText.lines(for: .defaults)
    #expect(lines.first { $0.command == "color-green" }?.keys == "c 2")
    #expect(lines.first { $0.command == "color" }?.keys == "c")
    #expect(lines.contains { $0.kind == .note && $0.text.contains("5j") })
    let custom = try Keymap.parse("bind reader Y color-yellow", file: "k.conf")
    #expect(HelpText.lines(for: custom).first { $0.command == "color-yellow" }?.keys == "Y")
  }

  @Test(arguments: [
    "j", "G", "?", "/", "<C-f>", "<Space>", "<Tab>", "<Enter>", "<Esc>", "<Up>", "<PageDown>", "<F1>", "<lt>",
    "<Comma>", "<Hash>",
  ])
  func keyNamesRoundTrip(name: String) {
    let key = KeyChord(name: name)
    #expect(key != nil)
    #expect(key?.description == name)
  }

  @Test func keyNameAliasesAndCase() {
    #expect(KeyChord(name: "<c-F>") == .ctrl("f"))
    #expect(KeyChord(name: "<pagedown>") == .named(.pageDown))
    #expect(KeyChord(name: "<PgDn>") == .named(.pageDown))
    #expect(KeyChord(name: "<Nope>") == nil)
  }

  @Test func userFileOverridesOnlyWhatItNames() throws {
    let map = try Keymap.parse(
      """
      # my keys
      bind reader x,<C-n> line-down   # trailing comment
      unbind reader j
      bind global <Hash> help
      """, file: "user.conf")
    #expect(map.command(for: .char("x"), in: .reader) == .lineDown)
    #expect(map.command(for: .ctrl("n"), in: .reader) == .lineDown)
    #expect(map.command(for: .char("j"), in: .reader) == nil)
    #expect(map.command(for: .char("k"), in: .reader) == .lineUp)
    #expect(map.command(for: .char("#"), in: .list) == .help)
    #expect(map.command(for: .char("j"), in: .list) == .lineDown)
  }

  @Test func focusedContextWinsOverGlobal() throws {
    let map = try Keymap.parse("bind list q open-article", file: "k.conf")
    #expect(map.command(for: .char("q"), in: .list) == .openArticle)
    #expect(map.command(for: .char("q"), in: .reader) == .quit)
  }

  @Test(arguments: [
    (
      "bind reader j lin-down",
      "k.conf:3: unknown command 'lin-down' (did you mean 'line-down'?), expected one of the commands"
    ),
    (
      "bind raeder j line-down",
      "k.conf:3: unknown context 'raeder' (did you mean 'reader'?), expected one of: global, list, reader, help"
    ),
    ("bind reader <Ctrl-x> line-down", "k.conf:3: unknown key '<Ctrl-x>', expected a single character or a name like"),
    (
      "bind reader j",
      "k.conf:3: 'bind' takes a context, keys and a command, expected 'bind <context> <key>[,<key>…] <command>'"
    ),
    (
      "bnid reader j line-down",
      "k.conf:3: unknown directive 'bnid' (did you mean 'bind'?), expected 'bind', 'unbind' or a '#' comment"
    ),
    ("unbind reader", "k.conf:3: 'unbind' takes a context and keys, expected"),
    ("bind reader j,,k line-down", "k.conf:3: empty key name in 'j,,k'"),
  ])
  func badLinesReportFileLineAndWhatWasExpected(line: String, message: String) {
    let text = "# comment\n\n\(line)\nbind reader k line-up\n"
    do {
      _ = try Keymap.parse(text, file: "k.conf")
      Issue.record("no error for \(line)")
    } catch let error as KeymapError {
      #expect(error.line == 3)
      #expect(error.description.hasPrefix(message), "\(error.description)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func userFileLookupOrder() throws {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-home-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: home) }
    #expect(Keymap.userFile(explicit: nil, environment: ["HOME": home.path]) == nil)
    let dotConfig = home.appendingPathComponent(".config/gloss/keymap.conf")
    try FileManager.default.createDirectory(
      at: dotConfig.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data().write(to: dotConfig)
    #expect(Keymap.userFile(explicit: nil, environment: ["HOME": home.path]) == dotConfig)
    let xdg = home.appendingPathComponent("xdg/gloss/keymap.conf")
    try FileManager.default.createDirectory(at: xdg.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data().write(to: xdg)
    #expect(
      Keymap.userFile(
        explicit: nil, environment: ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("xdg").path])
        == xdg)
    #expect(Keymap.userFile(explicit: "/x/k.conf", environment: ["HOME": home.path])?.path == "/x/k.conf")
  }

  @Test func helpIsGeneratedFromTheLiveKeymap() throws {
    let map = try Keymap.parse("bind reader x top", file: "k.conf")
    let lines = HelpText.lines(for: map)
    let top = lines.first { $0.command == "top" }
    #expect(top?.keys.contains("x") == true)
    #expect(top?.text == Command.top.summary)
    for command in Command.allCases {
      #expect(lines.contains { $0.command == command.rawValue }, "\(command.rawValue) missing from help")
    }
  }
}

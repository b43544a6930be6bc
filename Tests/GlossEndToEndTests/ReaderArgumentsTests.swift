import ArgumentParser
import Testing

@testable import gloss

/// The reader's plain command lines are read without swift-argument-parser (its reflection costs
/// milliseconds before the first paint). They must mean exactly what the parser makes of them,
/// and anything else must be left to the parser.
struct ReaderArgumentsTests {
  static let plain: [[String]] = [
    [],
    ["why the u.s."],
    ["story"],
    ["read"],
    ["read", "story"],
    ["--library", "lib"],
    ["--library=lib"],
    ["--library", "lib", "story"],
    ["story", "--library", "lib"],
    ["--store", "s.json", "--keymap", "k.conf", "--library", "lib", "a b c"],
    ["--keymap=k.conf", "story"],
    ["read", "--library", "lib", "story"],
    ["./articles/x.txt"],
    ["Ա Armenian title ✓"],
    ["--plain", "story"],
    ["story", "--width", "40"],
    ["read", "--width=007", "--plain", "--library", "lib", "story"],
    ["--plain"],
  ]

  @Test(arguments: plain)
  func plainFormsMeanWhatTheParserMakesOfThem(_ arguments: [String]) throws {
    let fast = try #require(ReaderInvocation(plain: arguments), "\(arguments) should take the fast path")
    let parsed = try Gloss.parseAsRoot(arguments)
    let read = try #require(parsed as? Read, "the parser did not open the reader for \(arguments)")
    #expect(fast == read.invocation)
  }

  static let others: [[String]] = [
    ["list"], ["add", "--quote", "x"], ["export"], ["help"], ["--help"], ["-h"], ["read", "--help"],
    ["--version"], ["--library"], ["--library", "--store"], ["--library="], ["--unknown", "x"],
    ["--library", "a", "--library", "b"], ["one", "two"], ["--", "story"], ["-"], ["read", "list"],
    ["story", "tags"], ["--library", "-x"], ["--plain", "--plain"], ["--width", "x", "story"], ["--width", "+4"],
    ["--width", "99999999999999999999"], ["--plain=yes"],
  ]

  @Test(arguments: others)
  func everythingElseGoesToTheParser(_ arguments: [String]) {
    #expect(ReaderInvocation(plain: arguments) == nil)
  }

  @Test func reservedWordsAreTheSubcommands() {
    let names = Gloss.configuration.subcommands.map { $0._commandName }
    #expect(Set(ReaderInvocation.reservedWords) == Set(names + ["help"]))
  }
}

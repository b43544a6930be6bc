import Foundation
import Testing

/// `gloss` reads its environment variables once, by name (`environmentNames` in Gloss.swift):
/// a variable read through that dictionary but not named there would silently be unset.
@Suite struct EnvironmentNamesTests {
  @Test func everyVariableReadIsNamed() throws {
    let sources = repositoryRoot.appendingPathComponent("Sources")
    let gloss = try String(contentsOf: sources.appendingPathComponent("gloss/Gloss.swift"), encoding: .utf8)
    let list = try #require(gloss.range(of: "let environmentNames = [")).upperBound
    let end = try #require(gloss[list...].firstIndex(of: "]"))
    let named = Set(
      gloss[list..<end].split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(["\""])) }
        .filter { !$0.isEmpty })
    #expect(named.contains("TERM") && named.contains("GLOSS_LIBRARY"), "the list was read: \(named)")
    // The code the dictionary is given to: the commands, the keymap's location, the terminal.
    let files = [
      "gloss/Gloss.swift", "gloss/ExportCommand.swift", "GlossApp/KeymapFile.swift",
      "GlossTerminal/NCursesTerminal.swift",
    ]
    var read: Set<String> = []
    for file in files {
      let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") where !line.contains("ProcessInfo") {
        for match in line.matches(of: /(?:env|environment)\["([A-Z_]+)"\]/) { read.insert(String(match.1)) }
      }
    }
    #expect(read.count >= 6, "the reads were found: \(read)")
    #expect(read.subtracting(named).isEmpty, "read but not named: \(read.subtracting(named))")
  }
}

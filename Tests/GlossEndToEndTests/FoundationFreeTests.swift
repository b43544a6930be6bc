import Foundation
import Testing

/// The `gloss` binary links FoundationEssentials only: full Foundation (with CoreFoundation
/// and ICU's tables, 50 MB) doubled its size and its start-up from a cold disk. Swift's
/// MemberImportVisibility (Package.swift) keeps a file from calling what it does not import,
/// so the imports are what to keep in check.
@Suite struct FoundationFreeTests {
  /// The product's sources; gloss-bench and the fuzz support are not in `gloss`.
  func productSources() throws -> [URL] {
    let sources = repositoryRoot.appendingPathComponent("Sources")
    let walker = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
    let files = walker.compactMap { $0 as? URL }.filter {
      $0.pathExtension == "swift" && !$0.path.contains("/gloss-bench/") && !$0.path.contains("/GlossFuzzing/")
    }
    #expect(files.count > 60, "the sources were found")
    return files
  }

  @Test func noSourceOfTheReaderImportsFullFoundationOrYams() throws {
    for file in try productSources() {
      let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
      for (i, line) in lines.enumerated() {
        let code = line.trimmingCharacters(in: .whitespaces)
        #expect(!code.hasPrefix("import Yams"), "\(file.lastPathComponent):\(i + 1)")
        guard
          code == "import Foundation" || code.hasPrefix("import Foundation ")
            || code.hasPrefix("public import Foundation")
        else { continue }
        // Only as the fallback where FoundationEssentials does not exist (macOS).
        let before = lines[..<i].map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(
          before.last == "#else" && before.dropLast().last == "import FoundationEssentials"
            && before.dropLast(2).last == "#if canImport(FoundationEssentials)",
          "\(file.lastPathComponent):\(i + 1) imports full Foundation")
      }
    }
  }

  @Test func packageKeepsImportsStrictAndYamsInTheTestsOnly() throws {
    let manifest = try String(contentsOf: repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
    #expect(manifest.contains("enableUpcomingFeature(\"MemberImportVisibility\")"))
    // Yams is named by test targets only (they come after the others in the manifest).
    let firstTest = try #require(manifest.range(of: ".testTarget(")).lowerBound
    for use in manifest.ranges(of: "product(name: \"Yams\"") {
      #expect(use.lowerBound > firstTest, "a target of the product depends on Yams")
    }
    #expect(manifest.contains(".systemLibrary(\n      name: \"CYAML\"") || manifest.contains("name: \"CYAML\""))
  }

  /// Release builds link the C libraries' archives (Package.swift's `CLibrary`): a `link` line
  /// in a module map would link the shared library into every build again, and the release
  /// binary would load it at every start.
  @Test func theCLibrariesAreLinkedByTheManifestAlone() throws {
    let manifest = try String(contentsOf: repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
    for name in ["CNCursesW", "CCMark", "CYAML"] {
      let map = repositoryRoot.appendingPathComponent("Sources/\(name)/module.modulemap")
      let text = try String(contentsOf: map, encoding: .utf8)
      let links = text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("link ") }
      #expect(links.isEmpty, "\(name)'s module map links \(links)")
    }
    for library in ["ncursesw", "tinfo", "cmark-gfm", "cmark-gfm-extensions", "yaml"] {
      #expect(manifest.contains("\"\(library)\""), "Package.swift names \(library)")
    }
    #expect(manifest.contains("linkerSettings: ncursesw.linkerSettings"))
    #expect(manifest.contains("linkerSettings: cmark.linkerSettings + yaml.linkerSettings"))
  }
}

import Foundation
import Testing

/// YAML front matter through the built `gloss` (libyaml as the binary links it, not the copy
/// inside Yams that the unit tests link): read from a Markdown article, written into its
/// export, byte for byte what Gloss wrote through Yams.
@Suite struct FrontMatterCLITests {
  static let article = """
    ---\r
    title: "Ιστορία 中文 😀 \\"q\\" \\\\ tab\\t esc \\e rlo \\u202E nel \\N end"\r
    author:\r
      - Ann\r
      - &b Bob\r
    date: 2024-05-01\r
    source: *b\r
    extra: {nested: [1, {deep: 2}]}\r
    ---\r
    \r
    Body words to annotate.\r
    """

  @Test func frontMatterReadFromAnArticleIsWrittenIntoItsExport() throws {
    let library = try makeLibrary(files: ["hostile.md": Self.article])
    defer { try? FileManager.default.removeItem(at: library) }
    let added = try runGloss([
      "add", "--library", library.path, "--article", "hostile", "--quote", "words to", "--tag", "中文 tag",
      "--tag", "x\"y\u{202E}",
    ])
    #expect(added.status == 0, "\(added.stderr)")
    let export = try runGloss(["export", "--library", library.path, "--no-timestamp"])
    #expect(export.status == 0, "\(export.stderr)")
    let frontMatter = try #require(export.stdout.components(separatedBy: "---\n").dropFirst().first)
    // `PositionsAndExportSafetyTests.theCLIGoldenIsWhatYamsWrites` checks these bytes against Yams.
    #expect(
      frontMatter == """
        title: "Ιστορία 中文 \\U0001F600 \\"q\\" \\\\ tab esc \\e rlo \\u202E nel \\N end"
        source: "hostile.md"
        tags: ["中文 tag", "x\\"y\\u202E"]

        """)
    #expect(!export.stdout.contains("Bob"), "the byline is not exported")
  }
}

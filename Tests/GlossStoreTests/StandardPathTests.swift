import Foundation
import GlossModel
import GlossStore
import Testing

/// The library's and the article's paths, as the reader works them out at start-up, must be
/// the ones `standardizedFileURL` gives, which the rest of Gloss compares — "~", "..", and
/// links in the way included.
@Suite struct StandardPathTests {
  func expected(_ path: String, from directory: String) -> String {
    URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
  }

  @Test func pathsWithLinksDotDotAndTildeAreTheStandardizedFileURLs() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("sp-\(UUID().uuidString.prefix(8))")
    let deep = root.appendingPathComponent("real/deep")
    try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: root.appendingPathComponent("link"), withDestinationURL: deep)
    defer { try? FileManager.default.removeItem(at: root) }
    let cases = ["link/../x.md", "link/..", "./link/../../real", "link/./a", "real/deep/../deep", "plain/a.md"]
    for path in cases {
      #expect(StandardPath.of(path, from: root.path) == expected(path, from: root.path), "\(path)")
    }
    for path in ["~", "~/articles", "~/a/../b"] {
      #expect(StandardPath.of(path, from: "/somewhere") == expected(path, from: "/somewhere"), "\(path)")
    }
    #expect(!StandardPath.of("~/articles", from: "/somewhere").hasPrefix("/somewhere"))
    // Without "~" or "..", the text alone.
    #expect(StandardPath.of("a/./b//c/", from: "/d") == PathName.absolute("a/./b//c/", from: "/d"))
  }
}

import Foundation
import GlossModel
import Testing

/// The text conversions that replace full Foundation's `String` additions in the reader.
@Suite struct TextFormsTests {
  @Test func namesSortAsAFileManagerSortsThem() {
    let names = ["note 10.txt", "Note 2.txt", "note 1.txt", "Émigré.md", "apple.txt", "Zebra.md", "note 02.txt"]
    #expect(
      names.sorted(by: TextOrder.precedes)
        == ["apple.txt", "Émigré.md", "note 1.txt", "Note 2.txt", "note 02.txt", "note 10.txt", "Zebra.md"])
  }

  @Test func theOrderIsTotalAndStrict() {
    let names = [
      "a", "A", "a1", "a01", "a10", "a9", "b", "", "a-", "a–", "１", "1", "99999999999999999999999",
      "100000000000000000000000",
    ]
    for x in names {
      #expect(!TextOrder.precedes(x, x))
      for y in names where x != y {
        #expect(TextOrder.precedes(x, y) != TextOrder.precedes(y, x), "\(x) vs \(y)")
      }
    }
    // Numbers longer than any machine integer are compared by their digits.
    #expect(TextOrder.precedes("99999999999999999999999", "100000000000000000000000"))
  }

  @Test func percentEscapesAreReadAsUTF8() {
    #expect(PercentEncoding.decoded("caf%C3%A9%20au%20lait") == "café au lait")
    #expect(PercentEncoding.decoded("no escapes") == "no escapes")
    #expect(PercentEncoding.decoded("%e2%80%94") == "—")
    #expect(PercentEncoding.decoded("100%") == nil, "an escape cut short")
    #expect(PercentEncoding.decoded("%zz") == nil, "not hexadecimal")
    #expect(PercentEncoding.decoded("%FF%FE") == nil, "not UTF-8")
    #expect(PercentEncoding.decoded("%00") == "\u{0}")
  }

  @Test func pathPartsAreThoseOfTheLastComponent() {
    #expect(PathName.last("a/b/c.txt") == "c.txt")
    #expect(PathName.last("a/b/c.txt/") == "c.txt")
    #expect(PathName.last("c.txt") == "c.txt")
    #expect(PathName.last("/") == "/")
    #expect(PathName.fileExtension("a/b.tar.gz") == "gz")
    #expect(PathName.fileExtension("a.d/b") == "", "a dot in a folder's name is not the file's")
    #expect(PathName.fileExtension("a/.profile") == "")
    #expect(PathName.fileExtension("notes.") == "")
    #expect(PathName.stem("a/b.tar.gz") == "b.tar")
    #expect(PathName.stem("a/.profile") == ".profile")
    #expect(PathName.stem("Ünïcode 文章.md") == "Ünïcode 文章")
  }

  /// The reader works out its library's and article's paths on the text; they must be the
  /// paths a file URL's `standardizedFileURL` gives, which the rest of the library compares.
  @Test func absolutePathsAreTheStandardizedFileURLs() {
    let directories = ["/home/reader", "/home/reader/", "/", "/a b/Ünïcode 文章"]
    let paths = [
      "articles", "./articles/", "a/../b", "../x", "/abs/./y//z/", "a/b/..", "..", "/", ".", "x/../../y",
      "Ünïcode 文章/a.md", "a b/c.txt", "../../../../up", "a/./b/./", "//double",
    ]
    for directory in directories {
      for path in paths {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
        #expect(
          PathName.absolute(path, from: directory) == url.standardizedFileURL.path, "\(path) from \(directory)")
      }
    }
    #expect(PathName.parent("/a/b.txt") == "/a")
    #expect(PathName.parent("/a") == "/")
    #expect(PathName.parent("/") == "/")
  }
}

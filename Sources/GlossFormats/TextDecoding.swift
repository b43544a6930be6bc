#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How the bytes of a text article become a string: UTF-16 (little or big endian) when the file
/// starts with its byte-order mark, else UTF-8 (a UTF-8 BOM dropped). Invalid sequences become
/// U+FFFD; decoding never fails.
public enum TextDecoding {
  public enum Encoding: Sendable, Equatable {
    case utf8
    case utf16LittleEndian
    case utf16BigEndian
  }

  /// The encoding the first bytes name, and the length of the byte-order mark.
  public static func sniff(_ bytes: UnsafeRawBufferPointer) -> (encoding: Encoding, bomLength: Int) {
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return (.utf8, 3) }
    if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return (.utf16LittleEndian, 2) }
    if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return (.utf16BigEndian, 2) }
    return (.utf8, 0)
  }

  public static func sniff(_ data: Data) -> (encoding: Encoding, bomLength: Int) {
    data.withUnsafeBytes { sniff($0) }
  }

  /// The text of a file's bytes (see the type's description).
  public static func string(_ data: Data) -> String {
    data.withUnsafeBytes { raw -> String in
      let (encoding, bom) = sniff(raw)
      let body = UnsafeRawBufferPointer(rebasing: raw[bom...])
      switch encoding {
      case .utf8:
        return String(decoding: body, as: UTF8.self)
      case .utf16LittleEndian, .utf16BigEndian:
        var text = String(decoding: UTF16Units(bytes: body, bigEndian: encoding == .utf16BigEndian), as: UTF16.self)
        if body.count % 2 == 1 { text.unicodeScalars.append("\u{FFFD}") }
        return text
      }
    }
  }

  /// The encoding to read a web page in regardless of the charset it declares: "UTF-8" when
  /// it starts with UTF-8's byte-order mark, or has none and the bytes are valid UTF-8 (pages
  /// saved as UTF-8 that still say gb2312 or iso-8859-1 in a meta tag are common, while text
  /// in a legacy charset is almost never valid UTF-8 by chance). Nil leaves the choice to the page (its BOM, its
  /// declared charset) — also for ASCII holding ESC, which ISO-2022 charsets are made of.
  public static func webPageEncodingOverride(_ data: Data) -> String? {
    data.withUnsafeBytes { raw -> String? in
      let (encoding, bom) = sniff(raw)
      if encoding == .utf8 && bom == 3 { return "UTF-8" }
      guard bom == 0, let base = raw.baseAddress, raw.count > 0 else { return nil }
      let bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: raw.count)
      guard String(validating: bytes, as: UTF8.self) != nil else { return nil }
      // ASCII with ESC may be ISO-2022 (and ESC in UTF-8 text is rare).
      return memchr(base, 0x1B, raw.count) == nil ? "UTF-8" : nil
    }
  }

  /// The number of bytes inspected by `isBinary`.
  public static let binaryProbeLength = 8 * 1024

  /// True when the first few KB hold a NUL byte and the file is not UTF-16 (by its BOM):
  /// images, executables and archives renamed to an article's extension.
  public static func isBinary(_ data: Data) -> Bool {
    data.withUnsafeBytes { raw -> Bool in
      guard sniff(raw).encoding == .utf8 else { return false }
      guard let base = raw.baseAddress else { return false }
      return memchr(base, 0, min(raw.count, binaryProbeLength)) != nil
    }
  }

  /// UTF-16 code units read in pairs of bytes, without copying them.
  struct UTF16Units: RandomAccessCollection {
    let bytes: UnsafeRawBufferPointer
    let bigEndian: Bool
    var startIndex: Int { 0 }
    var endIndex: Int { bytes.count / 2 }
    subscript(i: Int) -> UInt16 {
      let a = UInt16(bytes[2 * i])
      let b = UInt16(bytes[2 * i + 1])
      return bigEndian ? a << 8 | b : b << 8 | a
    }
  }
}

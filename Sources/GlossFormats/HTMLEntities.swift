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

/// HTML5 named character references. libxml2's HTML parser knows only HTML 4's 253 names and
/// leaves the rest (`&percnt;`, `&NewLine;`, `&check;`…) as literal text; before parsing, every
/// named reference of the full HTML5 table (`HTMLEntityTable.swift`) is rewritten as numeric
/// references, which libxml2 decodes in any charset.
enum HTMLEntities {
  /// Name (without `&` and `;`) → its code points.
  static let codePoints: [String: [UInt32]] = {
    var result: [String: [UInt32]] = [:]
    result.reserveCapacity(2200)
    for entry in table.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
      guard let equals = entry.firstIndex(of: "=") else { continue }
      let values = entry[entry.index(after: equals)...].split(separator: ",").compactMap { UInt32($0, radix: 16) }
      result[String(entry[..<equals])] = values
    }
    return result
  }()

  /// The longest name in the table (`CounterClockwiseContourIntegral`).
  static let longestName = 32

  /// Names libxml2 decodes the same way itself, left alone.
  static let libxml2Knows: Set<String> = ["amp", "lt", "gt", "quot", "nbsp"]

  /// The page's bytes with HTML5 named references that libxml2 does not know rewritten as
  /// numeric ones (`&percnt;` → `&#x25;`). Only for ASCII-compatible bytes (names are ASCII);
  /// the data is returned unchanged when there is nothing to rewrite.
  static func numericReferences(_ data: Data) -> Data {
    guard TextDecoding.sniff(data).encoding == .utf8 else { return data }
    return data.withUnsafeBytes { raw -> Data in
      guard let base = raw.baseAddress else { return data }
      let bytes = raw.bindMemory(to: UInt8.self)
      var output: [UInt8] = []
      var copied = 0  // bytes before this were copied to output (when output is in use)
      var position = 0
      let count = bytes.count
      while position < count {
        guard let found = memchr(base + position, 0x26, count - position) else { break }
        let amp = base.distance(to: UnsafeRawPointer(found))
        var end = amp + 1
        while end < count, end - amp <= longestName + 1, isNameByte(bytes[end]) { end += 1 }
        position = amp + 1
        guard end < count, bytes[end] == 0x3B, end > amp + 1 else { continue }
        let name = String(decoding: bytes[(amp + 1)..<end], as: UTF8.self)
        guard !libxml2Knows.contains(name), let values = codePoints[name] else { continue }
        if output.isEmpty { output.reserveCapacity(count + 64) }
        output.append(contentsOf: bytes[copied..<amp])
        for value in values { output.append(contentsOf: Array("&#x\(String(value, radix: 16));".utf8)) }
        copied = end + 1
        position = end + 1
      }
      guard copied > 0 else { return data }
      output.append(contentsOf: bytes[copied..<count])
      return Data(output)
    }
  }

  static func isNameByte(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
  }
}

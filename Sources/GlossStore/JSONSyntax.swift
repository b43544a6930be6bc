#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Where a JSON text first breaks the grammar (RFC 8259, with the trailing comma JSONDecoder
/// also accepts), for error messages that name a line and a column. JSONDecoder decides whether a file is JSON and reads it; it does not say where
/// it stopped (FoundationEssentials' decoder gives only "not valid JSON"), so this walks the
/// bytes once, without recursion (an explicit stack), and returns the offset of the first byte
/// that cannot continue a valid text, or the file's length when it ends too early.
enum JSONSyntax {
  /// nil when the text is valid JSON (any value at the top, surrounded by whitespace).
  static func firstError(in data: Data) -> Int? {
    data.withUnsafeBytes { raw in
      var scan = Scan(bytes: raw.bindMemory(to: UInt8.self))
      return scan.run()
    }
  }

  private struct Scan {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0
    /// Open containers: true for an object.
    var stack: [Bool] = []
    /// The innermost container was just opened (no element read yet).
    var opened = false

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var byte: UInt8? { at < bytes.count ? bytes[at] : nil }

    mutating func skipSpace() {
      while let b = byte, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { at += 1 }
    }

    mutating func run() -> Int? {
      skipSpace()
      guard value() else { return at }
      while let isObject = stack.last {
        skipSpace()
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        if byte == close {
          at += 1
          stack.removeLast()
          opened = false
          continue
        }
        if !opened {
          guard byte == UInt8(ascii: ",") else { return at }
          at += 1
          skipSpace()
          // A comma before the end, as JSONDecoder allows it (`[1, 2,]`).
          if byte == close { continue }
        }
        opened = false
        if isObject ? !member() : !value() { return at }
      }
      skipSpace()
      return at == bytes.count ? nil : at
    }

    /// `"key": value`.
    mutating func member() -> Bool {
      guard string() else { return false }
      skipSpace()
      guard byte == UInt8(ascii: ":") else { return false }
      at += 1
      skipSpace()
      return value()
    }

    /// A scalar, or the opening of a container (whose elements `run` then reads: no
    /// recursion, whatever the depth).
    mutating func value() -> Bool {
      guard let b = byte else { return false }
      switch b {
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        at += 1
        stack.append(b == UInt8(ascii: "{"))
        opened = true
        return true
      case UInt8(ascii: "\""): return string()
      case UInt8(ascii: "t"): return literal("true")
      case UInt8(ascii: "f"): return literal("false")
      case UInt8(ascii: "n"): return literal("null")
      default: return number()
      }
    }

    mutating func literal(_ word: String) -> Bool {
      for expected in word.utf8 {
        guard byte == expected else { return false }
        at += 1
      }
      return true
    }

    mutating func string() -> Bool {
      guard byte == UInt8(ascii: "\"") else { return false }
      at += 1
      while let b = byte {
        switch b {
        case UInt8(ascii: "\""):
          at += 1
          return true
        case UInt8(ascii: "\\"):
          at += 1
          guard let e = byte else { return false }
          if e == UInt8(ascii: "u") {
            at += 1
            for _ in 0..<4 {
              guard let h = byte, isHex(h) else { return false }
              at += 1
            }
          } else {
            guard Array("\"\\/bfnrt".utf8).contains(e) else { return false }
            at += 1
          }
        case 0..<0x20: return false
        default: at += 1
        }
      }
      return false
    }

    mutating func number() -> Bool {
      if byte == UInt8(ascii: "-") { at += 1 }
      guard let first = byte, isDigit(first) else { return false }
      at += 1
      if first != UInt8(ascii: "0") { digits() }
      if byte == UInt8(ascii: ".") {
        at += 1
        guard let d = byte, isDigit(d) else { return false }
        digits()
      }
      if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
        at += 1
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { at += 1 }
        guard let d = byte, isDigit(d) else { return false }
        digits()
      }
      return true
    }

    mutating func digits() {
      while let b = byte, isDigit(b) { at += 1 }
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    func isHex(_ b: UInt8) -> Bool { isDigit(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b) }
  }
}

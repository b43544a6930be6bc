import GlossModel

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

/// The annotations file and the `--json` records, read and written directly over bytes.
///
/// JSONDecoder and JSONEncoder take ~140 ms and ~170 ms for 10,000 annotations on these
/// machines; this takes a few milliseconds. Both sides are checked against Foundation:
/// the writer must give the same bytes as JSONEncoder (pretty, sorted keys, slashes left
/// alone, `ISO8601` dates), and the reader is a fast path only — anything it does not
/// recognise (a number with an exponent, a duplicate key, invalid UTF-8, …) makes it give
/// up, and the store then decodes with JSONDecoder, which accepts or explains the file.
/// Fields the format does not know are read as `JSONValue`s, kept, and written back.
/// A differential fuzz target (FuzzStore) checks that whatever the fast reader accepts,
/// JSONDecoder accepts with the same result.
enum StoreJSON {
  // MARK: - Reading

  /// The file, or nil when this reader does not recognise something in it (the caller then
  /// uses JSONDecoder, which either reads it or says what is wrong).
  static func decode(_ data: Data) -> AnnotationStore.File? {
    data.withUnsafeBytes { raw in
      var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
      guard let file = reader.file() else { return nil }
      reader.skipSpace()
      return reader.at == reader.bytes.count ? file : nil
    }
  }

  struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
      self.bytes = bytes
    }

    mutating func skipSpace() {
      while at < bytes.count {
        switch bytes[at] {
        case 0x20, 0x0A, 0x0D, 0x09: at += 1
        default: return
        }
      }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
      skipSpace()
      guard at < bytes.count, bytes[at] == byte else { return false }
      at += 1
      return true
    }

    /// Calls `member` for each key of an object (a key is the byte range of its unescaped
    /// text); nil on any syntax it does not know, a key with escapes, or a duplicate key
    /// (JSONDecoder's choice between duplicates is left to JSONDecoder).
    mutating func object(_ member: (inout Reader, Range<Int>) -> Bool) -> Bool {
      guard consume(UInt8(ascii: "{")) else { return false }
      if consume(UInt8(ascii: "}")) { return true }
      var seen: [Range<Int>] = []
      seen.reserveCapacity(16)
      while true {
        skipSpace()
        // Keys this reader knows are plain ASCII; any other key (escapes, non-ASCII, invalid
        // UTF-8) is left to JSONDecoder.
        guard let key = plainString() else { return false }
        for other in seen where equal(other, key) { return false }
        seen.append(key)
        guard consume(UInt8(ascii: ":")) else { return false }
        skipSpace()
        guard member(&self, key) else { return false }
        if consume(UInt8(ascii: ",")) { continue }
        return consume(UInt8(ascii: "}"))
      }
    }

    func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
      guard a.count == b.count else { return false }
      return memcmp(bytes.baseAddress! + a.lowerBound, bytes.baseAddress! + b.lowerBound, a.count) == 0
    }

    func equal(_ a: Range<Int>, _ word: StaticString) -> Bool {
      guard a.count == word.utf8CodeUnitCount else { return false }
      return memcmp(bytes.baseAddress! + a.lowerBound, word.utf8Start, a.count) == 0
    }

    mutating func array(_ element: (inout Reader) -> Bool) -> Bool {
      guard consume(UInt8(ascii: "[")) else { return false }
      if consume(UInt8(ascii: "]")) { return true }
      while true {
        skipSpace()
        guard element(&self) else { return false }
        if consume(UInt8(ascii: ",")) { continue }
        return consume(UInt8(ascii: "]"))
      }
    }

    /// A string with escapes resolved; nil for raw control characters, bad escapes, lone
    /// surrogates or invalid UTF-8.
    mutating func string() -> String? {
      guard at < bytes.count, bytes[at] == 0x22 else { return nil }
      at += 1
      let first = at
      // The common case: no escapes, validated and copied once.
      while at < bytes.count {
        let b = bytes[at]
        if b == 0x22 {
          at += 1
          return String(validating: UnsafeBufferPointer(rebasing: bytes[first..<(at - 1)]), as: UTF8.self)
        }
        if b < 0x20 { return nil }
        if b == 0x5C { break }
        at += 1
      }
      var out = Array(UnsafeBufferPointer(rebasing: bytes[first..<min(at, bytes.count)]))
      var start = at
      while at < bytes.count {
        let b = bytes[at]
        if b == 0x22 {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<at]))
          at += 1
          return String(validating: out, as: UTF8.self)
        }
        if b < 0x20 { return nil }
        if b == 0x5C {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<at]))
          at += 1
          guard at < bytes.count else { return nil }
          let e = bytes[at]
          at += 1
          switch e {
          case 0x22, 0x5C, 0x2F: out.append(e)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "u"):
            guard var code = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(code) {
              guard at + 1 < bytes.count, bytes[at] == 0x5C, bytes[at + 1] == UInt8(ascii: "u") else { return nil }
              at += 2
              guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(code) {
              return nil
            }
            guard let scalar = Unicode.Scalar(code) else { return nil }
            out.append(contentsOf: UTF8.encode(scalar)!)
          default:
            return nil
          }
          start = at
          continue
        }
        at += 1
      }
      return nil
    }

    mutating func hex4() -> UInt32? {
      guard at + 4 <= bytes.count else { return nil }
      var v: UInt32 = 0
      for _ in 0..<4 {
        let b = bytes[at]
        let d: UInt32
        switch b {
        case 0x30...0x39: d = UInt32(b - 0x30)
        case 0x41...0x46: d = UInt32(b - 0x41 + 10)
        case 0x61...0x66: d = UInt32(b - 0x61 + 10)
        default: return nil
        }
        v = v << 4 | d
        at += 1
      }
      return v
    }

    /// A plain integer (`-?[0-9]+`, no leading zeros, fits in Int); anything else is left to
    /// JSONDecoder.
    mutating func int() -> Int? {
      var negative = false
      if at < bytes.count, bytes[at] == UInt8(ascii: "-") {
        negative = true
        at += 1
      }
      let first = at
      var value = 0
      while at < bytes.count, (0x30...0x39).contains(bytes[at]) {
        let (m, o1) = value.multipliedReportingOverflow(by: 10)
        let (s, o2) = m.subtractingReportingOverflow(Int(bytes[at] - 0x30))
        guard !o1, !o2 else { return nil }
        value = s
        at += 1
      }
      let count = at - first
      guard count > 0, count == 1 || bytes[first] != 0x30 else { return nil }
      // A fraction or exponent: not ours.
      if at < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[at]) { return nil }
      if negative { return value }
      let (positive, overflow) = (0).subtractingReportingOverflow(value)
      return overflow ? nil : positive
    }

    /// A date string without escapes (the only form the writer produces; anything else is
    /// left to JSONDecoder).
    mutating func date() -> Date? {
      guard let span = plainString() else { return nil }
      return ISO8601.date(UnsafeBufferPointer(rebasing: bytes[span]))
    }

    /// A UUID string, `8-4-4-4-12` hex digits of either case, as `UUID(uuidString:)` takes.
    mutating func uuid() -> UUID? {
      guard let span = plainString(), span.count == 36 else { return nil }
      var raw: [UInt8] = []
      raw.reserveCapacity(16)
      var i = span.lowerBound
      while i < span.upperBound {
        if [8, 13, 18, 23].contains(i - span.lowerBound) {
          guard bytes[i] == UInt8(ascii: "-") else { return nil }
          i += 1
          continue
        }
        guard let high = hexDigit(bytes[i]), let low = hexDigit(bytes[i + 1]) else { return nil }
        raw.append(high << 4 | low)
        i += 2
      }
      guard raw.count == 16 else { return nil }
      return UUID(
        uuid: (
          raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10], raw[11], raw[12],
          raw[13], raw[14], raw[15]
        ))
    }

    func hexDigit(_ b: UInt8) -> UInt8? {
      switch b {
      case 0x30...0x39: return b - 0x30
      case 0x41...0x46: return b - 0x41 + 10
      case 0x61...0x66: return b - 0x61 + 10
      default: return nil
      }
    }

    /// The byte range of a string of printable ASCII without escapes (keys, dates, UUIDs).
    mutating func plainString() -> Range<Int>? {
      guard at < bytes.count, bytes[at] == 0x22 else { return nil }
      let start = at + 1
      var end = start
      while end < bytes.count, bytes[end] != 0x22 {
        guard bytes[end] != 0x5C, bytes[end] >= 0x20, bytes[end] < 0x80 else { return nil }
        end += 1
      }
      guard end < bytes.count else { return nil }
      at = end + 1
      return start..<end
    }

    /// Any JSON value this reader can read exactly (no fractions or exponents: those are left
    /// to JSONDecoder), for fields the format does not know, which are kept.
    mutating func value(depth: Int = 0) -> JSONValue? {
      guard depth < 64, at < bytes.count else { return nil }
      switch bytes[at] {
      case 0x22: return string().map(JSONValue.string)
      case UInt8(ascii: "{"):
        var members: [String: JSONValue] = [:]
        let ok = object { r, key in
          guard let v = r.value(depth: depth + 1) else { return false }
          members[r.text(key)] = v
          return true
        }
        return ok ? .object(members) : nil
      case UInt8(ascii: "["):
        var items: [JSONValue] = []
        let ok = array { r in
          guard let v = r.value(depth: depth + 1) else { return false }
          items.append(v)
          return true
        }
        return ok ? .array(items) : nil
      case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
      case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
      case UInt8(ascii: "n"): return literal("null") ? .null : nil
      default: return int().map(JSONValue.int)
      }
    }

    func text(_ span: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: bytes[span]), as: UTF8.self)
    }

    mutating func literal(_ word: StaticString) -> Bool {
      let n = word.utf8CodeUnitCount
      guard at + n <= bytes.count else { return false }
      for i in 0..<n where bytes[at + i] != word.utf8Start[i] { return false }
      at += n
      return true
    }
  }
}

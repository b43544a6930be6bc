import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The writing half of `StoreJSON` (see StoreJSONReader.swift for the format and why it is
/// written by hand).
extension StoreJSON {
  // MARK: - Writing

  struct Writer {
    var bytes: [UInt8] = []

    mutating func raw(_ s: StaticString) {
      s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func indent(_ level: Int) {
      for _ in 0..<(level * 2) { bytes.append(0x20) }
    }

    mutating func int(_ n: Int) {
      if n < 0 {
        bytes.append(UInt8(ascii: "-"))
        // Int.min has no positive counterpart; spell it out.
        if n == Int.min {
          bytes.append(contentsOf: "9223372036854775808".utf8)
          return
        }
      }
      var v = n.magnitude
      var digits: [UInt8] = []
      repeat {
        digits.append(UInt8(v % 10) + 48)
        v /= 10
      } while v > 0
      bytes.append(contentsOf: digits.reversed())
    }

    /// A JSON string literal, escaped as JSONEncoder does (slashes left alone).
    mutating func string(_ s: String) {
      bytes.append(0x22)
      var s = s
      s.withUTF8 { utf8 in
        var start = 0
        for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
          start = i + 1
          switch b {
          case 0x22: raw("\\\"")
          case 0x5C: raw("\\\\")
          case 0x0A: raw("\\n")
          case 0x0D: raw("\\r")
          case 0x09: raw("\\t")
          case 0x08: raw("\\b")
          case 0x0C: raw("\\f")
          default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            raw("\\u00")
            bytes.append(hex[Int(b >> 4)])
            bytes.append(hex[Int(b & 0xF)])
          }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
      }
      bytes.append(0x22)
    }

    mutating func date(_ date: Date) {
      bytes.append(0x22)
      ISO8601.write(date, into: &bytes)
      bytes.append(0x22)
    }

    mutating func uuid(_ id: UUID) {
      let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
      bytes.append(0x22)
      withUnsafeBytes(of: id.uuid) { raw in
        for i in 0..<16 {
          if i == 4 || i == 6 || i == 8 || i == 10 { bytes.append(UInt8(ascii: "-")) }
          bytes.append(hex[Int(raw[i] >> 4)])
          bytes.append(hex[Int(raw[i] & 0xF)])
        }
      }
      bytes.append(0x22)
    }

    /// `"key" : ` at an indentation level.
    mutating func key(_ name: StaticString, _ level: Int) {
      indent(level)
      bytes.append(0x22)
      raw(name)
      raw("\" : ")
    }

    /// An array of objects, each written by `element` at `level + 1`; JSONEncoder's pretty
    /// form, where an empty array is `[`, an empty line, and `]`.
    mutating func array<T>(_ items: [T], level: Int, _ element: (inout Writer, T, Int) -> Void) {
      raw("[\n")
      if items.isEmpty {
        raw("\n")
      }
      for (i, item) in items.enumerated() {
        element(&self, item, level + 1)
        raw(i + 1 < items.count ? ",\n" : "\n")
      }
      indent(level)
      raw("]")
    }

    /// One annotation as an object with sorted keys (the store's record and `--json`'s), with
    /// any fields this version does not know (`extras`) in their sorted places.
    mutating func annotation(_ a: Annotation, extras: [String: JSONValue] = [:], level: Int) {
      indent(level)
      raw("{\n")
      let l = level + 1
      var unknown = StoreJSON.sortedKeys(extras)[...]
      var first = true
      func member(_ name: StaticString, _ w: inout Writer, _ value: (inout Writer) -> Void) {
        let known = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        while let next = unknown.first, next.utf8.lexicographicallyPrecedes(known) {
          unknown.removeFirst()
          if !first { w.raw(",\n") }
          first = false
          w.extra(next, extras[next]!, level: l)
        }
        if !first { w.raw(",\n") }
        first = false
        w.key(name, l)
        value(&w)
      }
      member("anchor", &self) { $0.string(a.anchor.rawValue) }
      member("article", &self) { $0.string(a.article) }
      member("color", &self) { $0.string(a.color.rawValue) }
      member("created", &self) { $0.date(a.created) }
      member("end", &self) { $0.int(a.end) }
      member("id", &self) { $0.uuid(a.id) }
      member("modified", &self) { $0.date(a.modified) }
      member("note", &self) { $0.string(a.note) }
      member("prefix", &self) { $0.string(a.prefix) }
      member("quote", &self) { $0.string(a.quote) }
      member("start", &self) { $0.int(a.start) }
      member("suffix", &self) { $0.string(a.suffix) }
      member("tags", &self) { w in
        w.raw("[\n")
        if a.tags.isEmpty { w.raw("\n") }
        for (i, tag) in a.tags.enumerated() {
          w.indent(l + 1)
          w.string(tag)
          w.raw(i + 1 < a.tags.count ? ",\n" : "\n")
        }
        w.indent(l)
        w.raw("]")
      }
      for key in unknown {
        raw(",\n")
        extra(key, extras[key]!, level: l)
      }
      raw("\n")
      indent(level)
      raw("}")
    }

    /// `"key" : value` for a field this version does not know, as JSONEncoder writes it.
    mutating func extra(_ key: String, _ value: JSONValue, level: Int) {
      indent(level)
      string(key)
      raw(" : ")
      let encoded = (try? StoreJSON.valueEncoder.encode(value)) ?? Data("null".utf8)
      // JSONEncoder's pretty form of the value on its own, indented to this level (strings in
      // JSON hold no raw line breaks, so every line break is the printer's); blank lines, as
      // in an empty list, stay blank.
      var previous: UInt8 = 0
      for b in encoded {
        if previous == 0x0A && b != 0x0A { indent(level) }
        bytes.append(b)
        previous = b
      }
    }
  }

  static var valueEncoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  /// Keys in JSONEncoder's `.sortedKeys` order (by UTF-8 bytes).
  static func sortedKeys(_ fields: [String: JSONValue]) -> [String] {
    fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// The annotations file, byte for byte as JSONEncoder would write it, with a final newline:
  /// annotations and tombstones by id (`AnnotationStore.stableOrder`), one field a line.
  static func encode(_ file: AnnotationStore.File) -> Data {
    var w = Writer()
    w.bytes.reserveCapacity(file.annotations.count * 640 + file.deleted.count * 96 + 64)
    w.raw("{\n")
    var unknown = sortedKeys(file.extras)[...]
    func extras(before known: String) {
      while let next = unknown.first, next.utf8.lexicographicallyPrecedes(known.utf8) {
        unknown.removeFirst()
        w.extra(next, file.extras[next]!, level: 1)
        w.raw(",\n")
      }
    }
    extras(before: "annotations")
    w.key("annotations", 1)
    w.array(file.stableAnnotations, level: 1) { w, a, level in
      w.annotation(a, extras: file.annotationExtras[a.id] ?? [:], level: level)
    }
    w.raw(",\n")
    extras(before: "deleted")
    w.key("deleted", 1)
    w.array(file.stableTombstones, level: 1) { w, t, level in
      w.indent(level)
      w.raw("{\n")
      w.key("deleted", level + 1)
      w.date(t.deleted)
      w.raw(",\n")
      w.key("id", level + 1)
      w.uuid(t.id)
      w.raw("\n")
      w.indent(level)
      w.raw("}")
    }
    w.raw(",\n")
    extras(before: "version")
    w.key("version", 1)
    w.int(file.version)
    for key in unknown {
      w.raw(",\n")
      w.extra(key, file.extras[key]!, level: 1)
    }
    w.raw("\n}\n")
    return Data(w.bytes)
  }

  /// `gloss annotations --json`: the records as a pretty array with sorted keys.
  static func records(_ annotations: [Annotation]) -> String {
    var w = Writer()
    w.bytes.reserveCapacity(annotations.count * 600 + 8)
    w.array(annotations, level: 0) { w, a, level in w.annotation(a, level: level) }
    w.raw("\n")
    return String(decoding: w.bytes, as: UTF8.self)
  }

  /// JSON text with every C0 and C1 control character, DEL, and the bidi and line-separator
  /// characters the reader shows escaped, written as `\uXXXX` — for output that may reach a
  /// terminal (`--json`, exports). Only strings can hold such characters in JSON text, and
  /// the escape means the same character, so the JSON reads back the same.
  package static func escapingControls(_ data: Data) -> Data {
    func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
      scalar != "\n" && Glyph.escape(scalar) != nil
    }
    let text = String(decoding: data, as: UTF8.self)
    guard text.unicodeScalars.contains(where: needsEscape) else { return data }
    let hex = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(data.count + 64)
    for scalar in text.unicodeScalars {
      if needsEscape(scalar) {
        out.append(contentsOf: "\\u".utf8)
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int(scalar.value >> UInt32(shift) & 0xF)]) }
      } else {
        out.append(contentsOf: UTF8.encode(scalar)!)
      }
    }
    return Data(out)
  }
}

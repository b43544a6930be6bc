#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Any JSON value, for fields of the annotations file this version does not know (written by
/// a newer Gloss or added by hand): they are read, kept and written back unchanged.
package enum JSONValue: Codable, Equatable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  package init(from decoder: Decoder) throws {
    if var list = try? decoder.unkeyedContainer() {
      var items: [JSONValue] = []
      while !list.isAtEnd { items.append(try list.decode(JSONValue.self)) }
      self = .array(items)
      return
    }
    if let object = try? decoder.container(keyedBy: AnyKey.self) {
      var members: [String: JSONValue] = [:]
      for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
      self = .object(members)
      return
    }
    let value = try decoder.singleValueContainer()
    if value.decodeNil() {
      self = .null
    } else if let b = try? value.decode(Bool.self) {
      self = .bool(b)
    } else if let n = try? value.decode(Int.self) {
      self = .int(n)
    } else if let d = try? value.decode(Double.self) {
      self = .double(d)
    } else {
      self = .string(try value.decode(String.self))
    }
  }

  package func encode(to encoder: Encoder) throws {
    switch self {
    case .null:
      var c = encoder.singleValueContainer()
      try c.encodeNil()
    case .bool(let b):
      var c = encoder.singleValueContainer()
      try c.encode(b)
    case .int(let n):
      var c = encoder.singleValueContainer()
      try c.encode(n)
    case .double(let d):
      var c = encoder.singleValueContainer()
      try c.encode(d)
    case .string(let s):
      var c = encoder.singleValueContainer()
      try c.encode(s)
    case .array(let items):
      var c = encoder.unkeyedContainer()
      for item in items { try c.encode(item) }
    case .object(let members):
      var c = encoder.container(keyedBy: AnyKey.self)
      for (key, value) in members { try c.encode(value, forKey: AnyKey(key)) }
    }
  }
}

/// A coding key for any name.
package struct AnyKey: CodingKey, Hashable {
  package var stringValue: String
  package var intValue: Int? { nil }
  package init(_ name: String) { stringValue = name }
  package init?(stringValue: String) { self.stringValue = stringValue }
  package init?(intValue: Int) { return nil }
}

/// Fields that are not the ones a type knows, decoded from the same object.
package func unknownFields(_ decoder: Decoder, known: Set<String>) throws -> [String: JSONValue] {
  let container = try decoder.container(keyedBy: AnyKey.self)
  var extras: [String: JSONValue] = [:]
  for key in container.allKeys where !known.contains(key.stringValue) {
    extras[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
  }
  return extras
}

package func encodeUnknownFields(_ extras: [String: JSONValue], to encoder: Encoder) throws {
  guard !extras.isEmpty else { return }
  var container = encoder.container(keyedBy: AnyKey.self)
  for (key, value) in extras { try container.encode(value, forKey: AnyKey(key)) }
}

extension JSONValue {
  /// Any JSON text: the store's fast reader where it can (`StoreJSON.Reader`, exact for what
  /// it accepts), else JSONDecoder, which reads the rest (fractions, exponents, deep nesting)
  /// or throws for what is not JSON.
  package static func parse(_ data: Data) throws -> JSONValue {
    let fast: JSONValue? = data.withUnsafeBytes { raw in
      var reader = StoreJSON.Reader(bytes: raw.bindMemory(to: UInt8.self))
      reader.skipSpace()
      guard let value = reader.value() else { return nil }
      reader.skipSpace()
      return reader.at == reader.bytes.count ? value : nil
    }
    if let fast { return fast }
    return try JSONDecoder().decode(JSONValue.self, from: data)
  }

  package var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  package var int: Int? {
    if case .int(let n) = self { return n }
    return nil
  }

  /// A list made only of strings.
  package var strings: [String]? {
    guard case .array(let items) = self else { return nil }
    var out: [String] = []
    for item in items {
      guard let s = item.string else { return nil }
      out.append(s)
    }
    return out
  }

  /// The value as the `Any` tree JSONSerialization used to give (`[String: Any]`, `[Any]`,
  /// `String`, `Int`, `Double`, `Bool`; null is `JSONValue.null` itself), for readers written
  /// with casts.
  package var any: Any {
    switch self {
    case .null: return JSONValue.null
    case .bool(let b): return b
    case .int(let n): return n
    case .double(let d): return d
    case .string(let s): return s
    case .array(let items): return items.map(\.any)
    case .object(let members): return members.mapValues(\.any)
    }
  }
}

import Foundation

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
  /// A value from `JSONSerialization`'s objects.
  package static func from(_ any: Any) -> JSONValue {
    switch any {
    case is NSNull: return .null
    case let s as String: return .string(s)
    case let list as [Any]: return .array(list.map(from))
    case let object as [String: Any]: return .object(object.mapValues(from))
    case let n as NSNumber:
      let type = String(cString: n.objCType)
      if type == "c" { return .bool(n.boolValue) }
      if ["d", "f"].contains(type) { return .double(n.doubleValue) }
      return .int(n.intValue)
    default: return .string("\(any)")
    }
  }
}

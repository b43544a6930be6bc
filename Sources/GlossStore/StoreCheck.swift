import Foundation
import GlossModel

/// What is wrong with an annotations file that could not be read, and where: a JSON syntax
/// error with its line and column, or the first value of the wrong kind, in plain words
/// ("annotations[0].start is 98.5, expected a whole number").
enum StoreCheck {
  /// Nil when nothing is found wrong.
  static func problem(_ data: Data) -> String? {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      return "invalid JSON" + syntaxErrorLocation(data, error: error)
    }
    return structureProblem(object)
  }

  /// " at line L, column C" for a JSON syntax error (the end of the file when it ends early).
  static func syntaxErrorLocation(_ data: Data, error: Error? = nil) -> String {
    var error = error
    if error == nil {
      do {
        _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return ""
      } catch let e {
        error = e
      }
    }
    let text = "\(error!) \((error! as NSError).userInfo)"
    let index: Int
    if let range = text.range(of: #"character (\d+)"#, options: .regularExpression),
      let n = Int(text[range].dropFirst("character ".count))
    {
      index = n
    } else if text.contains("end of file") || text.contains("nexpected end") {
      index = data.count
    } else {
      return ""
    }
    let prefix = data.prefix(index)
    let lines = prefix.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    let column = String(decoding: lines.last ?? Data(), as: UTF8.self).count + 1
    let end = index >= data.count ? " (the file ends too early)" : ""
    return " at line \(lines.count), column \(column)\(end)"
  }

  static let wholeNumber = "a whole number"
  static let text = "text"
  static let date = "a date such as 2026-11-22T10:00:00Z"
  static let id = "an id such as 3F2504E0-4F89-11D3-9A0C-0305E82C3301"

  /// The first value of the wrong kind in an annotations file's JSON.
  static func structureProblem(_ object: Any) -> String? {
    guard let top = object as? [String: Any] else {
      return "the file holds \(describe(object)), expected an object with \"annotations\", \"deleted\" and \"version\""
    }
    if let problem = check(top, "version", wholeNumber, at: "") { return problem }
    guard let list = top["annotations"] else { return "\"annotations\" is missing" }
    guard let annotations = list as? [Any] else { return "annotations is \(describe(list)), expected a list" }
    for (i, item) in annotations.enumerated() {
      let at = "annotations[\(i)]"
      guard let a = item as? [String: Any] else { return "\(at) is \(describe(item)), expected an object" }
      let fields: [(String, String)] = [
        ("id", id), ("article", text), ("start", wholeNumber), ("end", wholeNumber), ("quote", text),
        ("prefix", text), ("suffix", text),
        ("color", "one of " + HighlightColor.allCases.map(\.rawValue).joined(separator: ", ")),
        ("tags", "a list of text"), ("note", text), ("created", date), ("modified", date),
        ("anchor", "one of exact, relocated, orphaned"),
      ]
      for (key, expected) in fields {
        if let problem = check(a, key, expected, at: at + ".") { return problem }
      }
    }
    guard let deletedList = top["deleted"] else { return "\"deleted\" is missing" }
    guard let deleted = deletedList as? [Any] else { return "deleted is \(describe(deletedList)), expected a list" }
    for (i, item) in deleted.enumerated() {
      let at = "deleted[\(i)]"
      guard let t = item as? [String: Any] else { return "\(at) is \(describe(item)), expected an object" }
      if let problem = check(t, "id", id, at: at + ".") ?? check(t, "deleted", date, at: at + ".") { return problem }
    }
    return nil
  }

  static func check(_ object: [String: Any], _ key: String, _ expected: String, at: String) -> String? {
    guard let value = object[key] else { return "\(at)\(key) is missing" }
    let ok: Bool
    switch expected {
    case wholeNumber: ok = !(value is String) && (value as? NSNumber).map(isWhole) == true
    case text: ok = value is String
    case date: ok = (value as? String).flatMap(ISO8601.date) != nil
    case id: ok = (value as? String).flatMap(UUID.init(uuidString:)) != nil
    case "a list of text": ok = (value as? [Any])?.allSatisfy { $0 is String } == true
    default:
      // "one of a, b, c"
      let choices = expected.dropFirst("one of ".count).split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      ok = (value as? String).map(choices.contains) == true
    }
    return ok ? nil : "\(at)\(key) is \(describe(value)), expected \(expected)"
  }

  static func isBool(_ value: Any) -> Bool {
    (value as? NSNumber).map { String(cString: $0.objCType) == "c" } == true
  }

  /// An integer that fits in Int (not a fraction, a bool, or a huge number read as a double).
  static func isWhole(_ n: NSNumber) -> Bool {
    ["q", "l", "i", "s", "Q", "L", "I", "S"].contains(String(cString: n.objCType))
      && (String(cString: n.objCType) != "Q" || n.uint64Value <= UInt64(Int.max))
  }

  /// A JSON value in a few words, for messages.
  static func describe(_ value: Any) -> String {
    switch value {
    case is NSNull: return "null"
    case let s as String:
      let short = s.count > 40 ? String(s.prefix(39)) + "…" : s
      return "the text \"\(short.terminalSafe)\""
    case is [Any]: return "a list"
    case is [String: Any]: return "an object"
    case let n as NSNumber:
      if isBool(n) { return n.boolValue ? "true" : "false" }
      return "the number \(n.stringValue)"
    default: return "\(value)"
    }
  }
}

import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What is wrong with an annotations file that could not be read, and where: a JSON syntax
/// error with its line and column, or the first value of the wrong kind, in plain words
/// ("annotations[0].start is 98.5, expected a whole number").
enum StoreCheck {
  /// Nil when nothing is found wrong.
  static func problem(_ data: Data) -> String? {
    let value: JSONValue
    do {
      value = try JSONValue.parse(data)
    } catch {
      return unreadableJSON(data)
    }
    return structureProblem(value)
  }

  /// What is wrong with JSON that JSONDecoder refused: a syntax error and where, or (the text
  /// being well-formed) what the decoder does not take.
  static func unreadableJSON(_ data: Data) -> String {
    let location = syntaxErrorLocation(data)
    if !location.isEmpty { return "invalid JSON" + location }
    return "JSON that cannot be read: nested more than 512 levels deep, or a number out of range"
  }

  /// " at line L, column C" for a JSON syntax error (the end of the file when it ends early);
  /// "" when the text is valid JSON.
  static func syntaxErrorLocation(_ data: Data) -> String {
    guard let index = JSONSyntax.firstError(in: data) else { return "" }
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
  static func structureProblem(_ object: JSONValue) -> String? {
    guard case .object(let top) = object else {
      return "the file holds \(describe(object)), expected an object with \"annotations\", \"deleted\" and \"version\""
    }
    if let problem = check(top, "version", wholeNumber, at: "") { return problem }
    guard let list = top["annotations"] else { return "\"annotations\" is missing" }
    guard case .array(let annotations) = list else { return "annotations is \(describe(list)), expected a list" }
    for (i, item) in annotations.enumerated() {
      let at = "annotations[\(i)]"
      guard case .object(let a) = item else { return "\(at) is \(describe(item)), expected an object" }
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
    guard case .array(let deleted) = deletedList else { return "deleted is \(describe(deletedList)), expected a list" }
    for (i, item) in deleted.enumerated() {
      let at = "deleted[\(i)]"
      guard case .object(let t) = item else { return "\(at) is \(describe(item)), expected an object" }
      if let problem = check(t, "id", id, at: at + ".") ?? check(t, "deleted", date, at: at + ".") { return problem }
    }
    return nil
  }

  static func check(_ object: [String: JSONValue], _ key: String, _ expected: String, at: String) -> String? {
    guard let value = object[key] else { return "\(at)\(key) is missing" }
    let ok: Bool
    switch expected {
    case wholeNumber: ok = value.int != nil
    case text: ok = value.string != nil
    case date: ok = value.string.flatMap(ISO8601.date) != nil
    case id: ok = value.string.flatMap(UUID.init(uuidString:)) != nil
    case "a list of text": ok = value.strings != nil
    default:
      // "one of a, b, c"
      let choices = expected.dropFirst("one of ".count).split(separator: ",").map {
        String(TextScan.trimmed($0))
      }
      ok = value.string.map(choices.contains) == true
    }
    return ok ? nil : "\(at)\(key) is \(describe(value)), expected \(expected)"
  }

  /// A JSON value in a few words, for messages.
  static func describe(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .string(let s):
      let short = s.count > 40 ? String(s.prefix(39)) + "…" : s
      return "the text \"\(short.terminalSafe)\""
    case .array: return "a list"
    case .object: return "an object"
    case .bool(let b): return b ? "true" : "false"
    case .int(let n): return "the number \(n)"
    case .double(let d): return "the number \(d)"
    }
  }
}

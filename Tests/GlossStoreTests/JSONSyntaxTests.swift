import Foundation
import Testing

@testable import GlossStore

/// Where a JSON text first breaks the grammar: the line and column that the store's and the
/// importer's messages name (JSONDecoder says only that a text is not JSON).
@Suite struct JSONSyntaxTests {
  let valid = [
    "{}", "[]", "0", "-0.5e+10", "\"\\u00e9\\n\"", " [1, {\"a\": [true, false, null]}, \"x\"] ", "{\"a\":{\"b\":{}}}",
    "1E3", "[[[]]]", "[1, 2,]", "{\"a\": 1,}", "\"“curly” — and 😀\"",
  ]
  let invalid: [(String, Int)] = [
    ("", 0), ("{", 1), ("[1,,]", 3), ("[,]", 1), ("{\"a\" 1}", 5), ("{\"a\": 1,\n \"b\": x}", 15), ("01", 1),
    ("[1 2]", 3),
    ("\"tab\there\"", 4), ("\"\\x\"", 2), ("tru", 3), ("{} {}", 3), ("[1.]", 3), ("-", 1), ("{1: 2}", 1),
    ("\"open", 5), ("[\"a\", {\"b\": [1, 2}", 17),
  ]

  @Test func validTextsHaveNoError() throws {
    for text in valid {
      #expect(JSONSyntax.firstError(in: Data(text.utf8)) == nil, "\(text)")
      // And JSONDecoder agrees that they are JSON.
      _ = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
  }

  @Test func theFirstBadByteIsFound() {
    for (text, offset) in invalid {
      #expect(JSONSyntax.firstError(in: Data(text.utf8)) == offset, "\(text.debugDescription)")
      #expect((try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) == nil, "JSONDecoder refuses it too")
    }
  }

  @Test func deepNestingDoesNotRecurse() {
    let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
    #expect(JSONSyntax.firstError(in: Data(deep.utf8)) == nil)
    let open = String(repeating: "{\"a\":", count: 100_000)
    #expect(JSONSyntax.firstError(in: Data(open.utf8)) == open.utf8.count, "ends too early")
  }

  @Test func theMessageNamesLineAndColumn() {
    let text = "{\n  \"annotations\": [\n    {\"id\": 1 2}\n  ]\n}"
    #expect(StoreCheck.syntaxErrorLocation(Data(text.utf8)) == " at line 3, column 14")
    #expect(StoreCheck.syntaxErrorLocation(Data("{\"a\": [".utf8)) == " at line 1, column 8 (the file ends too early)")
    #expect(StoreCheck.problem(Data("[1 2]".utf8)) == "invalid JSON at line 1, column 4")
  }

  @Test func wellFormedJSONTheDecoderRefusesIsExplained() {
    let deep = Data((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8)
    #expect(JSONSyntax.firstError(in: deep) == nil)
    #expect(
      StoreCheck.problem(deep) == "JSON that cannot be read: nested more than 512 levels deep, or a number out of range"
    )
    #expect(StoreCheck.problem(Data("[1e400]".utf8))?.hasPrefix("JSON that cannot be read") == true)
  }

  @Test func valuesOfTheWrongKindAreNamed() {
    let text = #"{"version": 1, "annotations": [{"id": 98.5}], "deleted": []}"#
    #expect(StoreCheck.problem(Data(text.utf8))?.hasPrefix("annotations[0].id is the number 98.5") == true)
    let bool = #"{"version": true, "annotations": [], "deleted": []}"#
    #expect(StoreCheck.problem(Data(bool.utf8)) == "version is true, expected a whole number")
  }

  @Test func anyJSONIsParsedFastOrByJSONDecoder() throws {
    // The fast reader takes whole numbers; fractions and exponents go through JSONDecoder.
    #expect(try JSONValue.parse(Data("[1, \"a\", null]".utf8)) == .array([.int(1), .string("a"), .null]))
    #expect(try JSONValue.parse(Data("[1.5, 2e3]".utf8)) == .array([.double(1.5), .int(2000)]))
    #expect(throws: (any Error).self) { try JSONValue.parse(Data("[1 2]".utf8)) }
  }
}

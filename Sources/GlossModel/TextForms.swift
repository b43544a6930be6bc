@_spi(_Unicode) import Swift

/// Small text conversions the reader needs without full Foundation (whose `String` additions
/// — `localizedStandardCompare`, `removingPercentEncoding`, `NSString` paths — bring
/// CoreFoundation and ICU's 30 MB of tables into the binary and slow every start; see the
/// README's performance section). One place for each:
/// - `TextOrder.precedes` sorts names as a file manager does: case and accents aside, runs of
///   digits by their value ("2 notes" before "10 notes");
/// - `PercentEncoding.decoded` reads a URL's `%XX` escapes as UTF-8;
/// - `PathName` splits a path's last component and extension.
public enum TextOrder {
  /// A name prepared for sorting (its base letters found once): sort many names by their keys.
  public struct Key: Sendable {
    let base: [Unicode.Scalar]
    let text: String
  }

  public static func key(_ s: String) -> Key { Key(base: baseLetters(s), text: s) }

  /// Whether `a` sorts before `b`: folded text (`SearchFolding`) compared piece by piece,
  /// digit runs by value (then by length, so "01" follows "1"), ties broken by the scalars
  /// themselves, so that the order is total and the same on every machine.
  public static func precedes(_ a: String, _ b: String) -> Bool { precedes(key(a), key(b)) }

  public static func precedes(_ a: Key, _ b: Key) -> Bool {
    let (x, y) = (a.base, b.base)
    var i = 0
    var j = 0
    while i < x.count && j < y.count {
      if isDigit(x[i]) && isDigit(y[j]) {
        let (endX, endY) = (digitRunEnd(x, from: i), digitRunEnd(y, from: j))
        let order = compareNumbers(x[i..<endX], y[j..<endY])
        if order != 0 { return order < 0 }
        (i, j) = (endX, endY)
        continue
      }
      let (fx, fy) = (SearchFolding.fold(x[i].value), SearchFolding.fold(y[j].value))
      if fx != fy { return fx < fy }
      i += 1
      j += 1
    }
    if (x.count - i) != (y.count - j) { return x.count - i < y.count - j }
    return a.text.unicodeScalars.lexicographicallyPrecedes(b.text.unicodeScalars)
  }

  /// Sorts by a name, each name's key made once.
  public static func sort<T>(_ items: inout [T], by name: (T) -> String) {
    guard items.count > 1 else { return }
    let keys = items.map { key(name($0)) }
    let order = keys.indices.sorted { precedes(keys[$0], keys[$1]) }
    items = order.map { items[$0] }
  }

  /// The text's scalars in canonical decomposition (the standard library's NFD), combining
  /// marks dropped: "Émigré" is compared as "Emigre". ASCII needs no decomposing.
  private static func baseLetters(_ s: String) -> [Unicode.Scalar] {
    if s.utf8.allSatisfy({ $0 < 0x80 }) { return Array(s.unicodeScalars) }
    return s._nfd.filter { $0.properties.canonicalCombiningClass == .notReordered }
  }

  private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

  private static func digitRunEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
    var end = start
    while end < s.count && isDigit(s[end]) { end += 1 }
    return end
  }

  /// -1, 0 or 1: the numbers' values (leading zeros aside, any length), then the shorter run.
  private static func compareNumbers(_ a: ArraySlice<Unicode.Scalar>, _ b: ArraySlice<Unicode.Scalar>) -> Int {
    let da = a.drop(while: { $0 == "0" })
    let db = b.drop(while: { $0 == "0" })
    if da.count != db.count { return da.count < db.count ? -1 : 1 }
    for (p, q) in zip(da, db) where p != q { return p.value < q.value ? -1 : 1 }
    if a.count != b.count { return a.count < b.count ? -1 : 1 }
    return 0
  }
}

public enum PercentEncoding {
  /// The text with every `%XX` escape replaced by its byte, read as UTF-8; nil when an escape
  /// is malformed or the bytes are not UTF-8 (as Foundation's `removingPercentEncoding`).
  public static func decoded(_ text: String) -> String? {
    guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var it = text.utf8.makeIterator()
    while let b = it.next() {
      guard b == UInt8(ascii: "%") else {
        bytes.append(b)
        continue
      }
      guard let hi = it.next().flatMap(hexValue), let lo = it.next().flatMap(hexValue) else { return nil }
      bytes.append(hi << 4 | lo)
    }
    return String(validating: bytes, as: UTF8.self)
  }

  private static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}

/// A path's parts, as `NSString`'s path methods read them (a trailing "/" ignored).
public enum PathName {
  /// The last component: "b.txt" for "a/b.txt" and for "a/b.txt/".
  public static func last(_ path: String) -> String {
    var s = Substring(path)
    while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
    guard let slash = s.lastIndex(of: "/"), s != "/" else { return String(s) }
    return String(s[s.index(after: slash)...])
  }

  /// The extension of the last component, without its dot: "txt" for "a/b.txt", "" for
  /// "a/.profile" and "a/b".
  public static func fileExtension(_ path: String) -> String {
    let name = last(path)
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return String(name[name.index(after: dot)...])
  }

  /// The last component without its extension: "b" for "a/b.txt".
  public static func stem(_ path: String) -> String {
    let name = last(path)
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  /// `path` as an absolute path, read from `directory` when it is relative, with "." and ".."
  /// worked out on the text and no doubled or trailing "/". Links are not followed ("a/../b" is
  /// "b" even where "a" is a link) and "~" is a name like any other: GlossStore's
  /// `StandardPath` sends such paths through URL, and this one only the others.
  public static func absolute(_ path: String, from directory: String) -> String {
    var parts: [Substring] = []
    let whole = path.hasPrefix("/") ? path : directory + "/" + path
    for part in whole.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..": if !parts.isEmpty { parts.removeLast() }
      default: parts.append(part)
      }
    }
    // (Strings appended, not `joined` or a Substring appended: those went through generic code
    // that looked its types up at run time, the first time.)
    var result = ""
    for part in parts {
      result += "/"
      result += String(part)
    }
    return result.isEmpty ? "/" : result
  }

  /// The folder that holds `path` (absolute, as `absolute` gives it): "/a" for "/a/b", "/" for
  /// "/a" and for "/".
  public static func parent(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
    return String(path[..<slash])
  }
}

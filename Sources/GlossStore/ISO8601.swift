#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The one ISO 8601 date codec of the store, reading positions, exports and imports:
/// `YYYY-MM-DDTHH:MM:SSZ` in UTC on output (what `Date.ISO8601FormatStyle` writes, checked by
/// a test), `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)` on input (what the format style parses, also
/// checked). Over bytes rather than with the format style because the store reads and writes
/// 20,000 dates for 10,000 annotations: measured (-O, here) parsing 20,000 takes under 1 ms
/// against 26 ms, writing 15 ms against 26 ms (less into the store writer's byte buffer).
package enum ISO8601 {
  /// The date as text, whole seconds (rounded down), UTC, proleptic Gregorian calendar.
  package static func string(_ date: Date) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(20)
    write(date, into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  package static func write(_ date: Date, into out: inout [UInt8]) {
    let t = Int(date.timeIntervalSince1970.rounded(.down))
    let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
    let secs = t - days * 86400
    // Civil date from days (Howard Hinnant's algorithm).
    let z = days + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ n: Int, _ width: Int) {
      if n < 0 || n >= 10_000 || (width == 2 && n >= 100) {
        let s = String(n)
        out.append(contentsOf: String(repeating: "0", count: max(0, width - s.count)).utf8)
        out.append(contentsOf: s.utf8)
        return
      }
      if width == 4 {
        out.append(UInt8(48 + n / 1000))
        out.append(UInt8(48 + n / 100 % 10))
      }
      out.append(UInt8(48 + n / 10 % 10))
      out.append(UInt8(48 + n % 10))
    }
    pad(year, 4)
    out.append(UInt8(ascii: "-"))
    pad(month, 2)
    out.append(UInt8(ascii: "-"))
    pad(day, 2)
    out.append(UInt8(ascii: "T"))
    pad(secs / 3600, 2)
    out.append(UInt8(ascii: ":"))
    pad(secs / 60 % 60, 2)
    out.append(UInt8(ascii: ":"))
    pad(secs % 60, 2)
    out.append(UInt8(ascii: "Z"))
  }

  package static func date(_ s: String) -> Date? {
    var s = s
    return s.withUTF8 { date($0) }
  }

  package static func date(_ u: UnsafeBufferPointer<UInt8>) -> Date? {
    func number(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= u.count else { return nil }
      var n = 0
      for i in from..<(from + count) {
        guard u[i] >= 48 && u[i] <= 57 else { return nil }
        n = n * 10 + Int(u[i] - 48)
      }
      return n
    }
    guard u.count >= 20, u[4] == 45, u[7] == 45, u[10] == 84 || u[10] == 116, u[13] == 58, u[16] == 58,
      let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
      let minute = number(14, 2), let second = number(17, 2), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var i = 19
    var fraction = 0.0
    if i < u.count && u[i] == 46 {
      i += 1
      var scale = 0.1
      while i < u.count && u[i] >= 48 && u[i] <= 57 {
        fraction += Double(u[i] - 48) * scale
        scale /= 10
        i += 1
      }
    }
    var offset = 0
    guard i < u.count else { return nil }
    if u[i] == 90 || u[i] == 122 {
      i += 1
    } else if u[i] == 43 || u[i] == 45, let h = number(i + 1, 2), let m = number(i + 4, 2) {
      offset = (h * 3600 + m * 60) * (u[i] == 43 ? 1 : -1)
      i += 6
    } else {
      return nil
    }
    guard i == u.count else { return nil }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146097 + doe - 719468
    let seconds = Double(days * 86400 + hour * 3600 + minute * 60 + second - offset) + fraction
    return Date(timeIntervalSince1970: seconds)
  }

  /// For JSONEncoder: dates written by `string(_:)`.
  package static var encodingStrategy: JSONEncoder.DateEncodingStrategy {
    .custom { date, encoder in
      var container = encoder.singleValueContainer()
      try container.encode(string(date))
    }
  }

  /// For JSONDecoder: dates read by `date(_:)`, with an error a person can act on.
  package static var decodingStrategy: JSONDecoder.DateDecodingStrategy {
    .custom { decoder in
      let container = try decoder.singleValueContainer()
      let text = try container.decode(String.self)
      guard let date = date(text) else {
        throw DecodingError.dataCorruptedError(
          in: container, debugDescription: "expected a date such as 2026-11-22T10:00:00Z")
      }
      return date
    }
  }
}

import CGlossText

/// Display widths by the terminal's own rules (libc `wcwidth` in a UTF-8 locale), and the
/// visible, inert form of characters that must never reach a terminal raw.
///
/// Widths are never taken from `String.count`: a CJK ideograph or an emoji is two columns,
/// a combining mark zero, and a grapheme cluster is as wide as its base character.
public enum DisplayWidth {
  /// True once LC_CTYPE is a UTF-8 locale (set up on first use).
  public static let utf8LocaleReady: Bool = gloss_ensure_utf8_ctype() == 1

  /// Columns one Unicode scalar takes, or -1 when it is not printable.
  @inlinable
  public static func of(scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v >= 0x20 && v < 0x7F { return 1 }
    _ = utf8LocaleReady
    return Int(gloss_wcwidth(v))
  }

  /// Columns a grapheme cluster takes once made safe (see `Glyph.visible`).
  public static func of(_ character: Character) -> Int {
    Glyph(character).width
  }

  /// Columns a string takes once every grapheme is made safe.
  public static func of(_ string: some StringProtocol) -> Int {
    var total = 0
    for character in string { total += Glyph(character).width }
    return total
  }
}

/// One grapheme cluster as it will be shown: either the grapheme itself, or — for control
/// characters, C1 controls, bidi overrides and other unprintable scalars — an inert visible
/// form such as `^[` or `<U+009B>`, flagged so that rendering can style it apart.
public struct Glyph: Equatable, Sendable {
  /// What to draw (safe to send to a terminal).
  public var text: String
  /// Columns it takes.
  public var width: Int
  /// True when `text` stands in for an unprintable character.
  public var isEscaped: Bool

  public init(_ character: Character) {
    let scalars = character.unicodeScalars
    let first = scalars.first!
    // Fast path: printable ASCII.
    if scalars.count == 1 && first.value >= 0x20 && first.value < 0x7F {
      text = String(character)
      width = 1
      isEscaped = false
      return
    }
    if first == "\t" {
      text = " "
      width = 1
      isEscaped = false
      return
    }
    if let escaped = Glyph.escape(first) {
      text = escaped
      width = escaped.utf8.count
      isEscaped = true
      return
    }
    // A cluster whose later scalars are unprintable (e.g. "a" + U+202E) is shown escaped whole.
    var safe = true
    for scalar in scalars.dropFirst() where Glyph.escape(scalar) != nil && !Glyph.isJoiner(scalar) {
      safe = false
    }
    if !safe {
      text = scalars.map { Glyph.escape($0) ?? String($0) }.joined()
      width = DisplayWidth.of(text)
      isEscaped = true
      return
    }
    let w = DisplayWidth.of(scalar: first)
    if w < 0 {
      // Unprintable by the terminal's rules (unassigned, private use…): show its code point.
      text = Glyph.codePoint(first)
      width = text.utf8.count
      isEscaped = true
      return
    }
    text = String(character)
    // Emoji presentation selector makes a text-default symbol wide in modern terminals;
    // stay with wcwidth's answer for the base so we agree with the terminal's cursor.
    width = w
    isEscaped = false
  }

  /// Visible form of a scalar that must not be sent raw, or nil when it is safe.
  public static func escape(_ scalar: Unicode.Scalar) -> String? {
    let v = scalar.value
    switch v {
    case 0x09:
      return nil  // tabs are expanded by layout; treated as a space here
    case 0x00..<0x20:
      return "^" + String(UnicodeScalar(UInt8(v + 0x40)))
    case 0x7F:
      return "^?"
    case 0x80..<0xA0:
      return codePoint(scalar)
    case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
      // Bidi marks, embeddings, overrides and isolates: shown, never obeyed.
      return codePoint(scalar)
    case 0x2028, 0x2029, 0xFFF9...0xFFFB:
      return codePoint(scalar)
    default:
      return nil
    }
  }

  static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value == 0x200D || scalar.value == 0x200C
  }

  static func codePoint(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
  }
}

extension String {
  /// This string with every unprintable character replaced by its inert visible form.
  public var terminalSafe: String {
    var out = ""
    out.reserveCapacity(utf8.count)
    for character in self {
      if character == "\t" {
        out.append(" ")
        continue
      }
      out.append(Glyph(character).text)
    }
    return out
  }
}

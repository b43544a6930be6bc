/// A key as the keymap names it: a printable character, a Ctrl chord, or a named key.
public enum KeyChord: Hashable, Sendable, CustomStringConvertible {
  case char(Character)
  /// Ctrl plus a letter (stored lowercase), e.g. `<C-f>`.
  case ctrl(Character)
  case named(NamedKey)

  public enum NamedKey: String, CaseIterable, Sendable {
    case up = "Up"
    case down = "Down"
    case left = "Left"
    case right = "Right"
    case pageUp = "PageUp"
    case pageDown = "PageDown"
    case home = "Home"
    case end = "End"
    case tab = "Tab"
    case backTab = "S-Tab"
    case enter = "Enter"
    case esc = "Esc"
    case backspace = "Backspace"
    case delete = "Delete"
    case insert = "Insert"
    case f1 = "F1"
    case f2 = "F2"
    case f3 = "F3"
    case f4 = "F4"
    case f5 = "F5"
    case f6 = "F6"
    case f7 = "F7"
    case f8 = "F8"
    case f9 = "F9"
    case f10 = "F10"
    case f11 = "F11"
    case f12 = "F12"
  }

  /// Names for printable characters that the keymap syntax reserves.
  static let characterNames: [String: Character] = [
    "Space": " ", "lt": "<", "gt": ">", "Comma": ",", "Hash": "#", "Bslash": "\\",
  ]

  /// The name used in keymap.conf and in the help.
  public var description: String {
    switch self {
    case .char(let c):
      if let name = KeyChord.characterNames.first(where: { $0.value == c })?.key {
        return "<\(name)>"
      }
      return String(c)
    case .ctrl(let c):
      return "<C-\(c)>"
    case .named(let key):
      return "<\(key.rawValue)>"
    }
  }

  /// Parses one key name (`j`, `G`, `<C-f>`, `<Space>`, `<PageDown>`…), case-sensitive for
  /// single characters and case-insensitive for names in angle brackets.
  public init?(name: String) {
    if name.count == 1, let c = name.first {
      if c == " " || c.unicodeScalars.first!.properties.generalCategory == .control { return nil }
      self = .char(c)
      return
    }
    guard name.hasPrefix("<"), name.hasSuffix(">"), name.count > 2 else { return nil }
    let inner = String(name.dropFirst().dropLast())
    let lower = inner.lowercased()
    if lower.hasPrefix("c-") {
      let rest = inner.dropFirst(2)
      guard rest.count == 1, let c = rest.first, c.isASCII, c.isLetter else { return nil }
      self = .ctrl(Character(c.lowercased()))
      return
    }
    if let (_, c) = KeyChord.characterNames.first(where: { $0.key.lowercased() == lower }) {
      self = .char(c)
      return
    }
    let aliases: [String: NamedKey] = [
      "pgdn": .pageDown, "pgup": .pageUp, "return": .enter, "cr": .enter, "escape": .esc,
      "bs": .backspace, "del": .delete, "btab": .backTab,
    ]
    if let key = NamedKey.allCases.first(where: { $0.rawValue.lowercased() == lower }) ?? aliases[lower] {
      self = .named(key)
      return
    }
    return nil
  }
}

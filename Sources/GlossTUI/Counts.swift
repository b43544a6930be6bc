import GlossModel

/// Keys that take more than one press, as in less and vim: a count typed before a motion
/// (`5j`, `50%`, `12G`), and commands that wait for the next key (`c` then a colour digit,
/// `m` then a mark letter, `'` then a mark letter). The pending part shows on the status
/// line, like vim's showcmd; Esc clears it.
public struct MovingState: Sendable, Equatable {
  /// The largest count: `99999999999j` moves at most this many times (and stops at the end).
  public static let maximumCount = 1_000_000

  /// Digits typed so far, nil when none.
  public internal(set) var count: Int?
  /// A command waiting for its second key, with the key that started it.
  public internal(set) var pending: Pending?
  /// The table of contents, while it is open.
  public internal(set) var outline: OutlineState?

  public struct Pending: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case color, setMark, goToMark }
    public var kind: Kind
    public var key: KeyChord
    /// The count typed before the command (kept for its second key).
    public var count: Int?
  }

  /// What the status line shows of the keys typed so far ("12", "c", "m", "'").
  public var typed: String {
    if let pending { return (pending.count.map(String.init) ?? "") + pending.key.description }
    return count.map(String.init) ?? ""
  }

  /// Adds a digit to the count, saturating at the maximum.
  mutating func addDigit(_ digit: Int) {
    let (times, overflow) = (count ?? 0).multipliedReportingOverflow(by: 10)
    count = overflow ? MovingState.maximumCount : min(MovingState.maximumCount, times + digit)
  }

  /// The count for the command being performed; it is used once.
  mutating func takeCount() -> Int? {
    defer { count = nil }
    return count
  }
}

extension AppState {
  /// Keys the moving layer takes before the keymap: the outline's keys while it is open, the
  /// second key of a waiting command, count digits, and Esc clearing a pending count. Nil:
  /// the key goes on to the keymap.
  mutating func handleMovingKey(_ key: KeyChord) -> [Effect]? {
    if moving.outline != nil { return handleOutlineKey(key) }
    if let pending = moving.pending {
      moving.pending = nil
      return handleSecondKey(key, of: pending)
    }
    if case .help = mode { return nil }
    if case .char(let c) = key, let digit = c.wholeNumberValue, c.isASCII,
      digit > 0 || moving.count != nil, keymap.command(for: key, in: keyContext) == nil
    {
      moving.addDigit(digit)
      return []
    }
    if key == .named(.esc), moving.count != nil {
      moving.count = nil
      setMessage("count cleared", error: false)
      return []
    }
    return nil
  }

  /// Starts a command that waits for its next key.
  mutating func awaitSecondKey(_ kind: MovingState.Pending.Kind, count: Int?) {
    let key = keymap.keys(for: kind.command, in: keyContext).first ?? keymap.keys(for: kind.command, in: .global).first
    moving.pending = MovingState.Pending(kind: kind, key: key ?? .char("?"), count: count)
  }

  mutating func handleSecondKey(_ key: KeyChord, of pending: MovingState.Pending) -> [Effect] {
    if key == .named(.esc) {
      setMessage("\(pending.key) cancelled", error: false)
      return []
    }
    switch pending.kind {
    case .color:
      if case .char(let c) = key, let command = Command.colorKeys.first(where: { $0.key == c })?.command {
        return perform(command)
      }
      setMessage(
        "\(pending.key) then 1 yellow, 2 green, 3 blue, 4 pink, 5 purple (Esc cancels) — not \(key)", error: false)
    case .setMark:
      if case .char(let c) = key, MovingState.isMarkName(c) { return setMark(c) }
      setMessage("\(pending.key) then a letter a–z names the mark — not \(key)", error: false)
    case .goToMark:
      if case .char(let c) = key {
        if MovingState.isMarkName(c) { return goToMark(c) }
        if c == "'" || c == "`" { return jumpBack() }
      }
      setMessage(
        "\(pending.key) then a letter a–z goes to a mark, \(pending.key)\(pending.key) back to before the last jump — not \(key)",
        error: false)
    }
    return []
  }
}

extension MovingState {
  static func isMarkName(_ c: Character) -> Bool { c.isASCII && c.isLowercase && c.isLetter }
}

extension MovingState.Pending.Kind {
  var command: Command {
    switch self {
    case .color: return .color
    case .setMark: return .setMark
    case .goToMark: return .goToMark
    }
  }
}

/// Multiplies a step by a count without overflowing (the layout stops at the ends).
func repeated(_ step: Int, _ count: Int?) -> Int {
  let (product, overflow) = step.multipliedReportingOverflow(by: max(1, count ?? 1))
  if overflow { return step < 0 ? -(Int.max / 2) : Int.max / 2 }
  return max(-(Int.max / 2), min(Int.max / 2, product))
}

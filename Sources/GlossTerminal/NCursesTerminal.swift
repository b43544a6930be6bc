import CGlossText
import CNCursesW
import Foundation
import GlossTUI

/// The only code that talks to ncurses: wide-character keys in, changed cells out.
public final class NCursesTerminal: TerminalBackend {
  public enum StartError: Error, CustomStringConvertible {
    case noTerminal
    public var description: String {
      "cannot start the terminal interface (is TERM set, and is this a terminal?)"
    }
  }

  let window: UnsafeMutablePointer<WINDOW>
  let screen: OpaquePointer
  public let colors: Bool
  private var previous: Grid?
  private var pairs: [UInt16: Int16] = [:]
  private var nextPair: Int16 = 1
  private var closed = false

  /// Starts curses. `wantColors` is false with NO_COLOR; colours are also off on a
  /// monochrome terminal.
  public init(wantColors: Bool) throws {
    _ = gloss_ensure_utf8_ctype()
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StartError.noTerminal }
    guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
      let screen = newterm(nil, output, input)
    else { throw StartError.noTerminal }
    self.screen = screen
    set_term(screen)
    guard let window = stdscr_window() else { throw StartError.noTerminal }
    self.window = window
    gloss_install_signal_handlers()
    cbreak()
    noecho()
    nonl()
    intrflush(window, false)
    keypad(window, true)
    set_escdelay(25)
    wtimeout(window, 200)
    curs_set(0)
    mousemask(gloss_mouse_mask(), nil)
    mouseinterval(0)
    if wantColors && has_colors() {
      start_color()
      use_default_colors()
      colors = true
    } else {
      colors = false
    }
  }

  deinit { close() }

  /// Restores the terminal. Safe to call more than once.
  public func close() {
    guard !closed else { return }
    closed = true
    curs_set(1)
    endwin()
    delscreen(screen)
  }

  /// The signal (SIGINT, SIGTERM, SIGHUP) that ended the session, if any.
  public var receivedSignal: Int32? {
    let sig = gloss_pending_signal()
    return sig == 0 ? nil : Int32(sig)
  }

  public var size: Size {
    Size(width: Int(gloss_cols(window)), height: Int(gloss_rows(window)))
  }

  public func nextEvent() -> InputEvent? {
    if gloss_pending_signal() != 0 { return .interrupt }
    var value: wint_t = 0
    let result = wget_wch(window, &value)
    if gloss_pending_signal() != 0 { return .interrupt }
    if result == gloss_err() { return nil }
    if result == gloss_key_code_yes() {
      return keyCode(Int32(value))
    }
    return character(UInt32(value))
  }

  /// A key already typed, without waiting for one.
  public func pollEvent() -> InputEvent? {
    wtimeout(window, 0)
    defer { wtimeout(window, 200) }
    return nextEvent()
  }

  func keyCode(_ code: Int32) -> InputEvent? {
    switch code {
    case gloss_key_resize():
      previous = nil
      return .resize(size)
    case gloss_key_mouse():
      var event = MEVENT()
      guard getmouse(&event) == gloss_ok() else { return nil }
      let x = Int(event.x)
      let y = Int(event.y)
      if gloss_mouse_is_wheel_up(event.bstate) != 0 { return .mouse(MouseEvent(kind: .wheelUp, x: x, y: y)) }
      if gloss_mouse_is_wheel_down(event.bstate) != 0 { return .mouse(MouseEvent(kind: .wheelDown, x: x, y: y)) }
      if gloss_mouse_is_press(event.bstate) != 0 { return .mouse(MouseEvent(kind: .press, x: x, y: y)) }
      if gloss_mouse_is_release(event.bstate) != 0 { return .mouse(MouseEvent(kind: .release, x: x, y: y)) }
      return nil
    case gloss_key_up(): return .key(.named(.up))
    case gloss_key_down(): return .key(.named(.down))
    case gloss_key_left(): return .key(.named(.left))
    case gloss_key_right(): return .key(.named(.right))
    case gloss_key_npage(): return .key(.named(.pageDown))
    case gloss_key_ppage(): return .key(.named(.pageUp))
    case gloss_key_home(): return .key(.named(.home))
    case gloss_key_end(): return .key(.named(.end))
    case gloss_key_backspace(): return .key(.named(.backspace))
    case gloss_key_dc(): return .key(.named(.delete))
    case gloss_key_ic(): return .key(.named(.insert))
    case gloss_key_enter(): return .key(.named(.enter))
    case gloss_key_btab(): return .key(.named(.backTab))
    default:
      for n in 1...12 where code == gloss_key_f(Int32(n)) {
        return .key(.named(KeyChord.NamedKey(rawValue: "F\(n)")!))
      }
      return nil
    }
  }

  func character(_ value: UInt32) -> InputEvent? {
    switch value {
    case 0x03: return .interrupt
    case 0x09: return .key(.named(.tab))
    case 0x0A, 0x0D: return .key(.named(.enter))
    case 0x1B: return .key(.named(.esc))
    case 0x7F, 0x08: return .key(.named(.backspace))
    case 0x01...0x1A:
      return .key(.ctrl(Character(UnicodeScalar(UInt8(value + 0x60)))))
    case 0x00..<0x20:
      return nil
    default:
      guard let scalar = UnicodeScalar(value) else { return nil }
      return .key(.char(Character(scalar)))
    }
  }

  public func draw(_ grid: Grid, fullRepaint: Bool) {
    if fullRepaint { clearok(window, true) }
    let old = (previous?.width == grid.width && previous?.height == grid.height && !fullRepaint) ? previous : nil
    if old == nil { werase(window) }
    for y in 0..<grid.height {
      for x in 0..<grid.width {
        let cell = grid[x, y]
        if cell.isContinuation { continue }
        if let old, old[x, y] == cell { continue }
        put(cell, x: x, y: y)
      }
    }
    previous = grid
    wnoutrefresh(window)
    doupdate()
  }

  private func put(_ cell: Cell, x: Int, y: Int) {
    var chars: [wchar_t] = []
    for scalar in cell.text.unicodeScalars {
      // Last line of defence: no control character ever reaches the terminal.
      let v = scalar.value
      if v < 0x20 || (v >= 0x7F && v < 0xA0) { chars.append(wchar_t(0x3F)) } else { chars.append(wchar_t(bitPattern: v)) }
    }
    if chars.isEmpty { chars = [wchar_t(0x20)] }
    let (attrs, pair) = attributes(cell.style)
    _ = chars.withUnsafeBufferPointer { buffer in
      gloss_put_cell(window, Int32(y), Int32(x), buffer.baseAddress, Int32(buffer.count), attrs, pair)
    }
  }

  private func attributes(_ style: Style) -> (attr_t, Int16) {
    var attrs = gloss_a_normal()
    if style.bold { attrs |= gloss_a_bold() }
    if style.dim { attrs |= gloss_a_dim() }
    if style.italic { attrs |= gloss_a_italic() }
    if style.underline { attrs |= gloss_a_underline() }
    if style.reverse { attrs |= gloss_a_reverse() }
    guard colors, style.foreground != .default || style.background != .default else { return (attrs, 0) }
    let key = UInt16(style.foreground.rawValue) << 8 | UInt16(style.background.rawValue)
    if let pair = pairs[key] { return (attrs, pair) }
    let pair = nextPair
    nextPair += 1
    init_pair(pair, code(style.foreground), code(style.background))
    pairs[key] = pair
    return (attrs, pair)
  }

  private func code(_ color: TermColor) -> Int16 {
    switch color {
    case .default: return -1
    case .black: return 0
    case .red: return 1
    case .green: return 2
    case .yellow: return 3
    case .blue: return 4
    case .magenta: return 5
    case .cyan: return 6
    case .white: return 7
    case .pink: return gloss_color_count() >= 256 ? 218 : 1
    case .purple: return gloss_color_count() >= 256 ? 141 : 5
    }
  }
}

import CGlossText
import CNCursesW
import GlossModel
import GlossTUI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The only code that talks to ncurses: wide-character keys in, changed cells out.
///
/// It also owns the terminal's modes for the session: flow control off (Ctrl-S reaches the
/// reader), bracketed paste on, and a restore that runs on every way out — `close()`, a quit
/// signal (through the run loop), a crash signal (from the handler, in CGlossText).
public final class NCursesTerminal: TerminalBackend {
  public enum StartError: Error, CustomStringConvertible {
    case noTerminal
    /// TERM is not in the terminfo database (or not set).
    case unknownTerminal(String)
    /// A terminal that cannot move the cursor (`dumb`): a full-screen reader cannot work on it.
    case noCursorAddressing(String)
    public var description: String {
      switch self {
      case .noTerminal:
        return "cannot start the terminal interface (is TERM set, and is this a terminal?)"
      case .unknownTerminal(let name) where name.isEmpty:
        return "TERM is not set, so the reader cannot drive this terminal; set it to your terminal's type"
      case .unknownTerminal(let name):
        return "the terminal type '\(name.terminalSafeName)' is not in the terminfo database; "
          + "set TERM to your terminal's type (e.g. xterm-256color)"
      case .noCursorAddressing(let name):
        return "the terminal type '\(name.terminalSafeName)' cannot move the cursor, so it cannot show the reader; "
          + "set TERM to your terminal's type (e.g. xterm-256color)"
      }
    }
  }

  let window: UnsafeMutablePointer<WINDOW>
  let screen: OpaquePointer
  public let colors: Bool
  /// Bracketed paste was switched on (ESC[?2004h), so pastes arrive as `.paste`.
  public let bracketedPaste: Bool
  /// Frames shown so far (each `draw`).
  public private(set) var framesDrawn = 0
  private var previous: Grid?
  private var pairs: [UInt16: Int16] = [:]
  private var nextPair: Int16 = 1
  private var closed = false
  private var hungUp = false
  /// What clears the screen at exit on a terminal without an alternate screen (vt100), so the
  /// shell's prompt does not land on the last frame.
  private let clearAtExit: String?
  private let pasteOn: String?
  private let pasteOff: String?
  /// GLOSS_FRAME_FILE: tests wait on this count instead of guessing when the screen is done.
  private let frameFile: String?

  /// Starts curses. `wantColors` is false with NO_COLOR; colours are also off on a
  /// monochrome terminal.
  public init(wantColors: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    _ = DisplayWidth.utf8LocaleReady  // once for the process (see `TerminalStart`)
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw StartError.noTerminal }
    let termName = environment["TERM"] ?? ""
    if termName.isEmpty { throw StartError.unknownTerminal(termName) }
    if termName == "dumb" { throw StartError.noCursorAddressing(termName) }
    _ = gloss_terminal_save_modes(STDOUT_FILENO)
    guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r"),
      let screen = newterm(nil, output, input)
    else { throw StartError.unknownTerminal(termName) }
    set_term(screen)
    // Without cursor addressing every frame would be a status line on a blank screen.
    guard let window = stdscr_window(), Self.capability("cup") != nil else {
      endwin()
      delscreen(screen)
      throw StartError.noCursorAddressing(termName)
    }
    self.screen = screen
    self.window = window
    cbreak()
    noecho()
    nonl()
    _ = gloss_flow_control_off(STDOUT_FILENO)
    intrflush(window, false)
    keypad(window, true)
    set_escdelay(25)
    wtimeout(window, 200)
    curs_set(0)
    let mouse = mousemask(gloss_mouse_mask(), nil) != 0 && Self.capability("kmous") != nil
    mouseinterval(0)
    if wantColors && has_colors() {
      start_color()
      use_default_colors()
      colors = true
    } else {
      colors = false
    }
    // Bracketed paste: where terminfo says so, or on any terminal with xterm's mouse (they all
    // know the mode; others ignore an unknown private mode).
    let pasteOn = Self.capability("BE") ?? (mouse ? "\u{1B}[?2004h" : nil)
    self.pasteOn = pasteOn
    bracketedPaste = pasteOn != nil
    pasteOff = pasteOn == nil ? nil : (Self.capability("BD") ?? "\u{1B}[?2004l")
    if let pasteOn {
      Self.writeToTerminal(pasteOn)
      _ = gloss_define_key(Self.capability("PS") ?? "\u{1B}[200~", gloss_key_paste_start())
      _ = gloss_define_key(Self.capability("PE") ?? "\u{1B}[201~", gloss_key_paste_end())
    }
    clearAtExit = Self.capability("smcup") == nil ? Self.capability("clear") : nil
    frameFile = environment["GLOSS_FRAME_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    // What a signal handler writes when there is no time for curses: the same modes off.
    var restore = "\u{18}"  // CAN: ends an escape sequence cut off halfway
    restore += pasteOff ?? ""
    if mouse { restore += "\u{1B}[?1006l\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1000l" }
    for name in ["rmkx", "sgr0", "cnorm"] { restore += Self.capability(name) ?? "" }
    restore += Self.capability("rmcup") ?? clearAtExit ?? "\r\n"
    let bytes = Array(restore.utf8)
    bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { gloss_terminal_arm($0.baseAddress, $0.count) }
    }
    gloss_install_signal_handlers()
    _ = gloss_stderr_capture()
  }

  deinit { close() }

  /// A terminfo string capability without its padding (`$<5>`), or nil.
  static func capability(_ name: String) -> String? {
    guard let value = gloss_capability(name) else { return nil }
    let text = String(cString: value)
    return withoutPadding(text)
  }

  /// A capability without its padding delays (`$<5>`, `$<100/>`, `$<2*>`), which are for the
  /// terminal driver, not the terminal. (A plain scan: Swift's Regex took a noticeable part of
  /// start-up the first time it ran.)
  static func withoutPadding(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<") {
        var j = i + 2
        while j < bytes.count,
          bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: "*")
            || bytes[j] == UInt8(ascii: "/") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[j])
        {
          j += 1
        }
        if j < bytes.count, bytes[j] == UInt8(ascii: ">") {
          i = j + 1
          continue
        }
      }
      out.append(bytes[i])
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Restores the terminal. Safe to call more than once.
  public func close() {
    guard !closed else { return }
    closed = true
    curs_set(1)
    endwin()
    // After endwin, which has sent everything curses had buffered.
    if let pasteOff { Self.writeToTerminal(pasteOff) }
    if let clearAtExit { Self.writeToTerminal(clearAtExit) }
    gloss_terminal_disarm()
    gloss_stderr_release()
    delscreen(screen)
  }

  /// Replaces `path` with the count in decimal, atomically (a new file renamed over it), so a
  /// reader never sees half a number.
  static func writeCount(_ count: Int, to path: String) {
    let temporary = path + ".tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { return }
    let text = Array("\(count)\n".utf8)
    let written = text.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
    closeDescriptor(fd)
    if written == text.count { _ = rename(temporary, path) }
  }

  /// Sets the clipboard with OSC 52 (also wrapped for tmux's passthrough inside tmux).
  /// Whether the terminal took it cannot be known: terminals do not answer.
  public func writeClipboard(_ text: String) -> Bool {
    Self.writeToTerminal(OSC52.sequence(for: text, inTmux: ProcessInfo.processInfo.environment["TMUX"] != nil))
    return true
  }

  /// Control bytes straight to the terminal (curses' putp goes through stdio's buffer, which
  /// would send them at exit).
  static func writeToTerminal(_ string: String) {
    var bytes = Array(string.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      bytes = bytes.dropFirst(n)
    }
  }

  /// The signal that ended the session (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, …), if any:
  /// the last input handed over was a signal's, and the loop asked for nothing after it (a
  /// Ctrl-C that only cancelled a prompt did not end anything).
  public private(set) var receivedSignal: Int32?

  /// A quit signal that arrived, as input: SIGINT (Ctrl-C) is `.interrupt` — it cancels a prompt,
  /// else quits — and every other one `.terminate(signal:)`.
  private func signalEvent() -> InputEvent? {
    let sig = gloss_take_pending_signal()
    guard sig != 0 else { return nil }
    receivedSignal = Int32(sig)
    return sig == SIGINT ? .interrupt : .terminate(signal: Int32(sig))
  }

  public var size: Size {
    Size(width: Int(gloss_cols(window)), height: Int(gloss_rows(window)))
  }

  public func nextEvent() -> InputEvent? {
    receivedSignal = nil
    if let event = signalEvent() { return event }
    // Back from Ctrl-Z: curses has put its own modes back, but not bracketed paste.
    if gloss_take_continued() != 0, let pasteOn { Self.writeToTerminal(pasteOn) }
    var value: wint_t = 0
    let result = wget_wch(window, &value)
    if result == gloss_err() { return signalEvent() ?? hangupEvent() }
    if result == gloss_key_code_yes() {
      if Int32(value) == gloss_key_paste_start() { return readPaste() }
      return keyCode(Int32(value))
    }
    return character(UInt32(value))
  }

  /// The terminal hung up without a SIGHUP reaching gloss (its shell ignores or traps it, or
  /// `nohup`): input ends, and every read fails at once. Answered as a hangup, once, instead of
  /// spinning on a terminal that is gone.
  private func hangupEvent() -> InputEvent? {
    var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    guard !hungUp, poll(&input, 1, 0) == 1, input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 else {
      return nil
    }
    hungUp = true
    receivedSignal = SIGHUP
    return .terminate(signal: SIGHUP)
  }

  /// The text of a bracketed paste, up to its end marker, as one event: its newlines are text,
  /// not Enter. Read in one go (ncurses hands the characters over without waiting); if the end
  /// marker never comes, what arrived within half a second of quiet is the paste.
  func readPaste() -> InputEvent {
    wtimeout(window, 500)
    defer { wtimeout(window, 200) }
    var text = String.UnicodeScalarView()
    var afterCR = false
    while true {
      var value: wint_t = 0
      let result = wget_wch(window, &value)
      // Quiet for half a second, or a signal (handed over at the next call): what came is the paste.
      if result == gloss_err() { break }
      if result == gloss_key_code_yes() {
        if Int32(value) == gloss_key_paste_end() { break }
        continue
      }
      let v = UInt32(value)
      defer { afterCR = v == 0x0D }
      switch v {
      case 0x0D: text.append("\n")
      case 0x0A: if !afterCR { text.append("\n") }
      case 0x09: text.append("\t")
      case 0x00..<0x20, 0x7F..<0xA0: continue  // no control characters in the text
      default: if let scalar = UnicodeScalar(v) { text.append(scalar) }
      }
    }
    return .paste(String(text))
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
    framesDrawn += 1
    if let frameFile { Self.writeCount(framesDrawn, to: frameFile) }
  }

  /// One cell: its characters go to curses from the stack, at most the five a curses cell holds
  /// (CCHARW_MAX; the shim cuts there too). An array per cell was an allocation for each of the
  /// three thousand cells of a first frame.
  private func put(_ cell: Cell, x: Int, y: Int) {
    var chars: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0x20, 0, 0, 0, 0)
    let (attrs, pair) = attributes(cell.style)
    withUnsafeMutablePointer(to: &chars) { tuple in
      tuple.withMemoryRebound(to: wchar_t.self, capacity: 5) { slots in
        var count = 0
        for scalar in cell.text.unicodeScalars where count < 5 {
          // Last line of defence: no control character ever reaches the terminal.
          let v = scalar.value
          let control = v < 0x20 || (v >= 0x7F && v < 0xA0)
          slots[count] = control ? wchar_t(0x3F) : wchar_t(bitPattern: v)
          count += 1
        }
        _ = gloss_put_cell(window, Int32(y), Int32(x), slots, Int32(max(count, 1)), attrs, pair)
      }
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

/// close(2), out of reach of `NCursesTerminal.close()`'s name.
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }

extension String {
  /// A name for an error message, without control characters.
  fileprivate var terminalSafeName: String {
    let scalars = unicodeScalars.map { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) ? "?" : $0 }
    return String(String.UnicodeScalarView(scalars))
  }
}

/// What the app needs from a terminal: input events and a place to draw a grid. Two
/// implementations: GlossTerminal's ncurses one, and `TestTerminal` in memory.
public protocol TerminalBackend: AnyObject {
  var size: Size { get }
  /// The next input, or nil when nothing arrived within the backend's poll interval.
  func nextEvent() throws -> InputEvent?
  /// Shows a frame; only cells that changed since the last frame need to be sent.
  func draw(_ grid: Grid, fullRepaint: Bool) throws
  /// Input that has already arrived, without waiting (nil when there is none).
  func pollEvent() throws -> InputEvent?
  /// Sets the clipboard through the terminal (OSC 52). False when this terminal cannot.
  func writeClipboard(_ text: String) -> Bool
}

extension TerminalBackend {
  public func pollEvent() throws -> InputEvent? { nil }
  public func writeClipboard(_ text: String) -> Bool { false }
}

/// A terminal in memory, for tests: a size, a script of input events (keys, pastes,
/// resizes), the frames drawn and a frame counter. When the script runs out, `nextEvent`
/// throws `EndOfScript`, which ends the run.
public final class TestTerminal: TerminalBackend {
  public struct EndOfScript: Error {}

  public private(set) var size: Size
  public private(set) var frames = 0
  public private(set) var fullRepaints = 0
  public private(set) var lastFrame: Grid
  /// Every text written to the clipboard, in order.
  public private(set) var clipboard: [String] = []
  /// False: behaves as a terminal without OSC 52.
  public var acceptsClipboard = true
  private var script: [InputEvent] = []

  public init(width: Int = 100, height: Int = 30) {
    size = Size(width: width, height: height)
    lastFrame = Grid(width: width, height: height)
  }

  /// Adds input to the script.
  public func send(_ events: InputEvent...) { script += events }
  public func send(_ events: [InputEvent]) { script += events }

  /// Keys by their keymap names ("j", "<C-f>", "<Space>"); anything else is typed as text.
  public func keys(_ names: String...) {
    for name in names {
      if let key = KeyChord(name: name) { script.append(.key(key)) } else { type(name) }
    }
  }

  /// Types text one key at a time.
  public func type(_ text: String) { script += text.map { .key(.char($0)) } }

  /// A resize: the terminal takes the new size and reports it as input.
  public func resize(width: Int, height: Int) { script.append(.resize(Size(width: width, height: height))) }

  public var pendingEvents: Int { script.count }

  public func nextEvent() throws -> InputEvent? {
    guard !script.isEmpty else { throw EndOfScript() }
    let event = script.removeFirst()
    if case .resize(let new) = event { size = new }
    return event
  }

  public func draw(_ grid: Grid, fullRepaint: Bool) throws {
    lastFrame = grid
    frames += 1
    if fullRepaint { fullRepaints += 1 }
  }

  public func writeClipboard(_ text: String) -> Bool {
    guard acceptsClipboard else { return false }
    clipboard.append(text)
    return true
  }

  /// The last frame as text, one line per row (trailing spaces kept).
  public var text: String { lastFrame.text }

  /// The last frame's row `y` as text.
  public func row(_ y: Int) -> String { lastFrame.rowText(y) }

  /// The status line (the last row) without trailing spaces.
  public var statusLine: String {
    var line = lastFrame.rowText(lastFrame.height - 1)
    while line.last == " " { line.removeLast() }
    return line
  }
}

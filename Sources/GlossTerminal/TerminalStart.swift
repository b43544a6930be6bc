import CGlossText
import CNCursesW
import GlossModel
import GlossTUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Curses started on a second thread, while the reader builds its runner and renders its first
/// frame on the first (issue 14: each took about 0.6 ms of a 5 ms first paint). It is started
/// only once everything that can fail on the user's input has been checked, as before: the
/// terminal is still not touched until the input is known good. Nothing else uses curses until
/// `wait` has joined the thread.
public final class TerminalStart: @unchecked Sendable {
  private let wantColors: Bool
  private let environment: [String: String]
  private var result: Result<NCursesTerminal, Error>?
  private var thread: pthread_t?

  public init(wantColors: Bool, environment: [String: String]) {
    self.wantColors = wantColors
    self.environment = environment
    // On this thread, before the other starts: the locale (once: `setlocale` while another
    // thread measures text is not safe), and the terminal's modes saved with the handlers
    // that put them back, so that a crash while this thread builds the first frame does not
    // leave the shell without echo.
    _ = DisplayWidth.utf8LocaleReady
    _ = gloss_terminal_save_modes(STDOUT_FILENO)
    gloss_install_signal_handlers()
    #if os(Linux)
      var thread = pthread_t()
      let context = Unmanaged.passRetained(self).toOpaque()
      let started = pthread_create(
        &thread, nil,
        { context in
          let start = Unmanaged<TerminalStart>.fromOpaque(context!).takeRetainedValue()
          start.result = Result { try NCursesTerminal(wantColors: start.wantColors, environment: start.environment) }
          return nil
        }, context)
      if started == 0 {
        self.thread = thread
        return
      }
      Unmanaged<TerminalStart>.fromOpaque(context).release()
    #endif
    // No thread to be had (or not Linux): started here, as before.
    result = Result { try NCursesTerminal(wantColors: wantColors, environment: environment) }
  }

  /// The started terminal (or why it could not start), once the thread has finished.
  public func wait() throws -> NCursesTerminal {
    if let thread {
      pthread_join(thread, nil)
      self.thread = nil
    }
    guard let result else { throw NCursesTerminal.StartError.noTerminal }
    return try result.get()
  }

  /// The terminal's size as the kernel has it on standard output (what curses starts from), for
  /// rendering the first frame before curses is up; nil when it is unknown.
  public static func windowSize() -> Size? {
    var rows: Int32 = 0
    var cols: Int32 = 0
    guard gloss_window_size(STDOUT_FILENO, &rows, &cols) != 0 else { return nil }
    return Size(width: Int(cols), height: Int(rows))
  }
}

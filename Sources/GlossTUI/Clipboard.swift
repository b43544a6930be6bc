#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What `y` and `Y` copy: plain text, or a quote with its note and tags (written as a small
/// Markdown block by the app, which owns the Markdown writer).
public enum ClipboardText: Sendable, Equatable {
  case plain(String)
  case quote(String, note: String, tags: [String])
}

/// OSC 52, the escape sequence that sets the terminal's clipboard: `ESC ] 52 ; c ; base64 ST`.
public enum OSC52 {
  /// Terminals cap the sequence (xterm and others at about 100,000 bytes of base64).
  public static let maxEncodedBytes = 100_000

  /// The most UTF-8 bytes that fit in one sequence.
  public static var maxTextBytes: Int { maxEncodedBytes / 4 * 3 }

  /// The sequence for a text. Inside tmux (`inTmux`), the plain sequence is followed by the
  /// same one wrapped for tmux's passthrough (`ESC P tmux; …ESC \`, every ESC inside doubled):
  /// tmux takes the plain one when `set-clipboard` is `on`, and forwards the wrapped one when
  /// `allow-passthrough` is on (a wrapped sequence it does not forward is dropped whole).
  public static func sequence(for text: String, inTmux: Bool) -> String {
    let plain = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{1B}\\"
    guard inTmux else { return plain }
    return plain + "\u{1B}Ptmux;" + plain.replacing("\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
  }
}

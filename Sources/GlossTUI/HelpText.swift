/// The help overlay's text, generated from the live keymap and the command list, so it
/// always tells the truth about the keys in force.
public enum HelpText {
  public struct Line: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case heading, binding, blank, note }
    public var kind: Kind
    public var keys: String
    public var text: String
    /// The command's name in keymap.conf, for bindings.
    public var command: String = ""
  }

  static let sections: [(KeyContext, String)] = [
    (.reader, "Reader"), (.list, "Article list"), (.global, "Everywhere"), (.help, "In this help"),
  ]

  public static func lines(for keymap: Keymap) -> [Line] {
    var lines: [Line] = []
    for (context, heading) in sections {
      var section: [Line] = []
      for command in Command.allCases {
        var keys = keymap.keys(for: command, in: context).map(\.description)
        // A colour without a key of its own is reached through `color` (c then 1–5).
        if keys.isEmpty, let digit = Command.colorKeys.first(where: { $0.command == command })?.key {
          keys = keymap.keys(for: .color, in: context).map { "\($0) \(digit)" }
        }
        guard !keys.isEmpty else { continue }
        section.append(
          Line(
            kind: .binding, keys: keys.joined(separator: " "),
            text: command.summary, command: command.rawValue))
      }
      guard !section.isEmpty else { continue }
      if !lines.isEmpty { lines.append(Line(kind: .blank, keys: "", text: "")) }
      lines.append(Line(kind: .heading, keys: "", text: heading))
      lines += section
    }
    lines.append(Line(kind: .blank, keys: "", text: ""))
    lines.append(
      Line(
        kind: .note, keys: "",
        text: "A number before a motion repeats it: 5j, 3}, 10w, 4<C-f>; 50% and 12G go to a share or a paragraph."))
    lines.append(Line(kind: .note, keys: "", text: "Ctrl-C always quits. Keys are set in keymap.conf (see README)."))
    return lines
  }
}

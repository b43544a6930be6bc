import GlossTUI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

// Where the user's keymap file is (the app looks; the UI core only parses).

extension Keymap {
  /// Where to read the user's keymap: `--keymap FILE`, else `$XDG_CONFIG_HOME/gloss/keymap.conf`,
  /// else `~/.config/gloss/keymap.conf`; nil when none exists (the defaults apply).
  public static func userFile(explicit: String?, environment: [String: String]) -> URL? {
    if let explicit { return URL(fileURLWithPath: explicit) }
    var candidates: [URL] = []
    if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
      candidates.append(URL(fileURLWithPath: xdg).appendingPathComponent("gloss/keymap.conf"))
    }
    if let home = environment["HOME"], !home.isEmpty {
      candidates.append(URL(fileURLWithPath: home).appendingPathComponent(".config/gloss/keymap.conf"))
    }
    return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
  }
}

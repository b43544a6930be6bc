import GlossStore
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
    // Paths as strings and one stat each: most people have no keymap file, and building
    // URLs and FileManager for nothing was 3% of the reader's start-up.
    func inside(_ folder: String, _ path: String) -> String { (folder.hasSuffix("/") ? folder : folder + "/") + path }
    var candidates: [String] = []
    if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { candidates.append(inside(xdg, "gloss/keymap.conf")) }
    if let home = environment["HOME"], !home.isEmpty { candidates.append(inside(home, ".config/gloss/keymap.conf")) }
    return candidates.first(where: FileKind.exists).map { URL(fileURLWithPath: $0) }
  }
}

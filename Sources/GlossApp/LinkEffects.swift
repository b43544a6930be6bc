import GlossModel
import GlossStore
import GlossTUI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Links and the clipboard: opening external links, articles at an internal target, and
/// copying (OSC 52 through the terminal, or a clipboard command).
extension AppRunner {
  func performLinkOrClipboard(_ effect: Effect) -> [Message] {
    switch effect {
    case .openURL(let url):
      switch linkOpener(url) {
      case .opened(let command): return [.linkOpened(url: url, by: command)]
      case .unavailable(let reason): return [.linkNotOpened(url: url, reason: reason, canCopy: true)]
      case .failed(let reason): return [.linkNotOpened(url: url, reason: reason, canCopy: false)]
      }
    case .openArticleAtAnchor(let index, let fragment):
      var missing: String?
      let messages = openArticle(index, cursor: nil, allowPartial: false).map { message -> Message in
        guard case .articleOpened(let article, let entry, _, nil) = message else { return message }
        guard
          let target = article.anchors[fragment] ?? PercentEncoding.decoded(fragment).flatMap({ article.anchors[$0] })
        else {
          missing = "no “#\(fragment)” in \(article.path) — opened at the top"
          return message
        }
        // Shown at the top of the screen, the cursor on it (as a jump inside an article).
        return .articleOpened(article, entryIndex: entry, offset: target, cursor: nil)
      }
      return messages + (missing.map { [.notice($0, isError: false)] } ?? [])
    case .copyToClipboard(let content, let what):
      return copy(Self.clipboardString(content), what: what)
    default:
      return []
    }
  }

  /// The text a copy puts on the clipboard. Control characters are shown as on screen
  /// (`MarkdownExport.visible`), so a paste into a terminal cannot carry escape sequences.
  static func clipboardString(_ content: ClipboardText) -> String {
    switch content {
    case .plain(let text):
      return MarkdownExport.visible(text)
    case .quote(let quote, let note, let tags):
      var out = MarkdownExport.blockquote(MarkdownExport.visible(quote))
      if !tags.isEmpty { out += "\n\n" + tags.map(MarkdownExport.hashTag).joined(separator: " ") }
      let trimmed = String(TextScan.trimmed(note))
      if !trimmed.isEmpty { out += "\n\n" + MarkdownExport.paragraphs(MarkdownExport.visible(trimmed)) }
      while out.hasSuffix("\n") { out.removeLast() }
      return out + "\n"
    }
  }

  /// Whether copies go to the terminal (OSC 52): not with GLOSS_CLIPBOARD=command, nor on
  /// a terminal known to lack it (the Linux console, dumb terminals).
  var copiesThroughTerminal: Bool {
    let choice = environment["GLOSS_CLIPBOARD"]?.lowercased()
    if choice == "command" { return false }
    if choice == "osc52" || choice == "terminal" { return true }
    let term = environment["TERM"] ?? ""
    return !(term == "linux" || term == "dumb" || term.hasPrefix("vt"))
  }

  func copy(_ text: String, what: String) -> [Message] {
    let characters = text.count
    let bytes = text.utf8.count
    if copiesThroughTerminal {
      if bytes <= OSC52.maxTextBytes {
        if terminal?.writeClipboard(text) == true {
          return [.copied(characters: characters, what: what, via: "sent to the terminal (OSC 52)")]
        }
      } else {
        // Too long for the terminal: a clipboard command may take it.
        if environment["GLOSS_CLIPBOARD"]?.lowercased() != "osc52", case .copied(let command) = clipboardCommand(text) {
          return [.copied(characters: characters, what: what, via: "with \(command) (too long for the terminal)")]
        }
        let size = bytes.formatted(groupingSeparator: ",")
        let most = OSC52.maxTextBytes.formatted(groupingSeparator: ",")
        return [
          .copyFailed(what: what, reason: "too long for the terminal's clipboard (\(size) bytes, at most \(most))")
        ]
      }
    }
    switch clipboardCommand(text) {
    case .copied(let command): return [.copied(characters: characters, what: what, via: "with \(command)")]
    case .failed(let reason): return [.copyFailed(what: what, reason: reason)]
    }
  }
}

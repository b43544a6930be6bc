import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

// GlossTUI is the UI core: what the screen shows (`AppState`, made of parts with one owner
// each), the messages that change it (`Message`: input, and the results of effects), the one
// function that changes it (`AppState.update`), the effects it asks for (`Effect`: values, never
// performed here), and `render`, which draws a state into a `Grid` of cells. It depends on
// GlossModel only and does no I/O: the app (GlossApp) performs the effects and feeds their
// outcomes back as messages; a terminal (GlossTerminal, or the in-memory `TestTerminal`) shows
// the grid.

/// Terminal size in cells.
public struct Size: Sendable, Equatable {
  public var width: Int
  public var height: Int
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }
}

/// Input, already decoded from the terminal.
public enum InputEvent: Sendable, Equatable {
  case key(KeyChord)
  case resize(Size)
  case mouse(MouseEvent)
  /// Text pasted in one piece (bracketed paste): inserted as text, newlines never submit.
  case paste(String)
  /// Ctrl-C or SIGINT: cancels a prompt; otherwise leaves cleanly, whatever the keymap says.
  case interrupt
  /// A signal that ends the program (SIGTERM, SIGHUP, SIGQUIT…): leave at once, keeping
  /// unsaved annotations in a recovery file.
  case terminate(signal: Int32)
}

public struct MouseEvent: Sendable, Equatable {
  public enum Kind: Sendable, Equatable { case press, release, wheelUp, wheelDown }
  public var kind: Kind
  public var x: Int
  public var y: Int
  public init(kind: Kind, x: Int, y: Int) {
    self.kind = kind
    self.x = x
    self.y = y
  }
}

/// Everything that changes the state: input, and the outcome of every effect.
public enum Message: Sendable {
  case input(InputEvent)
  /// An article was read; show it. `cursor`: where a jump from a list lands.
  case articleOpened(Article, entryIndex: Int, offset: Int?, cursor: Int?)
  /// The rest of a partly read article (same offsets).
  case articleCompleted(Article)
  /// The open article's file changed on disk and was read again.
  case articleReloaded(Article)
  /// An article could not be read (vanished, unreadable).
  case articleFailed(path: String, reason: String)
  /// When each article was last read (from the reading positions).
  case readingHistory([String: Date])
  /// Titles and word counts read in the background.
  case entriesRead([ArticleSummary])
  /// The library's annotations as the store holds them now (start-up, a merge with what
  /// another process saved, re-anchoring).
  case annotationsReplaced([Annotation])
  /// The open article's annotations re-anchored to its current text; `orphaned` of them
  /// were not found.
  case annotationsReanchored([Annotation], orphaned: Int)
  /// Every change so far is on disk.
  case saved
  /// The store could not be written; `pending` changes are kept in memory only.
  case saveFailed(reason: String, pending: Int)
  case exported(path: String, count: Int)
  case exportFailed(path: String, reason: String)
  /// Where `E` suggests writing the open article's export.
  case exportPathSuggested(String)
  /// Unsaved annotations were written to a recovery file (the user chose to leave).
  case recoveryWritten(path: String, count: Int)
  case recoveryFailed(reason: String)
  case searchResults([SearchHit], query: String)
  /// A reading position could not be saved.
  case positionSaveFailed(String)
  /// Something to tell the user (skipped files, a store read-only at start-up).
  case notice(String, isError: Bool)

  // Links and the clipboard (LinkHints.swift, Clipboard.swift).
  /// A browser was started for an external link (`by`: the command).
  case linkOpened(url: String, by: String)
  /// No browser could be started; `canCopy`: none is configured or installed, so the link is
  /// copied instead.
  case linkNotOpened(url: String, reason: String, canCopy: Bool)
  /// Text reached the clipboard: how many characters, what it was, and how (OSC 52, a command).
  case copied(characters: Int, what: String, via: String)
  case copyFailed(what: String, reason: String)
  /// The marks saved with an article's reading position (sent after `articleOpened`).
  case marksRead(path: String, marks: [String: Int])
}

/// What the app must do after a state change. Values only; the app performs them and answers
/// with messages.
public enum Effect: Sendable, Equatable {
  case quit
  /// Read and show the library entry at this index (answer: `articleOpened`), with the cursor
  /// at `cursor` when given (a jump from a list or a search hit).
  case openArticle(Int, cursor: Int?)
  /// Read the rest of a partly read article (answer: `articleCompleted`).
  case completeArticle(path: String)
  /// Remember the reading position (Unicode scalar offset) of an article.
  case savePosition(path: String, offset: Int)
  /// Repaint the whole terminal.
  case redraw
  /// Save annotation changes (new or changed annotations, and deletions by id); answer:
  /// `saved` or `saveFailed`. A later save also writes what an earlier one could not.
  case saveAnnotations(upserts: [Annotation], deletions: [UUID])
  /// Try again to write what is unsaved.
  case retrySave
  /// Suggest a file for the open article's export (answer: `exportPathSuggested`).
  case suggestExportPath(articlePath: String)
  /// Write an article's annotations as Markdown (answer: `exported` or `exportFailed`).
  case exportArticle(path: String, articlePath: String, title: String)
  /// Write the unsaved annotations to a recovery file (answer: `recoveryWritten` or
  /// `recoveryFailed`).
  case writeRecovery
  /// Search the whole library and show the results (answer: `searchResults`).
  case searchLibrary(String)
  /// Watch the open article's file for changes (answer, when it changes: `articleReloaded`).
  case watchArticle(path: String?)
  /// Say this on stderr once the terminal is restored.
  case warnAtExit(String)

  // Links and the clipboard (LinkHints.swift, Clipboard.swift).
  /// Open an external link in a browser, detached (answer: `linkOpened` or `linkNotOpened`).
  case openURL(String)
  /// Open a library entry at an internal link target (`#fragment`) of it (answer:
  /// `articleOpened` with the cursor on the target).
  case openArticleAtAnchor(Int, fragment: String)
  /// Put text on the clipboard (answer: `copied` or `copyFailed`); `what` names it.
  case copyToClipboard(ClipboardText, what: String)
  /// Remember an article's marks (`a`–`z` → scalar offset) with its reading position
  /// (`offset`, used when the article has none yet); answer on failure: `positionSaveFailed`.
  case saveMarks(path: String, offset: Int, marks: [String: Int])
}

import GlossModel

/// Every command Gloss can bind to a key, declared once: its name in keymap.conf is the raw
/// value; the help overlay, the keymap parser and dispatch all read this list.
public enum Command: String, CaseIterable, Sendable {
  case lineDown = "line-down"
  case lineUp = "line-up"
  case pageDown = "page-down"
  case pageUp = "page-up"
  case halfPageDown = "half-page-down"
  case halfPageUp = "half-page-up"
  case top = "top"
  case bottom = "bottom"
  case wordNext = "word-next"
  case wordPrevious = "word-previous"
  case sentenceNext = "sentence-next"
  case sentencePrevious = "sentence-previous"
  case paragraphNext = "paragraph-next"
  case paragraphPrevious = "paragraph-previous"
  case goToParagraph = "go-to-paragraph"
  case goToPercent = "go-to-percent"
  case setMark = "set-mark"
  case goToMark = "go-to-mark"
  case jumpOlder = "jump-older"
  case jumpNewer = "jump-newer"
  case outline = "outline"
  case select = "select"
  case selectSentence = "select-sentence"
  case selectParagraph = "select-paragraph"
  case highlight = "highlight"
  case color = "color"
  case colorYellow = "color-yellow"
  case colorGreen = "color-green"
  case colorBlue = "color-blue"
  case colorPink = "color-pink"
  case colorPurple = "color-purple"
  case tag = "tag"
  case note = "note"
  case deleteAnnotation = "delete-annotation"
  case undo = "undo"
  case redo = "redo"
  case nextAnnotation = "next-annotation"
  case previousAnnotation = "previous-annotation"
  case toggleAnnotationList = "toggle-annotation-list"
  case filterByTag = "filter-by-tag"
  case export = "export"
  case searchLibrary = "search-library"
  case filterList = "filter-list"
  case sortList = "sort-list"
  case openArticle = "open-article"
  case search = "search"
  case searchNext = "search-next"
  case searchPrevious = "search-previous"
  case switchPane = "switch-pane"
  case help = "help"
  case cancel = "cancel"
  case redraw = "redraw"
  case quit = "quit"
  // Links and the clipboard (LinkHints.swift, Clipboard.swift).
  case followLink = "follow-link"
  case copy = "copy"
  case copyWithNote = "copy-with-note"

  public enum Group: String, CaseIterable, Sendable {
    case moving = "Moving"
    case selecting = "Selecting"
    case annotating = "Annotating"
    case searching = "Searching"
    case panes = "Panes and articles"
    case general = "General"
  }

  /// One line for the help overlay.
  public var summary: String {
    switch self {
    case .lineDown: return "scroll down a line (list: next item)"
    case .lineUp: return "scroll up a line (list: previous item)"
    case .pageDown: return "scroll down a page"
    case .pageUp: return "scroll up a page"
    case .halfPageDown: return "scroll down half a page"
    case .halfPageUp: return "scroll up half a page"
    case .top: return "go to the top (Ng: paragraph N)"
    case .bottom: return "go to the end (NG: paragraph N, e.g. 12G)"
    case .wordNext: return "cursor to the next word"
    case .wordPrevious: return "cursor to the previous word"
    case .sentenceNext: return "cursor to the next sentence"
    case .sentencePrevious: return "cursor to the previous sentence"
    case .paragraphNext: return "cursor to the next paragraph"
    case .paragraphPrevious: return "cursor to the start of the paragraph, or the previous one"
    case .goToParagraph: return "go to a paragraph by number (:12 Enter)"
    case .goToPercent: return "N%: go N percent into the article (50%)"
    case .setMark: return "m then a–z: mark this place (kept with the article)"
    case .goToMark: return "' then a–z: go to a mark; '': before the last jump"
    case .jumpOlder: return "back to the previous place in the jump list"
    case .jumpNewer: return "forward again in the jump list"
    case .outline: return "contents: the article's headings (Enter goes there)"
    case .select: return "start (or stop) selecting at the cursor"
    case .selectSentence: return "select the sentence under the cursor"
    case .selectParagraph: return "select the paragraph under the cursor"
    case .highlight: return "highlight the selection, or the sentence under the cursor"
    case .color: return "colour: c then 1–5 (yellow green blue pink purple)"
    case .colorYellow: return "colour: yellow (the selection or highlight)"
    case .colorGreen: return "colour: green"
    case .colorBlue: return "colour: blue"
    case .colorPink: return "colour: pink"
    case .colorPurple: return "colour: purple"
    case .tag: return "tag the selection or highlight (Tab completes)"
    case .note: return "add or edit the note of the selection or highlight"
    case .deleteAnnotation: return "delete the highlight under the cursor (list: the one selected)"
    case .undo: return "undo the last annotation change"
    case .redo: return "redo"
    case .nextAnnotation: return "jump to the next highlight"
    case .previousAnnotation: return "jump to the previous highlight"
    case .toggleAnnotationList: return "left pane: articles or this article's annotations"
    case .filterByTag: return "left pane: annotations in the library with a tag"
    case .export: return "export this article's annotations to Markdown"
    case .searchLibrary: return "search every article, note and tag in the library"
    case .filterList: return "narrow the list as you type (Esc clears)"
    case .sortList: return "sort the list: file name, title, recently read, most annotated"
    case .openArticle: return "open the selected article or annotation"
    case .search: return "search forward in the article"
    case .searchNext: return "next match"
    case .searchPrevious: return "previous match"
    case .switchPane: return "switch between the left pane and the reader"
    case .help: return "show or hide this help"
    case .cancel: return "cancel the selection, close help, clear the search"
    case .redraw: return "redraw the screen"
    case .quit: return "quit Gloss (the reading position is saved)"
    case .followLink: return "follow a link on screen: type the letters shown on it (Esc cancels)"
    case .copy: return "copy the selection, or the listed quote (no selection: scroll up a line)"
    case .copyWithNote: return "copy the quote with its note and tags as Markdown"
    }
  }

  public var group: Group {
    switch self {
    case .lineDown, .lineUp, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom,
      .wordNext, .wordPrevious, .sentenceNext, .sentencePrevious, .paragraphNext, .paragraphPrevious,
      .goToParagraph, .goToPercent, .setMark, .goToMark, .jumpOlder, .jumpNewer, .outline:
      return .moving
    case .select, .selectSentence, .selectParagraph:
      return .selecting
    case .highlight, .color, .colorYellow, .colorGreen, .colorBlue, .colorPink, .colorPurple, .tag, .note,
      .deleteAnnotation, .undo, .redo, .nextAnnotation, .previousAnnotation, .export, .copy, .copyWithNote:
      return .annotating
    case .search, .searchNext, .searchPrevious, .searchLibrary, .filterList:
      return .searching
    case .openArticle, .switchPane, .toggleAnnotationList, .filterByTag, .sortList, .followLink:
      return .panes
    case .help, .cancel, .redraw, .quit:
      return .general
    }
  }

  /// The colour commands `c` (the `color` command) chooses from, by the key that follows it.
  static let colorKeys: [(key: Character, command: Command)] = [
    ("1", .colorYellow), ("2", .colorGreen), ("3", .colorBlue), ("4", .colorPink), ("5", .colorPurple),
  ]

  /// The colour a colour command sets.
  public var color: HighlightColor? {
    switch self {
    case .colorYellow: return .yellow
    case .colorGreen: return .green
    case .colorBlue: return .blue
    case .colorPink: return .pink
    case .colorPurple: return .purple
    default: return nil
    }
  }
}

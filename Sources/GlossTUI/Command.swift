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
  case openArticle = "open-article"
  case search = "search"
  case searchNext = "search-next"
  case searchPrevious = "search-previous"
  case switchPane = "switch-pane"
  case help = "help"
  case cancel = "cancel"
  case redraw = "redraw"
  case quit = "quit"

  public enum Group: String, CaseIterable, Sendable {
    case moving = "Moving"
    case searching = "Searching"
    case panes = "Panes and articles"
    case general = "General"
  }

  /// One line for the help overlay.
  public var summary: String {
    switch self {
    case .lineDown: return "scroll down a line (list: next article)"
    case .lineUp: return "scroll up a line (list: previous article)"
    case .pageDown: return "scroll down a page"
    case .pageUp: return "scroll up a page"
    case .halfPageDown: return "scroll down half a page"
    case .halfPageUp: return "scroll up half a page"
    case .top: return "go to the top"
    case .bottom: return "go to the end"
    case .openArticle: return "open the selected article"
    case .search: return "search forward in the article"
    case .searchNext: return "next match"
    case .searchPrevious: return "previous match"
    case .switchPane: return "switch between the article list and the reader"
    case .help: return "show or hide this help"
    case .cancel: return "close help, clear the search highlight"
    case .redraw: return "redraw the screen"
    case .quit: return "quit Gloss (the reading position is saved)"
    }
  }

  public var group: Group {
    switch self {
    case .lineDown, .lineUp, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .top, .bottom:
      return .moving
    case .search, .searchNext, .searchPrevious:
      return .searching
    case .openArticle, .switchPane:
      return .panes
    case .help, .cancel, .redraw, .quit:
      return .general
    }
  }
}

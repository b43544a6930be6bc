import Foundation
import GlossModel

/// Commands: what each key does, once the keymap has named it.
extension AppState {
  public mutating func perform(_ command: Command) -> [Effect] {
    if case .help(let scroll) = mode { return performInHelp(command, scroll: scroll) }
    if let effects = performInList(command) { return effects }
    let height = geometry.bodyHeight
    switch command {
    case .quit:
      return quitEffects()
    case .help:
      mode = .help(scroll: 0)
    case .cancel:
      if reader?.selectionAnchor != nil {
        reader?.clearSelection()
        setMessage("selection cancelled", error: false)
      } else if search != nil {
        search = nil
        setMessage("search cleared", error: false)
      }
    case .redraw:
      return [.redraw]
    case .switchPane:
      focus = focus == .list ? .reader : .list
      if focus == .reader && reader == nil {
        focus = .list
        setMessage("no article open — choose one and press Enter", error: false)
      }
    case .search:
      mode = .prompt(Prompt(kind: .search))
    case .searchNext, .searchPrevious:
      searchAgain(forward: command == .searchNext)
    case .toggleAnnotationList:
      items.show(items.pane == .articles ? .articleAnnotations : .articles)
      if items.pane == .articles { list.scrollToCursor(rows: listRows) }
      if !geometry.split { focus = .list }
    case .filterByTag:
      if tagCounts.isEmpty {
        setMessage("no tags yet — tag a highlight with t", error: false)
      } else {
        items.show(.tags)
        focus = .list
      }
    case .openArticle:
      if focus == .list && items.pane != .articles { return activateItem() }
      guard let index = list.entryIndexAtCursor else { return [] }
      return open(entryIndex: index, cursor: nil)
    case .lineDown: move(by: 1)
    case .lineUp: move(by: -1)
    case .pageDown: move(by: focus == .list ? max(1, height - 2) : max(1, height))
    case .pageUp: move(by: focus == .list ? -max(1, height - 2) : -max(1, height))
    case .halfPageDown: move(by: max(1, height / 2))
    case .halfPageUp: move(by: -max(1, height / 2))
    case .top:
      if focus == .list { move(by: -Int.max / 2) } else { reader?.scrollToTop(height: height) }
    case .bottom:
      if focus == .list { move(by: Int.max / 2) } else { reader?.scrollToBottom(height: height) }
    case .wordNext, .wordPrevious, .sentenceNext, .sentencePrevious, .paragraphNext, .paragraphPrevious:
      reader?.moveCursor(command, height: height)
    case .select:
      if reader?.toggleSelection() == true {
        setMessage("selecting — move to extend, h to highlight, Esc to cancel", error: false)
      }
    case .selectSentence, .selectParagraph:
      guard let r = reader else { return [] }
      let range =
        command == .selectSentence ? r.navigation.sentence(at: r.cursor) : r.navigation.paragraphRange(at: r.cursor)
      if let range { reader?.select(range) }
    case .highlight, .colorYellow, .colorGreen, .colorBlue, .colorPink, .colorPurple, .tag, .note,
      .deleteAnnotation, .undo, .redo, .nextAnnotation, .previousAnnotation:
      return annotate(command)
    case .searchLibrary:
      mode = .prompt(Prompt(kind: .librarySearch, text: items.searchQuery))
    case .filterList:
      items.show(.articles)
      focus = .list
      mode = .prompt(Prompt(kind: .listFilter, text: list.filter))
    case .sortList:
      list.cycleSort(keeping: reader?.entryIndex, annotationCounts: session.countsByArticle)
      list.scrollToCursor(rows: listRows)
      setMessage("sorted by \(list.sort.rawValue) — o for the next order", error: false)
    case .followLink, .copy, .copyWithNote:
      return performLinkOrCopy(command)
    case .export:
      guard let r = reader else {
        setMessage("no article open", error: false)
        return []
      }
      return [.suggestExportPath(articlePath: r.article.path)]
    }
    return []
  }

  mutating func performInHelp(_ command: Command, scroll: Int) -> [Effect] {
    switch command {
    case .lineDown: mode = .help(scroll: min(scroll + 1, maxHelpScroll))
    case .lineUp: mode = .help(scroll: max(0, scroll - 1))
    case .pageDown, .halfPageDown: mode = .help(scroll: min(scroll + helpPage, maxHelpScroll))
    case .pageUp, .halfPageUp: mode = .help(scroll: max(0, scroll - helpPage))
    case .top: mode = .help(scroll: 0)
    case .bottom: mode = .help(scroll: maxHelpScroll)
    case .help, .cancel: mode = .normal
    case .quit: return quitEffects()
    case .redraw: return [.redraw]
    default: break
    }
    return []
  }

  /// Opens a library entry (saving the position of the article left), with the cursor at
  /// `cursor` when given.
  mutating func open(entryIndex: Int, cursor: Int?) -> [Effect] {
    focus = .reader
    if reader?.entryIndex == entryIndex {
      let screen = geometry
      if let cursor { reader?.setCursor(cursor, height: screen.bodyHeight) }
      return []
    }
    var effects: [Effect] = []
    if let position = currentPosition {
      effects.append(.savePosition(path: position.path, offset: position.offset))
      list.markRead(position.path, at: now)
    }
    effects.append(.openArticle(entryIndex, cursor: cursor))
    return effects
  }

  mutating func move(by rows: Int) {
    if focus == .list {
      if items.pane == .articles {
        let target = rows > Int.max / 4 ? list.order.count - 1 : rows < -Int.max / 4 ? 0 : list.cursor + rows
        list.moveCursor(to: target, rows: listRows)
      } else {
        items.move(by: rows, count: leftPaneItemCount, bodyHeight: geometry.bodyHeight)
      }
      return
    }
    let screen = geometry
    reader?.scroll(by: rows, height: screen.bodyHeight)
  }

  // MARK: - Search in the article

  mutating func searchAgain(forward: Bool, fromTop: Bool = false) {
    guard var s = search else {
      setMessage("no previous search — press / to search", error: false)
      return
    }
    guard let r = reader else {
      setMessage("no article open", error: false)
      return
    }
    let topOffset = r.topOffset
    let from: Int
    if let current = s.current, !fromTop {
      from = current.lowerBound
    } else {
      from = forward ? topOffset - 1 : topOffset
    }
    guard let found = ArticleSearch.find(s.pattern, in: r.article, from: from, forward: forward) else {
      setMessage("pattern not found: \(s.pattern)", error: true)
      s.current = nil
      search = s
      return
    }
    s.current = found.range
    search = s
    let screen = geometry
    reader?.show(found.range, height: screen.bodyHeight)
    if found.wrapped {
      setMessage(
        forward ? "search hit the end, continued from the top" : "search hit the top, continued from the end",
        error: false)
    }
  }
}

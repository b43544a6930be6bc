import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Commands: what each key does, once the keymap has named it.
extension AppState {
  /// `count`: the number typed before the key (`5j`), for the commands that take one.
  public mutating func perform(_ command: Command, count: Int? = nil) -> [Effect] {
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
      // `3n`: the third match on, one jump (`''` comes back to where it started).
      for step in 0..<min(max(1, count ?? 1), 1_000) {
        searchAgain(forward: command == .searchNext, recordJump: step == 0)
        if search?.current == nil { break }
      }
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
    case .lineDown: move(by: repeated(1, count))
    case .lineUp: move(by: repeated(-1, count))
    case .pageDown: move(by: repeated(focus == .list ? max(1, height - 2) : max(1, height), count))
    case .pageUp: move(by: repeated(focus == .list ? -max(1, height - 2) : -max(1, height), count))
    case .halfPageDown: move(by: repeated(max(1, height / 2), count))
    case .halfPageUp: move(by: repeated(-max(1, height / 2), count))
    case .top, .bottom:
      goToEnd(top: command == .top, count: count)
    case .wordNext, .wordPrevious, .sentenceNext, .sentencePrevious, .paragraphNext, .paragraphPrevious:
      reader?.moveCursor(command, count: count ?? 1, height: height)
    case .goToParagraph:
      guard reader != nil else { return noArticle() }
      if let count {
        reader?.jump(toParagraph: count, height: height)
      } else {
        mode = .prompt(Prompt(kind: .goTo))
      }
    case .goToPercent:
      guard reader != nil else { return noArticle() }
      guard let count else {
        setMessage("type a number first: 50% goes half way", error: false)
        return []
      }
      reader?.jump(toPercent: count, height: height)
    case .setMark, .goToMark:
      guard reader != nil else { return noArticle() }
      awaitSecondKey(command == .setMark ? .setMark : .goToMark, count: count)
    case .jumpOlder, .jumpNewer:
      guard reader != nil else { return noArticle() }
      walkJumps(older: command == .jumpOlder, count: count)
    case .outline:
      openOutline()
    case .color:
      awaitSecondKey(.color, count: count)
    case .select:
      if reader?.toggleSelection() == true {
        setMessage("selecting — move to extend, h to highlight, Esc to cancel", error: false)
      }
    case .selectSentence, .selectParagraph:
      guard let r = reader else { return [] }
      let range =
        command == .selectSentence ? r.navigation.sentence(at: r.cursor) : r.navigation.paragraphRange(at: r.cursor)
      if let range { reader?.select(range) }
    case .nextAnnotation, .previousAnnotation:
      // `3]`: the third highlight on (it stops at the last).
      var effects: [Effect] = []
      for _ in 0..<min(max(1, count ?? 1), max(1, session.index.all.count)) {
        let before = reader?.cursor
        effects += annotate(command)
        if reader?.cursor == before { break }
      }
      return effects
    case .highlight, .colorYellow, .colorGreen, .colorBlue, .colorPink, .colorPurple, .tag, .note,
      .deleteAnnotation, .undo, .redo:
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

  /// `g` and `G`: the top or the end; with a count, that paragraph (that entry in the list).
  mutating func goToEnd(top: Bool, count: Int?) {
    let height = geometry.bodyHeight
    if focus == .list {
      if let count, items.pane == .articles {
        list.moveCursor(to: max(0, min(count, list.order.count) - 1), rows: listRows)
      } else if let count {
        move(by: -Int.max / 2)
        move(by: count - 1)
      } else {
        move(by: top ? -Int.max / 2 : Int.max / 2)
      }
      return
    }
    guard reader != nil else { return }
    if let count {
      reader?.jump(toParagraph: count, height: height)
      return
    }
    reader?.recordJump()
    if top { reader?.scrollToTop(height: height) } else { reader?.scrollToBottom(height: height) }
  }

  /// `:N` entered: paragraph N.
  mutating func goTo(_ text: String) {
    let trimmed = String(TextScan.trimmed(text))
    guard !trimmed.isEmpty else { return }
    guard trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      setMessage(":\(trimmed) is not a paragraph number — type :12 and Enter for paragraph 12", error: true)
      return
    }
    // Digits only: too many of them saturate.
    let number = Int(trimmed.prefix(7)).map { trimmed.count > 7 ? MovingState.maximumCount : $0 } ?? 1
    guard reader != nil else { return }
    let height = geometry.bodyHeight
    reader?.jump(toParagraph: max(1, number), height: height)
  }

  mutating func noArticle() -> [Effect] {
    setMessage("no article open — choose one and press Enter", error: false)
    return []
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

  mutating func searchAgain(forward: Bool, fromTop: Bool = false, recordJump: Bool = true) {
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
    if recordJump { reader?.recordJump() }
    reader?.show(found.range, height: screen.bodyHeight)
    if found.wrapped {
      setMessage(
        forward ? "search hit the end, continued from the top" : "search hit the top, continued from the end",
        error: false)
    }
  }
}

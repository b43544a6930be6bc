import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension AppState {
  /// The only way the state changes: a message (input, or the outcome of an effect) in, the
  /// effects to perform out. `now` is the time the message arrived.
  public mutating func update(_ message: Message, at now: Date) -> [Effect] {
    self.now = now
    switch message {
    case .input(let event):
      return handle(event)
    case .articleOpened(let article, let entryIndex, let offset, let cursor):
      return show(article, entryIndex: entryIndex, offset: offset, cursor: cursor)
    case .articleCompleted(let article):
      replaceOpenArticle(article)
      return []
    case .articleReloaded(let article):
      if replaceOpenArticle(article) {
        // The outline's places were the old text's.
        moving.outline = nil
        setMessage("\(article.path) changed on disk — read again", error: false)
      }
      return []
    case .articleFailed(let path, let reason):
      setMessage("cannot open \(path): \(reason)", error: true)
      return []
    case .readingHistory(let dates):
      list.setLastRead(dates)
      return []
    case .entriesRead(let read):
      list.merge(read)
      return []
    case .annotationsReplaced(let all):
      session.replaceAll(all)
      annotationsChanged()
      return []
    case .annotationsReanchored(let changed, let orphaned):
      session.update(changed)
      annotationsChanged()
      if orphaned > 0 {
        let s = orphaned == 1 ? "" : "s"
        setMessage("\(orphaned) highlight\(s) no longer found in the text — listed as orphaned (A)", error: false)
      }
      return []
    case .saved:
      session.saved()
      if quitting == .afterSave { return finishQuit() }
      return []
    case .saveFailed(let reason, let pending):
      session.saveFailed(reason)
      if pending > 0 || !session.save.isClean {
        let n = max(pending, session.save.unsaved.count)
        var why = reason
        for prefix in ["annotations not saved: ", "cannot save annotations: "] where why.hasPrefix(prefix) {
          why = String(why.dropFirst(prefix.count))
        }
        setMessage("not saved, \(n) change\(n == 1 ? "" : "s") kept in memory: \(why)", error: true)
      } else {
        setMessage(reason, error: true)
      }
      if quitting == .afterSave {
        // Still asking: the choices stay on the status line with the reason.
        quitting = nil
        mode = .confirmQuit
        setMessage(confirmQuitQuestion + " — still not saved: \(reason)", error: true)
      }
      return []
    case .exported(let path, let count):
      setMessage("exported \(count) annotation\(count == 1 ? "" : "s") to \(path)", error: false)
      return []
    case .exportFailed(let path, let reason):
      setMessage("export to \(path) failed: \(reason)", error: true)
      return []
    case .exportPathSuggested(let path):
      mode = .prompt(Prompt(kind: .exportPath, text: path))
      return []
    case .recoveryWritten(let path, let count):
      let s = count == 1 ? "" : "s"
      let warning = "\(count) unsaved annotation\(s) written to \(path)"
      if case .afterRecovery = quitting { return [.warnAtExit(warning)] + finishQuit() }
      setMessage(warning, error: false)
      return []
    case .recoveryFailed(let reason):
      if case .afterRecovery(let force) = quitting {
        if force { return [.warnAtExit("unsaved annotations could not be written: \(reason)")] + finishQuit() }
        quitting = nil
        mode = .confirmQuit
      }
      setMessage("could not write the unsaved annotations: \(reason)", error: true)
      return []
    case .searchResults(let hits, let query):
      showSearchResults(hits, query: query)
      return []
    case .positionSaveFailed(let reason):
      if quitting == nil { setMessage(reason, error: true) }
      return [.warnAtExit(reason)]
    case .notice(let text, let isError):
      setMessage(text, error: isError)
      return []
    case .linkOpened, .linkNotOpened, .copied, .copyFailed:
      return linkOrClipboardOutcome(message)
    case .marksRead(let path, let marks):
      restoreMarks(path: path, marks: marks)
      return []
    }
  }

  /// Shows an article the app has read, at a remembered offset or with the cursor at a jump
  /// target.
  mutating func show(_ article: Article, entryIndex: Int, offset: Int?, cursor: Int?) -> [Effect] {
    reader = ReaderState(
      entryIndex: entryIndex, article: article, width: geometry.textWidth, height: geometry.bodyHeight,
      offset: cursor == nil ? offset : nil, cursor: cursor)
    if cursor == nil, var search {
      search.current = nil
      self.search = search
    }
    session.focus(on: article.path)
    list.select(entryIndex: entryIndex, rows: listRows)
    if items.pane != .articles { items.clamp(count: leftPaneItemCount, bodyHeight: geometry.bodyHeight) }
    var effects: [Effect] = [.watchArticle(path: article.path)]
    if article.isPartial { effects.append(.completeArticle(path: article.path)) }
    return effects
  }

  /// Another version of the open article (its rest, or the file read again): the list's word
  /// count and the reader follow. False when it is not the open article.
  @discardableResult
  mutating func replaceOpenArticle(_ article: Article) -> Bool {
    guard reader?.article.path == article.path else { return false }
    list.setWordCount(path: article.path, words: article.wordCount)
    let screen = geometry
    reader?.replaceArticle(article, width: screen.textWidth, height: screen.bodyHeight)
    return true
  }

  /// Keeps what depends on the annotations in step (list order by count, the left pane).
  mutating func annotationsChanged() {
    if list.sort == .annotated { list.setAnnotationCounts(session.countsByArticle) }
    if items.pane != .articles { items.clamp(count: leftPaneItemCount, bodyHeight: geometry.bodyHeight) }
  }

  // MARK: - Input

  mutating func handle(_ event: InputEvent) -> [Effect] {
    switch event {
    case .terminate:
      mode = .normal
      return quitEffects(force: true)
    case .interrupt:
      if case .prompt(let prompt) = mode { return cancelPrompt(prompt) }
      if mode == .confirmQuit || !session.save.isClean { return quitEffects(force: true) }
      return quitEffects()
    case .resize(let newSize):
      resize(to: newSize)
      return [.redraw]
    case .mouse(let mouse):
      return handleMouse(mouse)
    case .paste(let text):
      if case .prompt(var prompt) = mode {
        prompt.insert(text)
        mode = .prompt(prompt)
        promptChanged(prompt)
      } else {
        setMessage("pasted text is only taken in a prompt (a, t, /)", error: false)
      }
      return []
    case .key(let key):
      if case .prompt(var prompt) = mode {
        return handlePromptKey(key, prompt: &prompt)
      }
      if mode == .confirmQuit { return handleConfirmQuit(key) }
      if case .linkHints(let hints) = mode { return handleLinkHintKey(key, hints: hints) }
      status.clear()
      if key == .ctrl("c") {
        moving = MovingState()
        return handle(.interrupt)
      }
      if let effects = handleMovingKey(key) { return effects }
      let count = moving.takeCount()
      guard let command = keymap.command(for: key, in: keyContext) else {
        if case .help = mode { return [] }
        setMessage("\(key) does nothing here — press ? for help", error: false)
        return []
      }
      return perform(command, count: count)
    }
  }

  mutating func resize(to newSize: Size) {
    size = newSize
    list.scrollToCursor(rows: listRows)
    if items.pane != .articles { items.scrollToCursor(count: leftPaneItemCount, bodyHeight: geometry.bodyHeight) }
    let screen = geometry
    reader?.resize(width: screen.textWidth, height: screen.bodyHeight)
  }

  // MARK: - Quitting

  /// The effects of leaving: the reading position, then quit — unless annotations are not
  /// saved, when `q` asks first and a signal or Ctrl-C writes them to a recovery file.
  mutating func quitEffects(force: Bool = false) -> [Effect] {
    if !session.save.isClean {
      if force {
        quitting = .afterRecovery(force: true)
        return [.writeRecovery]
      }
      mode = .confirmQuit
      setMessage(confirmQuitQuestion, error: true)
      return []
    }
    return finishQuit()
  }

  var confirmQuitQuestion: String {
    let n = session.save.unsaved.count
    return "\(n) annotation\(n == 1 ? "" : "s") not saved: r retry, e export them to a file, Q quit anyway"
  }

  mutating func finishQuit() -> [Effect] {
    quitting = nil
    var effects: [Effect] = []
    if let position = currentPosition {
      effects.append(.savePosition(path: position.path, offset: position.offset))
    }
    effects.append(.quit)
    return effects
  }

  mutating func handleConfirmQuit(_ key: KeyChord) -> [Effect] {
    switch key {
    case .char("r"):
      quitting = .afterSave
      setMessage("retrying…", error: false)
      return [.retrySave]
    case .char("e"):
      quitting = .afterRecovery(force: false)
      return [.writeRecovery]
    case .char("Q"):
      let n = session.save.unsaved.count
      mode = .normal
      return [.warnAtExit("quit with \(n) annotation\(n == 1 ? "" : "s") not saved")] + finishQuit()
    case .char("q"):
      // Asked again (a too-small screen says "q quits"): the question stands.
      setMessage(confirmQuitQuestion, error: true)
      return []
    default:
      mode = .normal
      setMessage("not quitting — the unsaved annotations are still in memory", error: false)
      return []
    }
  }
}

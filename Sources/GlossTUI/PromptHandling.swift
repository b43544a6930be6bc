import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Keys in a prompt: editing (Prompt), Tab completion of tags, Enter and Esc.
extension AppState {
  mutating func handlePromptKey(_ key: KeyChord, prompt: inout Prompt) -> [Effect] {
    switch key {
    case .named(.esc), .ctrl("c"), .ctrl("g"):
      return cancelPrompt(prompt)
    case .named(.enter):
      mode = .normal
      remember(prompt)
      return submit(prompt)
    case .named(.tab):
      if case .tags = prompt.kind {
        complete(&prompt)
        mode = .prompt(prompt)
      }
      return []
    case .named(.backspace), .ctrl("h"):
      // Backspace in an empty search prompt closes it, as in less and vim.
      if prompt.characters.isEmpty, case .search = prompt.kind {
        mode = .normal
        return []
      }
    default:
      break
    }
    guard prompt.edit(key, history: promptHistory[prompt.kind.historyKey] ?? []) else { return [] }
    mode = .prompt(prompt)
    promptChanged(prompt)
    return []
  }

  /// Esc, Ctrl-G or Ctrl-C: closes the prompt; what was typed can be recalled with Up.
  mutating func cancelPrompt(_ prompt: Prompt) -> [Effect] {
    mode = .normal
    remember(prompt)
    if case .listFilter = prompt.kind {
      list.clearFilter(keeping: reader?.entryIndex ?? list.entryIndexAtCursor, rows: listRows)
    }
    if !prompt.characters.isEmpty { setMessage("cancelled — Up in the prompt brings the text back", error: false) }
    return []
  }

  /// Keeps a prompt's text for Up (the last 50 of each kind).
  mutating func remember(_ prompt: Prompt) {
    let text = prompt.text
    guard !TextScan.trimmed(text).isEmpty else { return }
    var history = promptHistory[prompt.kind.historyKey] ?? []
    history.removeAll { $0 == text }
    history.append(text)
    if history.count > 50 { history.removeFirst(history.count - 50) }
    promptHistory[prompt.kind.historyKey] = history
  }

  /// The list narrows as its filter is typed.
  mutating func promptChanged(_ prompt: Prompt) {
    if case .listFilter = prompt.kind { list.setFilter(prompt.text, rows: listRows) }
  }

  /// Tab in the tag prompt: completes the tag being typed from the library's tags; pressing
  /// Tab again cycles through the candidates.
  mutating func complete(_ prompt: inout Prompt) {
    let text = prompt.text
    let lastComma = text.lastIndex(of: ",")
    let head = lastComma.map { String(text[...$0]) + " " } ?? ""
    let typed = String(TextScan.trimmed(lastComma.map { text[text.index(after: $0)...] } ?? Substring(text)))
    let partial = prompt.completion?.partial ?? typed
    let already = Set(Tags.parse(String(head)).map { $0.lowercased() })
    let candidates = tagCounts.map(\.tag).filter {
      $0.lowercased().hasPrefix(partial.lowercased()) && !already.contains($0.lowercased())
    }.sorted { $0.lowercased() < $1.lowercased() }
    guard !candidates.isEmpty else {
      setMessage(partial.isEmpty ? "no tags to complete yet" : "no tag starts with '\(partial)'", error: false)
      return
    }
    let index = prompt.completion.map { ($0.index + 1) % candidates.count } ?? 0
    prompt.replaceText(head + candidates[index])
    prompt.completion = Prompt.Completion(partial: partial, index: index)
    if candidates.count > 1 {
      setMessage("\(index + 1)/\(candidates.count): " + candidates.joined(separator: ", "), error: false)
    }
  }

  mutating func submit(_ prompt: Prompt) -> [Effect] {
    switch prompt.kind {
    case .search:
      let pattern = prompt.text.isEmpty ? (search?.pattern ?? "") : prompt.text
      guard !pattern.isEmpty else { return [] }
      search = SearchState(pattern: pattern, current: nil)
      if focus == .list && reader != nil { focus = .reader }
      searchAgain(forward: true, fromTop: true)
      return []
    case .tags(let target):
      return setTags(Tags.parse(prompt.text), on: target)
    case .note(let target):
      return setNote(prompt.text, on: target)
    case .exportPath:
      let path = String(TextScan.trimmed(prompt.text))
      guard let r = reader else { return [] }
      guard !path.isEmpty else {
        setMessage("export cancelled: no file given", error: false)
        return []
      }
      return [.exportArticle(path: path, articlePath: r.article.path, title: r.article.title)]
    case .listFilter:
      list.setFilter(prompt.text, rows: listRows)
      if !list.order.isEmpty {
        let n = list.order.count
        setMessage("\(n) of \(list.entries.count) articles — Enter opens, Esc in the prompt clears", error: false)
      }
      return []
    case .librarySearch:
      let query = String(TextScan.trimmed(prompt.text))
      guard !query.isEmpty else {
        setMessage("type something to search for", error: false)
        return []
      }
      return [.searchLibrary(query)]
    case .goTo:
      goTo(prompt.text)
      return []
    }
  }
}

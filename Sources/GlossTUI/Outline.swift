import GlossModel

/// The table of contents: the article's headings (Markdown `#`, HTML `<h1>`–`<h6>`), and the
/// headline the model found (the only heading plain text has).
public enum Outline {
  public struct Entry: Sendable, Equatable {
    /// 1–6; the headline is level 1.
    public var level: Int
    public var title: String
    public var paragraph: Int
    public var offset: Int
  }

  /// The longest heading shown (a "heading" can be a whole paragraph of hostile input).
  static let titleLimit = 200

  /// Indices of the paragraphs listed, in reading order.
  static func headingParagraphs(of article: Article) -> [Int] {
    article.paragraphs.indices.filter { index in
      if case .heading = article.paragraphs[index].block { return true }
      return index == article.titleParagraph
    }
  }

  static func level(of paragraph: Paragraph) -> Int {
    if case .heading(let level) = paragraph.block { return max(1, min(6, level)) }
    return 1
  }

  static func entry(_ index: Int, in article: Article) -> Entry {
    let paragraph = article.paragraphs[index]
    var title = ""
    for c in article.text[paragraph.indices] {
      if title.count >= titleLimit { break }
      title.append(c.isNewline || c == "\t" ? " " : c)
    }
    if title.count >= titleLimit { title += "…" }
    return Entry(
      level: level(of: paragraph), title: String(TextScan.trimmed(title)), paragraph: index,
      offset: paragraph.scalars.lowerBound)
  }
}

/// The outline overlay while it is open: its entries, the chosen one and the first shown.
public struct OutlineState: Sendable, Equatable {
  public var entries: [Outline.Entry]
  public internal(set) var selected: Int
  /// The entry of the section being read (marked in the list).
  public var current: Int?
  public internal(set) var scroll = 0

  mutating func move(by rows: Int, visible: Int) {
    guard !entries.isEmpty else { return }
    selected = max(0, min(entries.count - 1, selected + max(-entries.count, min(entries.count, rows))))
    if selected < scroll { scroll = selected }
    if selected >= scroll + visible { scroll = selected - visible + 1 }
  }
}

extension ReaderState {
  /// The index in `headings` of the section the top of the screen is in: the nearest
  /// heading at or above the top line.
  public var currentHeading: Int? {
    guard !headings.isEmpty, let p = article.paragraphIndex(containing: topOffset) else { return nil }
    let i = headings.partitioningIndex { $0 <= p } - 1
    return i >= 0 ? i : nil
  }

  /// The heading of the section shown, for the status line (nil in the header, or above the
  /// first heading; the headline is the title already shown).
  public var currentSection: String? {
    guard top.block > 0, let i = currentHeading, headings[i] != article.titleParagraph else { return nil }
    return Outline.entry(headings[i], in: article).title
  }
}

extension AppState {
  /// Rows of entries the overlay shows.
  var outlineRows: Int { max(1, size.height - 5) }

  mutating func openOutline() {
    guard let r = reader else {
      setMessage("no article open", error: false)
      return
    }
    let entries = r.headings.map { Outline.entry($0, in: r.article) }
    let current = r.currentHeading
    var state = OutlineState(entries: entries, selected: 0, current: current)
    state.move(by: current ?? 0, visible: outlineRows)
    // The current section in the middle of the box, with the headings around it.
    state.scroll = max(0, min(state.selected - outlineRows / 2, entries.count - outlineRows))
    moving.outline = state
  }

  /// Keys while the outline is open: j/k (and the other motions) choose, Enter jumps, Esc,
  /// O or q close.
  mutating func handleOutlineKey(_ key: KeyChord) -> [Effect] {
    guard var outline = moving.outline else { return [] }
    if key == .named(.enter) || key == .char("l") || key == .named(.right) {
      moving.outline = nil
      guard outline.entries.indices.contains(outline.selected) else { return [] }
      let entry = outline.entries[outline.selected]
      let height = geometry.bodyHeight
      reader?.jump(to: entry.offset, height: height)
      return []
    }
    let command = keymap.command(for: key, in: .reader)
    if key == .named(.esc) || key == .char("q") || command == .outline || command == .cancel {
      moving.outline = nil
      return []
    }
    let rows = outlineRows
    switch command {
    case .lineDown: outline.move(by: 1, visible: rows)
    case .lineUp: outline.move(by: -1, visible: rows)
    case .pageDown, .halfPageDown: outline.move(by: rows, visible: rows)
    case .pageUp, .halfPageUp: outline.move(by: -rows, visible: rows)
    case .top: outline.move(by: -outline.entries.count, visible: rows)
    case .bottom: outline.move(by: outline.entries.count, visible: rows)
    case .quit: return quitEffects()
    case .redraw: return [.redraw]
    default:
      setMessage("contents: j/k choose a heading, Enter goes there, Esc closes", error: false)
    }
    moving.outline = outline
    return []
  }

  /// The mouse while the outline is open: the wheel chooses a heading; a click closes the box
  /// (and does nothing else: what was under it was hidden).
  mutating func handleOutlineMouse(_ mouse: MouseEvent) -> [Effect] {
    let rows = outlineRows
    switch mouse.kind {
    case .wheelDown: moving.outline?.move(by: 1, visible: rows)
    case .wheelUp: moving.outline?.move(by: -1, visible: rows)
    case .press: moving.outline = nil
    case .release: break
    }
    return []
  }
}

import GlossModel

/// Draws the whole screen for a state into a grid of cells. Pure: the same state gives the
/// same grid, so tests can inspect it without a terminal.
public func render(_ state: AppState) -> Grid {
  var grid = Grid(width: state.size.width, height: state.size.height)
  let theme = Theme(colors: state.colors)
  let g = state.geometry
  guard state.size.width > 0, state.size.height > 0 else { return grid }
  if g.tooSmall {
    renderTooSmall(&grid, state)
    return grid
  }
  if g.showsList {
    switch state.items.pane {
    case .articles: renderList(&grid, state, g, theme)
    case .tags: renderTags(&grid, state, g, theme)
    case .articleAnnotations, .taggedAnnotations: renderAnnotationList(&grid, state, g, theme)
    case .searchResults: renderSearchResults(&grid, state, g, theme)
    }
  }
  if g.split {
    for y in 0..<g.bodyHeight { grid.put("│", x: g.listWidth, y: y, style: theme.separator) }
  }
  if g.showsReader { renderReader(&grid, state, g, theme) }
  if g.showsReader, case .linkHints(let hints) = state.mode { renderLinkHints(&grid, state, hints, g) }
  if case .help(let scroll) = state.mode { renderHelp(&grid, state, scroll: scroll, theme) }
  if let outline = state.moving.outline { renderOutline(&grid, outline, theme) }
  renderStatus(&grid, state, g, theme)
  return grid
}

func renderTooSmall(_ grid: inout Grid, _ state: AppState) {
  let lines = [
    "Terminal too small",
    "\(state.size.width)x\(state.size.height), need \(ScreenGeometry.minimumWidth)x\(ScreenGeometry.minimumHeight)",
    "q quits",
  ]
  let top = max(0, (grid.height - lines.count) / 2)
  for (i, line) in lines.enumerated() where top + i < grid.height {
    let x = max(0, (grid.width - line.count) / 2)
    grid.put(line, x: x, y: top + i, style: i == 0 ? Style(bold: true) : .plain)
  }
}

/// "1,234", "12k", "1.2M": short enough for the list.
func compactCount(_ n: Int) -> String {
  if n < 10_000 { return n.formatted(groupingSeparator: ",") }
  if n < 1_000_000 { return "\(n / 1000)k" }
  return "\(n / 1_000_000).\((n % 1_000_000) / 100_000)M"
}

/// Cuts a string to a display width, ending with "…" when cut.
func truncated(_ s: String, to width: Int) -> String {
  guard width > 0 else { return "" }
  if DisplayWidth.of(s) <= width { return s }
  var out = ""
  var used = 0
  for c in s {
    let w = Glyph(c).width
    if used + w > width - 1 { break }
    out.append(c)
    used += w
  }
  while out.last == " " { out.removeLast() }
  return out + "…"
}

/// A box centred across the screen from its second row, cleared, with a title in its top edge
/// (the help and the outline): where its top-left corner is.
@discardableResult
func drawBox(_ grid: inout Grid, width: Int, height: Int, title: String, _ theme: Theme) -> (x: Int, y: Int) {
  let x0 = (grid.width - width) / 2
  let y0 = 1
  grid.fill(x: x0, y: y0, width: width, height: height, style: .plain)
  let horizontal = String(repeating: "─", count: max(0, width - 2))
  grid.put("┌" + horizontal + "┐", x: x0, y: y0, style: .plain)
  grid.put("└" + horizontal + "┘", x: x0, y: y0 + height - 1, style: .plain)
  for y in (y0 + 1)..<(y0 + height - 1) {
    grid.put("│", x: x0, y: y, style: .plain)
    grid.put("│", x: x0 + width - 1, y: y, style: .plain)
  }
  grid.put(title, x: x0 + max(1, (width - title.count) / 2), y: y0, style: theme.heading)
  return (x0, y0)
}

func renderHelp(_ grid: inout Grid, _ state: AppState, scroll: Int, _ theme: Theme) {
  let lines = HelpText.lines(for: state.keymap)
  let width = min(86, grid.width - 2)
  let height = max(3, grid.height - 3)
  let (x0, y0) = drawBox(&grid, width: width, height: height, title: " Gloss keys ", theme)
  let inner = height - 2
  let keysWidth = min(30, max(12, (width - 4) * 2 / 5))
  for row in 0..<inner {
    let index = scroll + row
    guard index < lines.count else { break }
    let line = lines[index]
    let y = y0 + 1 + row
    let limit = x0 + width - 2
    switch line.kind {
    case .heading:
      grid.put(line.text, x: x0 + 2, y: y, style: theme.heading, limit: limit)
    case .binding:
      grid.put(truncated(line.keys, to: keysWidth - 1), x: x0 + 3, y: y, style: theme.helpKeys, limit: limit)
      let textX = x0 + 3 + keysWidth
      let end = grid.put(truncated(line.text, to: limit - textX), x: textX, y: y, style: .plain, limit: limit)
      let name = line.command
      if end + 2 + name.count <= limit {
        grid.put(name, x: limit - name.count, y: y, style: theme.meta, limit: limit)
      }
    case .note:
      grid.put(truncated(line.text, to: width - 4), x: x0 + 2, y: y, style: theme.meta, limit: limit)
    case .blank:
      break
    }
  }
  if lines.count > inner {
    let more = scroll + inner < lines.count ? " j/k scroll · q closes " : " q closes "
    grid.put(more, x: x0 + max(1, width - more.count - 2), y: y0 + height - 1, style: theme.meta)
  }
}

func renderStatus(_ grid: inout Grid, _ state: AppState, _ g: ScreenGeometry, _ theme: Theme) {
  let y = grid.height - 1
  grid.fill(x: 0, y: y, width: grid.width, height: 1, style: theme.status)
  if case .prompt(let prompt) = state.mode {
    renderPrompt(&grid, prompt, y: y, theme)
    return
  }
  var right = ""
  let mode: String
  switch state.mode {
  case .help: mode = "HELP"
  case .confirmQuit: mode = "QUIT?"
  default:
    if state.reader?.selectionAnchor != nil && state.focus == .reader {
      mode = "VISUAL"
    } else {
      mode = state.focus == .list ? "LIST" : "READ"
    }
  }
  if let reader = state.reader {
    let layout = reader.layout
    let height = g.bodyHeight
    // The last row on screen is the article's last: asked without counting every row.
    let atEnd = layout.isAtEnd(layout.advance(reader.top, by: height - 1))
    let percent: String
    if atEnd {
      percent = "100%"
    } else {
      let total = max(1, layout.article.scalarCount)
      percent = "\(min(99, layout.scalarOffset(at: reader.top) * 100 / total))%"
    }
    right = "\(mode)  \(percent) "
  } else {
    right = "\(mode) "
  }
  // Keys typed so far (a count, `c`, `m`, `'`), as vim's showcmd.
  let typed = state.moving.typed
  if !typed.isEmpty { right = truncated(typed, to: 12) + "  " + right }
  // Annotations kept in memory only stay visible until they are saved.
  if !state.session.save.isClean || state.session.save.failure != nil {
    let n = state.session.save.unsaved.count
    right = (n > 0 ? "UNSAVED \(n)  " : "NOT SAVING  ") + right
  }
  let title = state.reader.map { " " + $0.article.title } ?? " Gloss"
  let section = state.reader?.currentSection
  let rightWidth = DisplayWidth.of(right)
  var x = 0
  if let message = state.message {
    let room = grid.width - rightWidth - 1
    let titleRoom = min(DisplayWidth.of(title), max(0, room - DisplayWidth.of(message) - 3), room / 2)
    if titleRoom > 6 {
      x = grid.put(
        statusTitle(title, section: section, width: titleRoom), x: 0, y: y, style: theme.status,
        escapedStyle: theme.statusError)
      x = grid.put(" — ", x: x, y: y, style: theme.status)
    } else {
      x = grid.put(" ", x: 0, y: y, style: theme.status)
    }
    let style = state.messageIsError ? theme.statusError : theme.status
    grid.put(
      truncated(message, to: max(0, room - x)), x: x, y: y, style: style, limit: grid.width - rightWidth - 1,
      escapedStyle: theme.statusError)
  } else {
    grid.put(
      statusTitle(title, section: section, width: max(0, grid.width - rightWidth - 2)), x: 0, y: y,
      style: theme.status, escapedStyle: theme.statusError)
  }
  if grid.width > rightWidth { grid.put(right, x: grid.width - rightWidth, y: y, style: theme.status) }
}

/// The title, then the section being read ("Title › Section"), cut to a width: the section
/// keeps at least half of it when both do not fit.
func statusTitle(_ title: String, section: String?, width: Int) -> String {
  guard let section, !section.isEmpty else { return truncated(title, to: width) }
  let separator = " › "
  let full = title + separator + section
  if DisplayWidth.of(full) <= width { return full }
  let titleWidth = DisplayWidth.of(title)
  let sectionRoom = max(width / 2, width - titleWidth - separator.count)
  let titleRoom = width - separator.count - min(sectionRoom, DisplayWidth.of(section))
  guard titleRoom >= 4 else { return truncated(title, to: width) }
  return truncated(title, to: titleRoom) + separator + truncated(section, to: width - titleRoom - separator.count)
}

/// The prompt line: the label stays; the text scrolls so that the cursor is always visible.
/// Only the characters that fit are measured and drawn, whatever the length of the text.
func renderPrompt(_ grid: inout Grid, _ prompt: Prompt, y: Int, _ theme: Theme) {
  grid.fill(x: 0, y: y, width: grid.width, height: 1, style: .plain)
  let labelEnd = grid.put(prompt.label, x: 0, y: y, style: Style(bold: true))
  let chars = prompt.characters
  let room = max(1, grid.width - labelEnd - 1)
  let start = prompt.firstVisible(room: start0Room(room))
  var x = labelEnd
  if start > 0 { x = grid.put("…", x: x, y: y, style: theme.meta) }
  var i = start
  while i < chars.count && x < grid.width {
    var style = Style.plain
    if i == prompt.cursor { style.reverse = true }
    let escaped = Style(bold: true, underline: true, reverse: i == prompt.cursor)
    x = grid.put(String(chars[i]), x: x, y: y, style: style, escapedStyle: escaped)
    i += 1
  }
  if prompt.cursor >= chars.count && x < grid.width {
    grid.put(" ", x: x, y: y, style: Style(reverse: true))
  }
}

/// Room for the prompt's text when an ellipsis may take one column.
private func start0Room(_ room: Int) -> Int { max(1, room - 1) }

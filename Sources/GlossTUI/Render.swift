import GlossModel

/// Styles for what the screen shows, in colour or — with NO_COLOR or a monochrome
/// terminal — with attributes only.
public struct Theme: Sendable {
  public var title: Style
  public var meta: Style
  public var preamble: Style
  public var body: Style
  public var match: Style
  public var currentMatch: Style
  public var escaped: Style
  public var status: Style
  public var statusError: Style
  public var listCursorFocused: Style
  public var listCursorUnfocused: Style
  public var openMarker: Style
  public var listWords: Style
  public var separator: Style
  public var heading: Style
  public var helpKeys: Style
  public var cursor: Style
  public var selection: Style
  public var marker: Style

  /// A highlight's look: a background colour, or with no colours an underline.
  public func highlight(_ color: HighlightColor) -> Style {
    guard colors else { return Style(underline: true) }
    switch color {
    case .yellow: return Style(foreground: .black, background: .yellow)
    case .green: return Style(foreground: .black, background: .green)
    case .blue: return Style(foreground: .white, background: .blue)
    case .pink: return Style(foreground: .black, background: .pink)
    case .purple: return Style(foreground: .white, background: .purple)
    }
  }

  /// The margin marker's colour for a highlight.
  public func markerStyle(_ color: HighlightColor) -> Style {
    guard colors else { return Style(bold: true) }
    switch color {
    case .yellow: return Style(foreground: .yellow, bold: true)
    case .green: return Style(foreground: .green, bold: true)
    case .blue: return Style(foreground: .blue, bold: true)
    case .pink: return Style(foreground: .pink, bold: true)
    case .purple: return Style(foreground: .purple, bold: true)
    }
  }

  public let colors: Bool

  public init(colors: Bool) {
    self.colors = colors
    cursor = Style(reverse: true)
    selection = Style(reverse: true)
    marker = Style(bold: true)
    title = Style(bold: true)
    meta = Style(dim: true)
    preamble = Style(dim: true)
    body = .plain
    status = Style(reverse: true)
    statusError = Style(bold: true, reverse: true)
    listCursorFocused = Style(reverse: true)
    listCursorUnfocused = Style(bold: true, underline: true)
    listWords = Style(dim: true)
    separator = Style(dim: true)
    heading = Style(bold: true)
    if colors {
      match = Style(foreground: .black, background: .yellow)
      currentMatch = Style(foreground: .black, background: .cyan, bold: true)
      escaped = Style(foreground: .red, bold: true)
      openMarker = Style(foreground: .green, bold: true)
      helpKeys = Style(foreground: .cyan, bold: true)
      statusError = Style(foreground: .red, bold: true, reverse: true)
    } else {
      match = Style(reverse: true)
      currentMatch = Style(bold: true, underline: true, reverse: true)
      escaped = Style(bold: true, underline: true)
      openMarker = Style(bold: true)
      helpKeys = Style(bold: true)
    }
  }

  func style(for line: LayoutLine.Style) -> Style {
    switch line {
    case .title: return title
    case .meta: return meta
    case .preamble: return preamble
    case .body: return body
    case .heading: return Style(bold: true)
    case .code: return code
    case .rule: return meta
    case .linkList: return meta
    }
  }

  /// Code in a distinct colour (or, without colours, dim).
  public var code: Style { colors ? Style(foreground: .cyan) : Style(dim: true) }

  /// An inline run's look over a base style.
  func apply(_ run: InlineRun.Style, to style: inout Style) {
    switch run {
    case .emphasis: style.italic = true
    case .strong: style.bold = true
    case .code:
      if colors { style.foreground = .cyan } else { style.dim = true }
    case .link: style.underline = true
    }
  }
}

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
    switch state.leftPane {
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
  if case .help(let scroll) = state.mode { renderHelp(&grid, state, scroll: scroll, theme) }
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

func renderList(_ grid: inout Grid, _ state: AppState, _ g: ScreenGeometry, _ theme: Theme) {
  let x0 = g.listX
  let width = g.listWidth
  let limit = x0 + width
  var header = state.entries.isEmpty ? "Articles" : "Articles (\(state.entries.count))"
  if !state.listFilter.isEmpty { header = "Articles (\(state.listOrder.count)/\(state.entries.count)) /\(state.listFilter)" }
  if state.listSort != .file { header += " · \(state.listSort.rawValue)" }
  grid.put(truncated(header, to: width - 1), x: x0 + 1, y: 0, style: theme.heading, limit: limit)
  if state.entries.isEmpty {
    grid.put("No articles here.", x: x0 + 1, y: 2, style: .plain, limit: limit)
    grid.put(truncated(state.libraryPath, to: width - 2), x: x0 + 1, y: 3, style: theme.meta, limit: limit)
    grid.put("Add .txt or .md files.", x: x0 + 1, y: 4, style: .plain, limit: limit)
    return
  }
  let order = state.listOrder
  if order.isEmpty {
    grid.put(truncated("Nothing matches “\(state.listFilter)”", to: width - 2), x: x0 + 1, y: 2, style: theme.meta, limit: limit, escapedStyle: theme.escaped)
    grid.put(truncated("Esc clears the filter", to: width - 2), x: x0 + 1, y: 3, style: theme.meta, limit: limit)
    return
  }
  let rows = max(1, g.bodyHeight - 1)
  for row in 0..<rows {
    let index = state.listTop + row
    guard index < order.count else { break }
    let entry = state.entries[order[index]]
    let y = row + 1
    let isCursor = index == state.listCursor
    let isOpen = order[index] == state.reader?.entryIndex
    var style = Style.plain
    if isCursor { style = state.focus == .list ? theme.listCursorFocused : theme.listCursorUnfocused }
    grid.fill(x: x0, y: y, width: width, height: 1, style: isCursor ? style : .plain)
    if isOpen {
      var marker = theme.openMarker
      if isCursor && state.focus == .list { marker.reverse = true }
      grid.put("•", x: x0, y: y, style: marker)
    }
    let words = (entry.wordCountIsEstimate ? "~" : "") + compactCount(entry.wordCount)
    let wordsWidth = words.count
    let titleWidth = width - 2 - wordsWidth - 2
    grid.put(truncated(entry.title, to: titleWidth), x: x0 + 2, y: y, style: style, limit: x0 + 2 + titleWidth, escapedStyle: theme.escaped)
    var wordsStyle = isCursor ? style : theme.listWords
    if isCursor { wordsStyle.dim = true }
    grid.put(words, x: limit - wordsWidth - 1, y: y, style: wordsStyle, limit: limit)
  }
}

func renderTags(_ grid: inout Grid, _ state: AppState, _ g: ScreenGeometry, _ theme: Theme) {
  let x0 = g.listX
  let limit = x0 + g.listWidth
  grid.put(truncated("Tags — Enter shows their annotations", to: g.listWidth - 1), x: x0 + 1, y: 0, style: theme.heading, limit: limit)
  let tags = state.tagCounts
  for row in 0..<max(0, g.bodyHeight - 1) {
    let index = state.itemTop + row
    guard index < tags.count else { break }
    let y = row + 1
    let isCursor = index == state.itemCursor
    let style = isCursor ? (state.focus == .list ? theme.listCursorFocused : theme.listCursorUnfocused) : Style.plain
    grid.fill(x: x0, y: y, width: g.listWidth, height: 1, style: style)
    let count = "\(tags[index].count)"
    grid.put(truncated("#" + tags[index].tag, to: g.listWidth - count.count - 4), x: x0 + 2, y: y, style: style, limit: limit, escapedStyle: theme.escaped)
    grid.put(count, x: limit - count.count - 1, y: y, style: style, limit: limit)
  }
}

func renderSearchResults(_ grid: inout Grid, _ state: AppState, _ g: ScreenGeometry, _ theme: Theme) {
  let x0 = g.listX
  let width = g.listWidth
  let limit = x0 + width
  let hits = state.searchHits
  grid.put(truncated("“\(state.searchHitsQuery)” (\(hits.count))", to: width - 1), x: x0 + 1, y: 0, style: theme.heading, limit: limit, escapedStyle: theme.escaped)
  var y = 1
  var index = state.itemTop
  while y + 1 < g.bodyHeight + 1 && index < hits.count {
    let hit = hits[index]
    let isCursor = index == state.itemCursor
    let style = isCursor ? (state.focus == .list ? theme.listCursorFocused : theme.listCursorUnfocused) : Style.plain
    grid.fill(x: x0, y: y, width: width, height: 1, style: style)
    let label = hit.kind == .text ? "" : (hit.kind == .note ? "note · " : "tag · ")
    grid.put(truncated(label + hit.title, to: width - 2), x: x0 + 1, y: y, style: style, limit: limit, escapedStyle: theme.escaped)
    y += 1
    if y >= g.bodyHeight { break }
    grid.put(truncated(hit.context, to: width - 3), x: x0 + 2, y: y, style: theme.meta, limit: limit, escapedStyle: theme.escaped)
    y += 1
    index += 1
  }
}

func renderAnnotationList(_ grid: inout Grid, _ state: AppState, _ g: ScreenGeometry, _ theme: Theme) {
  let x0 = g.listX
  let width = g.listWidth
  let limit = x0 + width
  let items = state.listedAnnotations
  let heading: String
  if case .taggedAnnotations(let tag) = state.leftPane {
    heading = "#\(tag) (\(items.count))"
  } else {
    heading = "Annotations (\(items.count))"
  }
  grid.put(truncated(heading, to: width - 1), x: x0 + 1, y: 0, style: theme.heading, limit: limit, escapedStyle: theme.escaped)
  if items.isEmpty {
    let hint = state.leftPane == .articleAnnotations ? "None yet: v selects, h highlights." : "None."
    grid.put(truncated(hint, to: width - 2), x: x0 + 1, y: 2, style: theme.meta, limit: limit)
    return
  }
  var y = 1
  var index = state.itemTop
  var orphanHeadingShown = false
  while y < g.bodyHeight && index < items.count {
    let a = items[index]
    if a.isOrphaned && !orphanHeadingShown && state.leftPane == .articleAnnotations {
      orphanHeadingShown = true
      if index > 0 || state.itemTop == 0 {
        grid.put(truncated("Orphaned (not found in the text)", to: width - 1), x: x0 + 1, y: y, style: theme.heading, limit: limit)
        y += 1
        if y >= g.bodyHeight { break }
      }
    }
    let isCursor = index == state.itemCursor
    let style = isCursor ? (state.focus == .list ? theme.listCursorFocused : theme.listCursorUnfocused) : Style.plain
    grid.fill(x: x0, y: y, width: width, height: 1, style: style)
    grid.put("■", x: x0 + 1, y: y, style: a.isOrphaned ? theme.meta : theme.markerStyle(a.color))
    let quote = a.quote.replacingOccurrences(of: "\n", with: " ")
    var prefix = ""
    if case .taggedAnnotations = state.leftPane, let title = state.entries.first(where: { $0.path == a.article })?.title {
      prefix = truncated(title, to: 14) + ": "
    }
    grid.put(truncated(prefix + "“" + quote + "”", to: width - 4), x: x0 + 3, y: y, style: style, limit: limit, escapedStyle: theme.escaped)
    y += 1
    if y >= g.bodyHeight { break }
    var details = a.tags.map { "#" + $0 }.joined(separator: " ")
    if let firstLine = a.note.split(separator: "\n").first {
      details += (details.isEmpty ? "" : " · ") + "✎ " + firstLine
    }
    if details.isEmpty { details = a.isOrphaned ? "orphaned" : "" }
    grid.put(truncated(details, to: width - 4), x: x0 + 3, y: y, style: theme.meta, limit: limit, escapedStyle: theme.escaped)
    y += 1
    index += 1
  }
}

func renderReader(_ grid: inout Grid, _ state: AppState, _ g: ScreenGeometry, _ theme: Theme) {
  guard let reader = state.reader else {
    let note = state.entries.isEmpty ? "Nothing to read yet." : "Choose an article and press Enter."
    grid.put(truncated(note, to: g.readerWidth - 2), x: g.readerX + 1, y: 1, style: theme.meta)
    return
  }
  let layout = reader.layout
  let limit = g.textX + g.textWidth
  var matchCache: [Int: [Range<Int>]] = [:]
  func matches(forParagraphOf block: Int) -> [Range<Int>] {
    guard let pattern = state.search?.pattern, let p = layout.paragraph(forBlock: block) else { return [] }
    if let cached = matchCache[p] { return cached }
    let found = ArticleSearch.matches(of: pattern, inParagraph: p, of: layout.article)
    matchCache[p] = found
    return found
  }
  let annotationIndex = state.articleIndex
  let selection = reader.selection
  let showCursor = state.focus == .reader || g.split
  let cursorWord = selection == nil ? reader.navigation.word(at: reader.cursor) : nil
  var position = reader.top
  for y in 0..<g.bodyHeight {
    if y > 0 {
      let next = layout.advance(position, by: 1)
      if next == position { break }
      position = next
    }
    guard let line = layout.line(at: position) else { continue }
    let base = theme.style(for: line.style)
    // Quote bars, list markers, hanging indents and heading levels, dimmed.
    let textX = line.prefix.isEmpty ? g.textX : grid.put(line.prefix, x: g.textX, y: y, style: theme.meta, limit: limit)
    if line.style == .rule {
      grid.put(String(repeating: "─", count: max(0, min(g.textWidth, limit - textX))), x: textX, y: y, style: theme.meta, limit: limit)
      continue
    }
    if line.clipped, limit - 1 >= textX { grid.put("→", x: limit - 1, y: y, style: theme.meta) }
    let lineLimit = line.clipped ? limit - 1 : limit
    guard let start = line.scalarStart else {
      grid.put(line.text, x: textX, y: y, style: base, limit: lineLimit, escapedStyle: theme.escaped)
      continue
    }
    let lineEnd = start + line.text.unicodeScalars.count
    let found = matches(forParagraphOf: position.block).filter { $0.upperBound > start && $0.lowerBound < lineEnd }
    let highlights = annotationIndex.overlapping(start..<lineEnd)
    let cursorRange = showCursor && cursorWord.map { $0.upperBound > start && $0.lowerBound < lineEnd } == true ? cursorWord : nil
    let selected = selection.flatMap { $0.upperBound > start && $0.lowerBound < lineEnd ? $0 : nil }
    let runs = layout.article.runs.isEmpty ? [] : layout.article.runs(overlapping: start..<lineEnd)
    // Margin: a bar in the highlight's colour, or a note mark when a highlight has a note.
    if let first = highlights.first, g.textX - 2 >= g.readerX {
      let noted = highlights.first { !$0.note.isEmpty }
      grid.put(noted != nil ? "✎" : "▌", x: g.textX - 2, y: y, style: theme.markerStyle((noted ?? first).color))
    }
    if found.isEmpty && highlights.isEmpty && cursorRange == nil && selected == nil && runs.isEmpty {
      grid.put(line.text, x: textX, y: y, style: base, limit: lineLimit, escapedStyle: theme.escaped)
      continue
    }
    var x = textX
    var offset = start
    for character in line.text {
      let count = character.unicodeScalars.count
      var style = base
      for run in runs where run.range.contains(offset) { theme.apply(run.style, to: &style) }
      // Later annotations draw over earlier ones; search matches, the selection and the
      // cursor draw over highlights.
      if let h = highlights.last(where: { $0.range.contains(offset) }) {
        let bold = style.bold
        let italic = style.italic
        style = theme.highlight(h.color)
        style.bold = bold
        style.italic = italic
      }
      var onCurrentMatch = false
      if let m = found.first(where: { $0.contains(offset) }) {
        onCurrentMatch = state.search?.current == m
        style = onCurrentMatch ? theme.currentMatch : theme.match
        if base.bold { style.bold = true }
      }
      if let selected, selected.contains(offset) {
        style = theme.selection
        if base.bold { style.bold = true }
      } else if let cursorRange, cursorRange.contains(offset), !onCurrentMatch {
        style.reverse = !style.reverse
      }
      x = grid.put(String(character), x: x, y: y, style: style, limit: lineLimit, escapedStyle: theme.escaped)
      offset += count
    }
  }
}

func renderHelp(_ grid: inout Grid, _ state: AppState, scroll: Int, _ theme: Theme) {
  let lines = HelpText.lines(for: state.keymap)
  let width = min(86, grid.width - 2)
  let height = max(3, grid.height - 3)
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
  let title = " Gloss keys "
  grid.put(title, x: x0 + max(1, (width - title.count) / 2), y: y0, style: theme.heading)
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
    var style = Style.plain
    style.bold = false
    grid.fill(x: 0, y: y, width: grid.width, height: 1, style: .plain)
    // The label stays; the text scrolls so that the cursor is always visible.
    let labelEnd = grid.put(prompt.label, x: 0, y: y, style: Style(bold: true))
    let chars = Array(prompt.text)
    let room = max(1, grid.width - labelEnd - 1)
    var start = 0
    while start < prompt.cursor && DisplayWidth.of(String(chars[start..<prompt.cursor])) > room - 1 { start += 1 }
    var x = labelEnd
    if start > 0 { x = grid.put("…", x: x, y: y, style: theme.meta) }
    for (i, c) in chars.enumerated() where i >= start {
      var cs = Style.plain
      if i == prompt.cursor { cs.reverse = true }
      x = grid.put(String(c), x: x, y: y, style: cs, escapedStyle: Style(bold: true, underline: true, reverse: i == prompt.cursor))
      if x >= grid.width { break }
    }
    if prompt.cursor >= chars.count && x < grid.width {
      grid.put(" ", x: x, y: y, style: Style(reverse: true))
    }
    return
  }
  var right = ""
  let mode: String
  switch state.mode {
  case .help: mode = "HELP"
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
    let atEnd = layout.advance(reader.top, by: height - 1) == layout.end || reader.top >= layout.bottomTop(height: height)
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
  let title = state.reader.map { " " + $0.article.title } ?? " Gloss"
  let rightWidth = DisplayWidth.of(right)
  var x = 0
  if let message = state.message {
    let room = grid.width - rightWidth - 1
    let titleRoom = min(DisplayWidth.of(title), max(0, room - DisplayWidth.of(message) - 3), room / 2)
    if titleRoom > 6 {
      x = grid.put(truncated(title, to: titleRoom), x: 0, y: y, style: theme.status, escapedStyle: theme.statusError)
      x = grid.put(" — ", x: x, y: y, style: theme.status)
    } else {
      x = grid.put(" ", x: 0, y: y, style: theme.status)
    }
    grid.put(truncated(message, to: max(0, room - x)), x: x, y: y, style: state.messageIsError ? theme.statusError : theme.status, limit: grid.width - rightWidth - 1, escapedStyle: theme.statusError)
  } else {
    grid.put(truncated(title, to: max(0, grid.width - rightWidth - 2)), x: 0, y: y, style: theme.status, escapedStyle: theme.statusError)
  }
  if grid.width > rightWidth { grid.put(right, x: grid.width - rightWidth, y: y, style: theme.status) }
}

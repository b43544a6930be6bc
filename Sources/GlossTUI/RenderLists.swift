import GlossModel

func renderList(_ grid: inout Grid, _ state: AppState, _ g: ScreenGeometry, _ theme: Theme) {
  let x0 = g.listX
  let width = g.listWidth
  let limit = x0 + width
  var header = state.entries.isEmpty ? "Articles" : "Articles (\(state.entries.count))"
  if !state.list.filter.isEmpty {
    header = "Articles (\(state.list.order.count)/\(state.entries.count)) /\(state.list.filter)"
  }
  if state.list.sort != .file { header += " · \(state.list.sort.rawValue)" }
  grid.put(truncated(header, to: width - 1), x: x0 + 1, y: 0, style: theme.heading, limit: limit)
  if state.entries.isEmpty {
    grid.put("No articles here.", x: x0 + 1, y: 2, style: .plain, limit: limit)
    grid.put(truncated(state.libraryPath, to: width - 2), x: x0 + 1, y: 3, style: theme.meta, limit: limit)
    grid.put("Add .txt, .md or .html files.", x: x0 + 1, y: 4, style: .plain, limit: limit)
    return
  }
  let order = state.list.order
  if order.isEmpty {
    grid.put(
      truncated("Nothing matches “\(state.list.filter)”", to: width - 2), x: x0 + 1, y: 2, style: theme.meta,
      limit: limit, escapedStyle: theme.escaped)
    grid.put(truncated("Esc clears the filter", to: width - 2), x: x0 + 1, y: 3, style: theme.meta, limit: limit)
    return
  }
  let rows = max(1, g.bodyHeight - 1)
  for row in 0..<rows {
    let index = state.list.top + row
    guard index < order.count else { break }
    let entry = state.entries[order[index]]
    let y = row + 1
    let isCursor = index == state.list.cursor
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
    grid.put(
      truncated(entry.title, to: titleWidth), x: x0 + 2, y: y, style: style, limit: x0 + 2 + titleWidth,
      escapedStyle: theme.escaped)
    var wordsStyle = isCursor ? style : theme.listWords
    if isCursor { wordsStyle.dim = true }
    grid.put(words, x: limit - wordsWidth - 1, y: y, style: wordsStyle, limit: limit)
  }
}

func renderTags(_ grid: inout Grid, _ state: AppState, _ g: ScreenGeometry, _ theme: Theme) {
  let x0 = g.listX
  let limit = x0 + g.listWidth
  grid.put(
    truncated("Tags — Enter shows their annotations", to: g.listWidth - 1), x: x0 + 1, y: 0, style: theme.heading,
    limit: limit)
  let tags = state.tagCounts
  for row in 0..<max(0, g.bodyHeight - 1) {
    let index = state.items.top + row
    guard index < tags.count else { break }
    let y = row + 1
    let isCursor = index == state.items.cursor
    let style = isCursor ? (state.focus == .list ? theme.listCursorFocused : theme.listCursorUnfocused) : Style.plain
    grid.fill(x: x0, y: y, width: g.listWidth, height: 1, style: style)
    let count = "\(tags[index].count)"
    grid.put(
      truncated("#" + tags[index].tag, to: g.listWidth - count.count - 4), x: x0 + 2, y: y, style: style, limit: limit,
      escapedStyle: theme.escaped)
    grid.put(count, x: limit - count.count - 1, y: y, style: style, limit: limit)
  }
}

func renderSearchResults(_ grid: inout Grid, _ state: AppState, _ g: ScreenGeometry, _ theme: Theme) {
  let x0 = g.listX
  let width = g.listWidth
  let limit = x0 + width
  let hits = state.items.searchHits
  grid.put(
    truncated("“\(state.items.searchQuery)” (\(hits.count))", to: width - 1), x: x0 + 1, y: 0, style: theme.heading,
    limit: limit, escapedStyle: theme.escaped)
  var y = 1
  var index = state.items.top
  while y + 1 < g.bodyHeight + 1 && index < hits.count {
    let hit = hits[index]
    let isCursor = index == state.items.cursor
    let style = isCursor ? (state.focus == .list ? theme.listCursorFocused : theme.listCursorUnfocused) : Style.plain
    grid.fill(x: x0, y: y, width: width, height: 1, style: style)
    let label = hit.kind == .text ? "" : (hit.kind == .note ? "note · " : "tag · ")
    grid.put(
      truncated(label + hit.title, to: width - 2), x: x0 + 1, y: y, style: style, limit: limit,
      escapedStyle: theme.escaped)
    y += 1
    if y >= g.bodyHeight { break }
    grid.put(
      truncated(hit.context, to: width - 3), x: x0 + 2, y: y, style: theme.meta, limit: limit,
      escapedStyle: theme.escaped)
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
  if case .taggedAnnotations(let tag) = state.items.pane {
    heading = "#\(tag) (\(items.count))"
  } else {
    heading = "Annotations (\(items.count))"
  }
  grid.put(
    truncated(heading, to: width - 1), x: x0 + 1, y: 0, style: theme.heading, limit: limit, escapedStyle: theme.escaped)
  if items.isEmpty {
    var hint = state.items.pane == .articleAnnotations ? "None yet: v selects, h highlights." : "None."
    if let failure = state.session.save.failure {
      hint =
        "Annotations cannot be saved now (\(failure)); new ones are kept in memory and saved when the file can be written."
    }
    var y = 2
    for line in wrapPlain(hint, width: width - 2).prefix(max(0, g.bodyHeight - 2)) {
      grid.put(line, x: x0 + 1, y: y, style: theme.meta, limit: limit, escapedStyle: theme.escaped)
      y += 1
    }
    return
  }
  var y = 1
  var index = state.items.top
  var orphanHeadingShown = false
  while y < g.bodyHeight && index < items.count {
    let a = items[index]
    if a.isOrphaned && !orphanHeadingShown && state.items.pane == .articleAnnotations {
      orphanHeadingShown = true
      if index > 0 || state.items.top == 0 {
        grid.put(
          truncated("Orphaned: not found in text", to: width - 1), x: x0 + 1, y: y, style: theme.heading,
          limit: limit)
        y += 1
        if y >= g.bodyHeight { break }
        grid.put(
          truncated(orphanHelp, to: width - 2), x: x0 + 1, y: y, style: theme.meta, limit: limit)
        y += 1
        if y >= g.bodyHeight { break }
      }
    }
    let isCursor = index == state.items.cursor
    let style = isCursor ? (state.focus == .list ? theme.listCursorFocused : theme.listCursorUnfocused) : Style.plain
    grid.fill(x: x0, y: y, width: width, height: 1, style: style)
    grid.put("■", x: x0 + 1, y: y, style: a.isOrphaned ? theme.meta : theme.markerStyle(a.color))
    let quote = a.quote.replacing("\n", with: " ")
    var prefix = ""
    if case .taggedAnnotations = state.items.pane,
      let title = state.entries.first(where: { $0.path == a.article })?.title
    {
      prefix = truncated(title, to: 14) + ": "
    }
    grid.put(
      truncated(prefix + "“" + quote + "”", to: width - 4), x: x0 + 3, y: y, style: style, limit: limit,
      escapedStyle: theme.escaped)
    y += 1
    if y >= g.bodyHeight { break }
    var details = a.tags.map { "#" + $0 }.joined(separator: " ")
    if let firstLine = a.note.split(separator: "\n").first {
      details += (details.isEmpty ? "" : " · ") + "✎ " + firstLine
    }
    if details.isEmpty { details = a.isOrphaned ? "orphaned" : "" }
    grid.put(
      truncated(details, to: width - 4), x: x0 + 3, y: y, style: theme.meta, limit: limit, escapedStyle: theme.escaped)
    y += 1
    index += 1
  }
}

/// The line under the orphaned annotations' heading: what can be done with them.
let orphanHelp = "d deletes, y copies quote"

/// Words wrapped to a width (for short notes in a pane), long words cut.
func wrapPlain(_ text: String, width: Int) -> [String] {
  guard width > 1 else { return [] }
  var lines: [String] = []
  var line = ""
  for word in text.split(separator: " ") {
    let candidate = line.isEmpty ? String(word) : line + " " + word
    if DisplayWidth.of(candidate) <= width {
      line = candidate
    } else {
      if !line.isEmpty { lines.append(line) }
      line = truncated(String(word), to: width)
    }
  }
  if !line.isEmpty { lines.append(line) }
  return lines
}

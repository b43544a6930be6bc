import GlossModel

/// The table of contents (`O`): a box over the screen listing the headings, indented by
/// level, the section being read marked with ▸ and the chosen one in reverse.
func renderOutline(_ grid: inout Grid, _ outline: OutlineState, _ theme: Theme) {
  let width = min(72, grid.width - 2)
  let height = max(3, grid.height - 3)
  guard width > 8 else { return }
  let (x0, y0) = drawBox(&grid, width: width, height: height, title: " Contents ", theme)
  let limit = x0 + width - 2
  if outline.entries.isEmpty {
    grid.put("This article has no headings.", x: x0 + 2, y: y0 + 1, style: theme.meta, limit: limit)
  } else {
    let inner = height - 2
    for row in 0..<inner {
      let index = outline.scroll + row
      guard index < outline.entries.count else { break }
      let entry = outline.entries[index]
      let y = y0 + 1 + row
      let chosen = index == outline.selected
      var style = entry.level == 1 ? Style(bold: true) : Style.plain
      style.reverse = chosen
      if chosen { grid.fill(x: x0 + 1, y: y, width: width - 2, height: 1, style: Style(reverse: true)) }
      let marker = index == outline.current ? "▸ " : "  "
      let x = grid.put(marker, x: x0 + 1, y: y, style: style, limit: limit)
      let indent = min(10, (entry.level - 1) * 2)
      let room = max(0, limit - x - indent)
      var escaped = style
      escaped.underline = true
      grid.put(truncated(entry.title, to: room), x: x + indent, y: y, style: style, limit: limit, escapedStyle: escaped)
    }
  }
  let hint = " Enter goes there · Esc closes "
  if hint.count + 4 < width {
    grid.put(hint, x: x0 + max(1, width - hint.count - 2), y: y0 + height - 1, style: theme.meta)
  }
}

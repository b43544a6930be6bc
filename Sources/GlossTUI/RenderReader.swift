import GlossModel

func renderReader(_ grid: inout Grid, _ state: AppState, _ g: ScreenGeometry, _ theme: Theme) {
  guard let reader = state.reader else {
    let note = state.entries.isEmpty ? "Nothing to read yet." : "Choose an article and press Enter."
    grid.put(truncated(note, to: g.readerWidth - 2), x: g.readerX + 1, y: 1, style: theme.meta)
    return
  }
  let layout = reader.layout
  let limit = g.textX + g.textWidth
  // Search matches are found per line, folding only what the line shows (and the pattern's
  // length either side): a screen of a 50 MB paragraph costs what the screen holds.
  let pattern = state.search?.pattern
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
      grid.put(
        String(repeating: "─", count: max(0, min(g.textWidth, limit - textX))), x: textX, y: y, style: theme.meta,
        limit: limit)
      continue
    }
    if line.clipped, limit - 1 >= textX { grid.put("→", x: limit - 1, y: y, style: theme.meta) }
    let lineLimit = line.clipped ? limit - 1 : limit
    guard let start = line.scalarStart else {
      var x = textX
      for piece in line.drawnPieces {
        x = grid.put(
          piece.text, x: x, y: y, style: piece.kind == .text ? base : theme.meta, limit: lineLimit,
          escapedStyle: theme.escaped)
      }
      continue
    }
    let lineEnd = start + line.text.unicodeScalars.count
    let found = pattern.map { ArticleSearch.matches(of: $0, in: start..<lineEnd, of: layout.article) } ?? []
    let highlights = annotationIndex.overlapping(start..<lineEnd)
    let cursorRange =
      showCursor && cursorWord.map { $0.upperBound > start && $0.lowerBound < lineEnd } == true ? cursorWord : nil
    let selected = selection.flatMap { $0.upperBound > start && $0.lowerBound < lineEnd ? $0 : nil }
    let runs = layout.article.runs.isEmpty ? [] : layout.article.runs(overlapping: start..<lineEnd)
    // Margin: a bar in the highlight's colour, or a note mark when a highlight has a note.
    if let first = highlights.first, g.textX - 2 >= g.readerX {
      let noted = highlights.first { !$0.note.isEmpty }
      grid.put(noted != nil ? "✎" : "▌", x: g.textX - 2, y: y, style: theme.markerStyle((noted ?? first).color))
    }
    let plain = found.isEmpty && highlights.isEmpty && cursorRange == nil && selected == nil && runs.isEmpty
    var x = textX
    for piece in line.drawnPieces {
      // Decoration (link numbers, table padding and separators) is dim and no part of the text.
      guard piece.kind == .text, let pieceStart = piece.scalarStart else {
        x = grid.put(piece.text, x: x, y: y, style: piece.kind == .padding ? base : theme.meta, limit: lineLimit)
        continue
      }
      if plain {
        x = grid.put(piece.text, x: x, y: y, style: base, limit: lineLimit, escapedStyle: theme.escaped)
        continue
      }
      var offset = pieceStart
      for character in piece.text {
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
}

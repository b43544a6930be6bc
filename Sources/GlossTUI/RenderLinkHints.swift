import GlossModel

/// Draws each link's label over the start of the link on screen (the part above the top of
/// the screen is skipped: a link that began above gets its label on the first row). Only the
/// labels that still match what was typed are drawn, the typed letters dimmed.
func renderLinkHints(_ grid: inout Grid, _ state: AppState, _ hints: LinkHints, _ g: ScreenGeometry) {
  guard let reader = state.reader else { return }
  let layout = reader.layout
  let limit = g.textX + g.textWidth
  var pending = hints.candidates
  let label =
    state.colors ? Style(foreground: .black, background: .yellow, bold: true) : Style(bold: true, reverse: true)
  var typedStyle = label
  typedStyle.bold = false
  typedStyle.dim = true
  var position = reader.top
  for y in 0..<g.bodyHeight {
    if y > 0 {
      let next = layout.advance(position, by: 1)
      if next == position { break }
      position = next
    }
    guard !pending.isEmpty else { break }
    guard let line = layout.line(at: position), let start = line.scalarStart else { continue }
    let end = start + line.text.unicodeScalars.count
    let here = pending.filter { $0.link.range.lowerBound < end && $0.link.range.upperBound > start }
    guard !here.isEmpty else { continue }
    pending.removeAll { c in here.contains { $0.label == c.label } }
    for candidate in here {
      // The column of the link's first character on this row, measured the way the row
      // was drawn (prefix, escaped characters and wide characters included).
      var scratch = Grid(width: limit + 2, height: 1)
      var x = line.prefix.isEmpty ? g.textX : scratch.put(line.prefix, x: g.textX, y: 0, style: .plain)
      // Walked piece by piece: link numbers and table padding take columns too.
      let offset = max(start, candidate.link.range.lowerBound)
      pieces: for piece in line.drawnPieces {
        guard piece.kind == .text, let pieceStart = piece.scalarStart else {
          x = scratch.put(piece.text, x: x, y: 0, style: .plain)
          continue
        }
        var scalar = pieceStart
        for character in piece.text {
          if scalar >= offset { break pieces }
          x = scratch.put(String(character), x: x, y: 0, style: .plain)
          scalar += character.unicodeScalars.count
        }
      }
      let x0 = min(x, max(g.textX, limit - candidate.label.count))
      let typed = hints.typed.count
      let shown = grid.put(candidate.label.prefix(typed), x: x0, y: y, style: typedStyle, limit: limit)
      grid.put(candidate.label.dropFirst(typed), x: shown, y: y, style: label, limit: limit)
    }
  }
}

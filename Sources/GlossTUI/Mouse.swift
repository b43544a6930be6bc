import GlossModel

/// Mouse: the wheel scrolls the pane under it, a click picks a list row or places the
/// cursor, a drag selects.
extension AppState {
  mutating func handleMouse(_ mouse: MouseEvent) -> [Effect] {
    let g = geometry
    guard !g.tooSmall else { return [] }
    if case .help = mode {
      switch mouse.kind {
      case .wheelDown: return perform(.lineDown)
      case .wheelUp: return perform(.lineUp)
      case .press: mode = .normal
      case .release: break
      }
      return []
    }
    if moving.outline != nil { return handleOutlineMouse(mouse) }
    if case .linkHints = mode {
      // The labels belong to the screen as it was: a click or the wheel puts them away.
      mode = .normal
      setMessage("link not followed", error: false)
    }
    let pane: Pane = g.split ? (mouse.x < g.listWidth ? .list : .reader) : focus
    switch mouse.kind {
    case .wheelDown, .wheelUp:
      let step = mouse.kind == .wheelDown ? 3 : -3
      if pane == .list {
        if items.pane == .articles {
          list.moveCursor(to: list.cursor + step / 3, rows: listRows)
        } else {
          items.move(by: step / 3, count: leftPaneItemCount, bodyHeight: g.bodyHeight)
        }
      } else {
        reader?.scroll(by: step, height: g.bodyHeight)
      }
      return []
    case .press:
      if pane == .list {
        focus = .list
        let row = mouse.y - 1
        guard row >= 0 && mouse.y < g.bodyHeight else { return [] }
        if items.pane == .articles {
          let position = list.top + row
          guard position < list.order.count else { return [] }
          list.moveCursor(to: position, rows: listRows)
          return perform(.openArticle)
        }
        let index = items.top + row / items.rowsPerItem
        guard index < leftPaneItemCount else { return [] }
        items.setCursor(index, count: leftPaneItemCount, bodyHeight: g.bodyHeight)
        return activateItem()
      }
      if reader != nil {
        focus = .reader
        if let offset = offset(atScreenX: mouse.x, y: mouse.y) { reader?.startDrag(at: offset) }
      }
      return []
    case .release:
      guard pane == .reader, let end = offset(atScreenX: mouse.x, y: mouse.y) else { return [] }
      reader?.endDrag(at: end)
      return []
    }
  }

  /// The article offset shown at a screen cell (the nearest grapheme on that row).
  func offset(atScreenX x: Int, y: Int) -> Int? {
    guard let r = reader, y >= 0, y < geometry.bodyHeight else { return nil }
    let layout = r.layout
    let position = layout.advance(r.top, by: y)
    guard position != layout.advance(r.top, by: y - 1) || y == 0 else { return nil }
    guard let line = layout.line(at: position), line.scalarStart != nil else { return nil }
    // The line's own map from columns to text (table cells and link numbers are in between).
    let column = x - geometry.textX - DisplayWidth.of(line.prefix)
    return line.scalarOffset(atColumn: max(0, column)).map { r.navigation.snap($0) }
  }
}

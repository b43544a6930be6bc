/// A table block laid out as aligned columns (Markdown's GFM tables and HTML `<table>`).
///
/// Each column is as wide as its widest cell (display width: CJK and emoji take two
/// columns), columns are separated by a dim ` │ `, header rows are bold with a `─┼─` rule
/// under them, and `:---:` / `---:` centre or right-align cells. When the table is wider than
/// the pane the widest columns shrink first (keeping a column's longest word whole when that
/// fits, else down to `minimumColumn`) and their cells wrap,
/// between words or else between grapheme clusters (never inside one); when even that does
/// not fit, the columns that do not fit are left out and the row ends in `→`.
///
/// A row's lines keep their cells as pieces (`LayoutLine.pieces`) with their article offsets,
/// so selection, highlights, search matches and the cursor work inside cells; the padding and
/// separators are decoration, no part of the text.
enum TableLayout {
  static let separator = " │ "
  static let minimumColumn = 6
  static let longestWordKept = 12

  struct Cell {
    var text: Substring
    var start: Int
  }

  /// The rows of a table paragraph's text (rows by "\n", cells by "\t"), with offsets.
  static func rows(_ text: Substring, start: Int) -> [[Cell]] {
    var rows: [[Cell]] = []
    var offset = start
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var row: [Cell] = []
      for cell in line.split(separator: "\t", omittingEmptySubsequences: false) {
        row.append(Cell(text: cell, start: offset))
        offset += cell.unicodeScalars.count + 1
      }
      rows.append(row)
    }
    return rows
  }

  /// Column widths for `available` columns: natural widths, the widest shrunk first to a
  /// common level when they do not all fit; and how many columns are shown.
  static func widths(natural: [Int], words: [Int]? = nil, available: Int) -> (widths: [Int], shown: Int) {
    let gap = DisplayWidth.of(separator)
    func total(_ widths: [Int]) -> Int { widths.reduce(0, +) + gap * max(0, widths.count - 1) }
    if total(natural) <= available { return (natural, natural.count) }
    // A column keeps its longest word whole when it can (up to `longestWordKept` columns).
    let words = words ?? natural
    let wordFloor = natural.indices.map { min(natural[$0], max(minimumColumn, min(words[$0], longestWordKept))) }
    let floor = natural.map { min($0, minimumColumn) }
    for floors in [wordFloor, floor] {
      // The highest level such that capping every column at it (not below its floor) fits.
      func capped(_ level: Int) -> [Int] { natural.indices.map { max(floors[$0], min(natural[$0], level)) } }
      guard total(capped(0)) <= available else { continue }
      var low = 0
      var high = natural.max() ?? 0
      while low < high {
        let mid = (low + high + 1) / 2
        if total(capped(mid)) <= available { low = mid } else { high = mid - 1 }
      }
      return (capped(low), natural.count)
    }
    // Too many columns: as many as fit at their floor, with the last column kept for the `→`
    // (at least one, cut by the pane).
    var shown = 0
    var used = 0
    while shown < floor.count {
      let next = used + (shown > 0 ? gap : 0) + floor[shown]
      if next > available - 1 && shown > 0 { break }
      used = next
      shown += 1
    }
    return (Array(floor.prefix(shown)), shown)
  }

  /// A table measured for one width: its cells, column widths and what is shown. Lines are
  /// built a row at a time (`lines(ofRow:)`), so that `LazyTable` builds only the rows on
  /// screen. `labels` numbers the links in the cells; `restPrefix` goes before every line but
  /// the first.
  struct Plan {
    let text: Substring
    let rows: [[Cell]]
    /// Display width of each cell, its link numbers included.
    let cellWidths: [[Int]]
    let shape: TableShape
    let widths: [Int]
    let shown: Int
    let clipped: Bool
    let prefix: String
    let restPrefix: String
    let labels: LinkLabels?

    init(
      _ text: Substring, start: Int, shape: TableShape, width: Int, prefix: String, restPrefix: String,
      labels: LinkLabels?
    ) {
      self.text = text
      self.shape = shape
      self.prefix = prefix
      self.restPrefix = restPrefix
      self.labels = labels
      rows = TableLayout.rows(text, start: start)
      let columns = rows.map(\.count).max() ?? 0
      var natural = [Int](repeating: 0, count: columns)
      var words = [Int](repeating: 0, count: columns)
      var cellWidths: [[Int]] = []
      cellWidths.reserveCapacity(rows.count)
      for row in rows {
        var rowWidths: [Int] = []
        for (c, cell) in row.enumerated() {
          // The cell's width and its longest word's, in one pass.
          var total = 0
          var word = 0
          for character in cell.text {
            let w = Glyph(character).width
            total += w
            word = TextScan.isBreakingSpace(character) ? 0 : word + w
            words[c] = max(words[c], word)
          }
          if let labels { total += Plan.extras(cell, labels).reduce(0) { $0 + $1.width } }
          natural[c] = max(natural[c], total)
          rowWidths.append(total)
        }
        cellWidths.append(rowWidths)
      }
      self.cellWidths = cellWidths
      let available = max(1, width - max(DisplayWidth.of(prefix), DisplayWidth.of(restPrefix)))
      (widths, shown) = TableLayout.widths(natural: natural, words: words, available: available)
      clipped = shown < columns
    }

    /// The link numbers in a cell, as widths the wrapper keeps for them.
    static func extras(_ cell: Cell, _ labels: LinkLabels) -> [TextWrapper.Extra] {
      labels.extras(base: cell.start, in: cell.start..<(cell.start + cell.text.unicodeScalars.count))
    }

    /// True when a row's rule follows it (the last header row, when rows follow).
    func ruleAfter(_ r: Int) -> Bool { r + 1 == shape.headerRows && r + 1 < rows.count }

    /// Lines a row takes (the rule under the header included), counting wrapped cells
    /// without building their lines.
    func height(ofRow r: Int) -> Int {
      var height = 1
      for c in 0..<min(shown, rows[r].count) where cellWidths[r][c] > widths[c] {
        var count = 0
        let cell = rows[r][c]
        let start = TextWrapper.LineStart(byte: cell.text.startIndex.byteOffset(in: cell.text.base), scalar: 0)
        let extras = labels.map { Plan.extras(cell, $0) } ?? []
        TextWrapper.spans(of: cell.text, from: start, width: max(1, widths[c]), extras: extras) { _ in
          count += 1
          return true
        }
        height = max(height, count)
      }
      return height + (ruleAfter(r) ? 1 : 0)
    }

    /// A row's lines: its cells side by side, wrapped in their columns, padded to their
    /// alignment; after the last header row, the rule.
    func lines(ofRow r: Int) -> [LayoutLine] {
      let row = rows[r]
      let header = r < shape.headerRows
      // Each shown cell wrapped to its column.
      let wrapped: [[LayoutLine]] = (0..<shown).map { c in
        guard c < row.count else { return [] }
        var lines = TextWrapper.wrap(
          row[c].text, scalarStart: row[c].start, width: max(1, widths[c]), style: .body,
          extras: labels.map { Plan.extras(row[c], $0) } ?? [])
        if let labels { for i in lines.indices { labels.decorate(&lines[i]) } }
        return lines
      }
      var lines: [LayoutLine] = []
      for k in 0..<max(1, wrapped.map(\.count).max() ?? 1) {
        var pieces: [LayoutLine.Piece] = []
        for c in 0..<shown {
          if c > 0 {
            pieces.append(LayoutLine.Piece(text: Substring(separator), scalarStart: nil, width: 3, kind: .separator))
          }
          let part = k < wrapped[c].count ? wrapped[c][k] : nil
          let spare = max(0, widths[c] - (part?.width ?? 0))
          let alignment = c < shape.alignments.count ? shape.alignments[c] : .none
          let before: Int
          switch alignment {
          case .right: before = spare
          case .center: before = spare / 2
          case .left, .none: before = 0
          }
          if before > 0 { pieces.append(.padding(before)) }
          if let part { pieces += part.drawnPieces }
          // No padding after the last column (nothing follows it).
          if spare - before > 0 && c + 1 < shown { pieces.append(.padding(spare - before)) }
        }
        lines.append(
          TableLayout.line(
            pieces, in: text, style: .table(header: header), prefix: r == 0 && k == 0 ? prefix : restPrefix,
            clipped: clipped))
      }
      if header && ruleAfter(r) {
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "─┼─")
        var line = LayoutLine(
          text: "", scalarStart: nil, width: DisplayWidth.of(rule), style: .table(header: false), prefix: restPrefix,
          clipped: clipped)
        line.pieces = [LayoutLine.Piece(text: Substring(rule), scalarStart: nil, width: line.width, kind: .separator)]
        lines.append(line)
      }
      return lines
    }
  }

  /// A line of pieces: its `text` the article text from its first piece to its last (so
  /// that `scalarStart` and `scalarEnd` cover what it shows), its width the pieces'.
  static func line(
    _ pieces: [LayoutLine.Piece], in text: Substring, style: LayoutLine.Style, prefix: String, clipped: Bool
  ) -> LayoutLine {
    let texts = pieces.filter { $0.kind == .text && $0.scalarStart != nil }
    let width = pieces.reduce(0) { $0 + $1.width }
    guard let first = texts.min(by: { $0.scalarStart! < $1.scalarStart! }),
      let last = texts.max(by: { $0.scalarStart! < $1.scalarStart! })
    else {
      var line = LayoutLine(text: "", scalarStart: nil, width: width, style: style, prefix: prefix, clipped: clipped)
      line.pieces = pieces
      return line
    }
    var line = LayoutLine(
      text: text.base[first.text.startIndex..<last.text.endIndex], scalarStart: first.scalarStart, width: width,
      style: style, prefix: prefix, clipped: clipped)
    line.pieces = pieces
    return line
  }
}

/// The lines of a table at one width, built a few rows at a time: the columns are
/// measured once (every cell's width), each row's height counted (wrapping only the cells
/// wider than their column, without building lines), and a row's lines built when a screen
/// needs them; the last few rows built are kept.
///
/// Not `Sendable`: it lives inside `LayoutMemo`'s lock.
final class LazyTable {
  let plan: TableLayout.Plan
  /// `lineStarts[r]` is the first line of row `r`; the last entry is the line count.
  let lineStarts: [Int]
  private var built: [(row: Int, lines: [LayoutLine])] = []

  init(plan: TableLayout.Plan) {
    self.plan = plan
    var starts: [Int] = [0]
    starts.reserveCapacity(plan.rows.count + 1)
    for r in plan.rows.indices { starts.append(starts[r] + plan.height(ofRow: r)) }
    lineStarts = starts
  }

  var lineCount: Int { lineStarts.last ?? 0 }

  func lines(ofRow r: Int) -> [LayoutLine] {
    if let i = built.firstIndex(where: { $0.row == r }) { return built[i].lines }
    let lines = plan.lines(ofRow: r)
    if built.count >= 64 { built.removeFirst() }
    built.append((r, lines))
    return lines
  }

  func line(at index: Int) -> LayoutLine? {
    guard index >= 0 && index < lineCount else { return nil }
    let r = lineStarts.partitioningIndex { $0 <= index } - 1
    let lines = lines(ofRow: r)
    return index - lineStarts[r] < lines.count ? lines[index - lineStarts[r]] : nil
  }

  /// The line that shows an article offset: in its row, the line whose cell holds it, else
  /// (a column cut off, spaces a wrap dropped) the row's last line that starts before it.
  func line(forScalar offset: Int) -> Int {
    let r = max(0, plan.rows.partitioningIndex { ($0.first?.start ?? 0) <= offset } - 1)
    guard r < plan.rows.count else { return 0 }
    let lines = lines(ofRow: r)
    var last = lineStarts[r]
    for (k, line) in lines.enumerated() {
      for piece in line.pieces where piece.kind == .text {
        guard let s = piece.scalarStart else { continue }
        if offset >= s && offset <= s + piece.text.unicodeScalars.count { return lineStarts[r] + k }
      }
      if let s = line.scalarStart, s <= offset { last = lineStarts[r] + k }
    }
    return last
  }

  func allLines() -> [LayoutLine] { plan.rows.indices.flatMap { lines(ofRow: $0) } }
}

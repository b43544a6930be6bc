/// The lines of one very long paragraph at one width, wrapped only where they are needed.
///
/// A scan counts lines without building them and keeps a checkpoint (where the line starts)
/// every `stride` lines; lines are built a chunk of `stride` at a time, from the chunk's
/// checkpoint, and the last few chunks are kept. Since the wrap after a line start depends
/// on nothing before it, the lines are exactly those of wrapping the whole paragraph at once.
/// Row numbers are exact too: reaching the end (`G`) scans the paragraph once, counting
/// (tens of megabytes a second), and builds only the last screen's chunk.
///
/// Not `Sendable`: it lives inside `LayoutMemo`'s lock.
final class LazyParagraph {
  let text: Substring
  /// Scalar offset of `text` in the article.
  let base: Int
  let width: Int
  let style: LayoutLine.Style
  let firstPrefix: String
  let restPrefix: String
  /// The numbers drawn after the paragraph's links.
  let labels: LinkLabels
  let extras: [TextWrapper.Extra]
  let stride: Int

  /// `checkpoints[k]` is where line `k * stride` starts (the text's start for line 0).
  private(set) var checkpoints: [TextWrapper.LineStart]
  /// The last line start the scan has seen, and its row.
  private var frontier: (row: Int, start: TextWrapper.LineStart)
  /// The number of text lines, once the scan has reached the end.
  private(set) var textLineCount: Int?
  private var chunks: [(index: Int, lines: [LayoutLine])] = []

  init(
    text: Substring, base: Int, width: Int, style: LayoutLine.Style, firstPrefix: String, restPrefix: String,
    labels: LinkLabels, stride: Int
  ) {
    self.text = text
    self.base = base
    self.width = width
    self.style = style
    self.firstPrefix = firstPrefix
    self.restPrefix = restPrefix
    self.labels = labels
    extras = labels.extras(base: base)
    self.stride = max(1, stride)
    let start = TextWrapper.LineStart(byte: text.startIndex.byteOffset(in: text.base), scalar: 0)
    checkpoints = [start]
    frontier = (0, start)
  }

  /// Scans on from the frontier until `stop` says so (given a row and its start) or the end.
  private func scan(until stop: (Int, TextWrapper.LineStart) -> Bool) {
    guard textLineCount == nil else { return }
    var row = frontier.row
    let done = TextWrapper.spans(of: text, from: frontier.start, width: width, extras: extras) { span in
      if row % stride == 0 && row / stride == checkpoints.count { checkpoints.append(span.start) }
      frontier = (row, span.start)
      if stop(row, span.start) { return false }
      row += 1
      return true
    }
    if done { textLineCount = frontier.row + 1 }
  }

  /// Rows, or a number above `limit` when there are more than that
  /// (counting only as far as needed).
  func rowCount(upTo limit: Int) -> Int {
    scan { row, _ in row > limit }
    guard let count = textLineCount else { return frontier.row + 1 }
    return count
  }

  var rowCount: Int { rowCount(upTo: .max) }

  /// The line at a row, or nil past the last.
  func line(at row: Int) -> LayoutLine? {
    guard row >= 0 else { return nil }
    scan { r, _ in r >= row }
    if let count = textLineCount, row >= count { return nil }
    let lines = chunk(row / stride)
    return row % stride < lines.count ? lines[row % stride] : nil
  }

  /// The row of the last line starting at or before an article scalar offset.
  func row(forScalar offset: Int) -> Int {
    let target = offset - base
    scan { _, start in start.scalar > target }
    // The last checkpoint at or before the target: its chunk holds the answer.
    let k = max(0, checkpoints.partitioningIndex { $0.scalar <= target } - 1)
    let lines = chunk(k)
    var row = k * stride
    for (i, line) in lines.enumerated() where (line.scalarStart ?? .max) <= offset { row = k * stride + i }
    return row
  }

  /// Every line (a test's and a caller's of `lines(ofBlock:)`; the layout itself never asks).
  func allLines() -> [LayoutLine] {
    var lines: [LayoutLine] = []
    TextWrapper.spans(of: text, from: checkpoints[0], width: width, extras: extras) { span in
      lines.append(build(span, row: lines.count))
      return true
    }
    return lines
  }

  private func build(_ span: TextWrapper.Span, row: Int) -> LayoutLine {
    var line = TextWrapper.line(span, of: text, scalarStart: base, style: style)
    line.prefix = row == 0 ? firstPrefix : restPrefix
    labels.decorate(&line)
    return line
  }

  /// Lines `k * stride ..< (k + 1) * stride`, built from checkpoint `k` (which must exist).
  private func chunk(_ k: Int) -> [LayoutLine] {
    if let i = chunks.firstIndex(where: { $0.index == k }) { return chunks[i].lines }
    var lines: [LayoutLine] = []
    lines.reserveCapacity(stride)
    TextWrapper.spans(of: text, from: checkpoints[k], width: width, extras: extras) { span in
      lines.append(build(span, row: k * stride + lines.count))
      return lines.count < stride
    }
    if chunks.count >= 6 { chunks.removeFirst() }
    chunks.append((k, lines))
    return lines
  }
}

import GlossModel

public struct SearchState: Sendable, Equatable {
  public var pattern: String
  /// The match the reader was taken to last (scalar offsets).
  public var current: Range<Int>?
}

/// The article being read: its lazy layout, the top row of the screen, the cursor and the
/// selection. Every change goes through its methods, which keep the cursor on a grapheme
/// boundary and on screen.
public struct ReaderState: Sendable {
  public private(set) var entryIndex: Int
  public private(set) var layout: ArticleLayout
  public private(set) var top: LayoutPosition
  /// The cursor: a Unicode scalar offset on a grapheme boundary.
  public private(set) var cursor: Int = 0
  /// Where a selection started (`v`), or nil when nothing is being selected.
  public private(set) var selectionAnchor: Int?
  /// Where a mouse drag started.
  public private(set) var dragStart: Int?
  /// Marks `a`–`z` (scalar offsets), saved with the reading position.
  public internal(set) var marks: [Character: Int] = [:]
  /// Where jumps started (`''`, Ctrl-O, Ctrl-N).
  public internal(set) var jumps = JumpList()
  /// The paragraphs the table of contents lists, in order (found once per text).
  public private(set) var headings: [Int] = []

  public var article: Article { layout.article }
  public var navigation: TextNavigation { TextNavigation(article: layout.article) }

  /// Opens an article at a remembered offset (the top of the screen), with the cursor at
  /// `cursor` when given (shown on screen), else on the first visible word.
  init(entryIndex: Int, article: Article, width: Int, height: Int, offset: Int?, cursor: Int?) {
    self.entryIndex = entryIndex
    layout = ArticleLayout(article: article, width: width)
    headings = Outline.headingParagraphs(of: article)
    top = .top
    if let offset, offset > 0 {
      top = layout.clampTop(layout.position(forScalar: min(offset, article.scalarCount)), height: height)
    }
    if let cursor {
      self.cursor = navigation.snap(min(cursor, article.scalarCount))
      revealCursor(height: height)
    } else {
      clampCursorToView(height: height)
    }
  }

  /// The selected scalar range (whole grapheme clusters), if selecting.
  public var selection: Range<Int>? {
    guard let anchor = selectionAnchor else { return nil }
    let nav = navigation
    let lo = min(anchor, cursor)
    let last = max(anchor, cursor)
    // The selection takes in the whole word under its far end (as `v` then `w` does in vim).
    var hi = nav.graphemeEnd(at: last)
    if let word = nav.word(at: last), word.contains(last) { hi = max(hi, word.upperBound) }
    return lo..<max(hi, lo)
  }

  /// The scalar offset at the top of the screen: the reading position.
  public var topOffset: Int { layout.scalarOffset(at: top) }

  /// Replaces the article with another version of itself (its rest, or the file read again),
  /// keeping the top of the screen and the cursor where the text allows.
  mutating func replaceArticle(_ article: Article, width: Int, height: Int) {
    let offset = topOffset
    let header = top.block == 0 && top.row == 0
    layout = ArticleLayout(article: article, width: width)
    top = header ? .top : layout.clampTop(layout.position(forScalar: min(offset, article.scalarCount)), height: height)
    cursor = navigation.snap(min(cursor, article.scalarCount))
    if let anchor = selectionAnchor, anchor > article.scalarCount { selectionAnchor = nil }
    headings = Outline.headingParagraphs(of: article)
    if !article.isPartial { marks = marks.mapValues { min($0, article.scalarCount) } }
    jumps.clamp(to: article.scalarCount)
    clampCursorToView(height: height)
  }

  // MARK: - Scrolling

  mutating func scroll(by rows: Int, height: Int) {
    let target = layout.advance(top, by: rows)
    top = rows > 0 ? layout.clampTop(target, height: height) : target
    clampCursorToView(height: height)
  }

  mutating func scrollToTop(height: Int) {
    top = .top
    if let first = visibleRange(height: height)?.lowerBound { cursor = first }
    clampCursorToView(height: height)
  }

  mutating func scrollToBottom(height: Int) {
    top = layout.bottomTop(height: height)
    let lastLine = layout.line(at: layout.end) ?? layout.line(at: layout.advance(layout.end, by: -1))
    if let start = lastLine?.scalarStart { cursor = start }
    clampCursorToView(height: height)
  }

  /// Shows a range at the top of the screen with the cursor on its start (a search match).
  mutating func show(_ range: Range<Int>, height: Int) {
    top = layout.clampTop(layout.position(forScalar: range.lowerBound), height: height)
    cursor = range.lowerBound
  }

  /// Keeps the same text at the top of the screen at a new width.
  mutating func resize(width: Int, height: Int) {
    let offset = topOffset
    let header = top.block == 0
    layout.setWidth(width)
    let position = header ? LayoutPosition.top : layout.position(forScalar: offset)
    top = layout.clampTop(position, height: height)
  }

  /// Scalar range of the article text shown on screen.
  public func visibleRange(height: Int) -> Range<Int>? {
    var first: Int?
    var last: Int?
    var position = top
    for row in 0..<height {
      if row > 0 {
        let next = layout.advance(position, by: 1)
        if next == position { break }
        position = next
      }
      if let line = layout.line(at: position), let start = line.scalarStart {
        if first == nil { first = start }
        last = line.scalarEnd
      }
    }
    guard let first, let last else { return nil }
    return first..<max(first, last)
  }

  /// The cursor follows the view: when scrolling takes it off screen it moves to the
  /// nearest visible line.
  mutating func clampCursorToView(height: Int) {
    guard let visible = visibleRange(height: height) else { return }
    if cursor < visible.lowerBound {
      cursor = navigation.snap(visible.lowerBound)
    } else if cursor >= visible.upperBound {
      let lastLine = layout.position(forScalar: max(visible.lowerBound, visible.upperBound - 1))
      cursor = navigation.snap(layout.line(at: lastLine)?.scalarStart ?? visible.lowerBound)
    }
  }

  /// The view follows the cursor: scroll just enough to show it.
  mutating func revealCursor(height: Int) {
    let cursorRow = layout.position(forScalar: cursor)
    if let visible = visibleRange(height: height),
      visible.contains(cursor) || (visible.isEmpty && visible.lowerBound == cursor)
    {
      return
    }
    if cursorRow < top {
      top = cursorRow
    } else {
      top = layout.clampTop(layout.advance(cursorRow, by: -(height - 1)), height: height)
    }
  }

  // MARK: - Cursor and selection

  /// Moves the cursor to an offset (snapped to a grapheme) and shows it.
  mutating func setCursor(_ offset: Int, height: Int, keepSelection: Bool = false) {
    cursor = navigation.snap(max(0, min(offset, article.scalarCount)))
    if !keepSelection { selectionAnchor = nil }
    revealCursor(height: height)
  }

  /// The most words or sentences one key moves: each step reads the text around the cursor
  /// (about 0.2 ms in a debug build), so a huge count must not step a million times.
  static let wordStepLimit = 10_000

  /// A cursor motion, `count` times (it stops early where the motion stops moving).
  mutating func moveCursor(_ command: Command, count: Int = 1, height: Int) {
    let nav = navigation
    // No article has more sentences or paragraphs than words: a count beyond them goes to
    // the end at once instead of stepping a million times.
    if count > max(article.wordCount, article.paragraphs.count) {
      let forward = [.wordNext, .sentenceNext, .paragraphNext].contains(command)
      setCursor(forward ? nav.previousWord(before: article.scalarCount) : 0, height: height, keepSelection: true)
      return
    }
    let steps = [.paragraphNext, .paragraphPrevious].contains(command) ? count : min(count, ReaderState.wordStepLimit)
    for _ in 0..<max(1, steps) {
      let before = cursor
      switch command {
      case .wordNext: cursor = nav.nextWord(after: cursor)
      case .wordPrevious: cursor = nav.previousWord(before: cursor)
      case .sentenceNext: cursor = nav.nextSentence(after: cursor)
      case .sentencePrevious: cursor = nav.previousSentence(before: cursor)
      case .paragraphNext: cursor = nav.nextParagraph(after: cursor)
      case .paragraphPrevious: cursor = nav.previousParagraph(before: cursor)
      default: return
      }
      if cursor == before { break }
    }
    revealCursor(height: height)
  }

  /// `v`: starts a selection at the cursor, or ends it. Returns true when one started.
  mutating func toggleSelection() -> Bool {
    if selectionAnchor == nil {
      selectionAnchor = cursor
      return true
    }
    selectionAnchor = nil
    return false
  }

  /// Selects a range (the sentence or paragraph under the cursor, a drag).
  mutating func select(_ range: Range<Int>) {
    guard !range.isEmpty else { return }
    selectionAnchor = range.lowerBound
    cursor = navigation.snap(range.upperBound - 1)
  }

  mutating func clearSelection() { selectionAnchor = nil }

  mutating func startDrag(at offset: Int) {
    cursor = offset
    selectionAnchor = nil
    dragStart = offset
  }

  /// Ends a drag: the text between its start and `offset` is selected.
  mutating func endDrag(at offset: Int) {
    guard let start = dragStart else { return }
    dragStart = nil
    if offset != start {
      selectionAnchor = min(start, offset)
      cursor = max(start, offset)
    }
  }
}

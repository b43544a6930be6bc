import GlossModel

/// Places jumped from, as in vim: `''` goes back to where the last jump started, Ctrl-O walks
/// back through earlier ones and Ctrl-N forward again. Places are scalar offsets, so they
/// survive re-wrapping.
public struct JumpList: Sendable, Equatable {
  static let limit = 100
  public private(set) var places: [Int] = []
  /// Where Ctrl-O / Ctrl-N stand in `places`; `places.count` when at the newest.
  public private(set) var index = 0
  /// Where the reader was before the last jump (`''`).
  public private(set) var before: Int?

  /// A jump leaves `offset`.
  mutating func record(_ offset: Int) {
    before = offset
    places.removeSubrange(min(index, places.count)...)
    if places.last != offset { places.append(offset) }
    if places.count > JumpList.limit { places.removeFirst(places.count - JumpList.limit) }
    index = places.count
  }

  /// Ctrl-O from `offset`: the place to go to, or nil at the oldest.
  mutating func older(from offset: Int) -> Int? {
    if index >= places.count {
      // Leaving the newest place: keep it, so that Ctrl-N comes back here.
      if places.last != offset { places.append(offset) }
      index = places.count - 1
    }
    var i = index - 1
    while i >= 0 && places[i] == offset { i -= 1 }
    guard i >= 0 else { return nil }
    index = i
    before = offset
    return places[i]
  }

  /// Ctrl-N: the place to go to, or nil at the newest.
  mutating func newer(from offset: Int) -> Int? {
    var i = index + 1
    while i < places.count && places[i] == offset { i += 1 }
    guard i < places.count else { return nil }
    index = i
    before = offset
    return places[i]
  }

  /// Keeps places inside an article that got shorter.
  mutating func clamp(to length: Int) {
    places = places.map { min($0, length) }
    before = before.map { min($0, length) }
  }
}

extension ReaderState {
  /// Call before moving the reader far (a jump: `G`, `:N`, `N%`, a search, a mark, the
  /// outline, a link): `''` and Ctrl-O come back to where it was.
  public mutating func recordJump() { jumps.record(cursor) }

  /// Puts an offset's line at the top of the screen (or only moves the cursor when it is on
  /// screen already), with the cursor on it.
  mutating func place(_ offset: Int, height: Int) {
    let target = navigation.snap(max(0, min(offset, article.scalarCount)))
    if let visible = visibleRange(height: height), visible.contains(target) {
      setCursor(target, height: height, keepSelection: true)
      return
    }
    show(target..<target, height: height)
    setCursor(target, height: height, keepSelection: true)
  }

  /// Jumps to an offset, remembering where the jump started.
  mutating func jump(to offset: Int, height: Int) {
    recordJump()
    place(offset, height: height)
  }

  /// `NG`, `:N`: the start of paragraph `number` (1-based, clamped).
  mutating func jump(toParagraph number: Int, height: Int) {
    guard !article.paragraphs.isEmpty else { return }
    let index = max(0, min(number, article.paragraphs.count) - 1)
    jump(to: article.paragraphs[index].scalars.lowerBound, height: height)
  }

  /// `N%`: the line that holds that share of the text.
  mutating func jump(toPercent percent: Int, height: Int) {
    recordJump()
    if percent >= 100 {
      scrollToBottom(height: height)
      return
    }
    let offset = article.scalarCount / 100 * percent + article.scalarCount % 100 * percent / 100
    let start = layout.line(at: layout.position(forScalar: offset))?.scalarStart ?? offset
    place(start, height: height)
  }

  mutating func setMark(_ name: Character) { marks[name] = cursor }

  /// Marks read back with the reading position. Offsets beyond the text are kept as they are
  /// (the article may be shown from its first part while the rest is read); going to one
  /// stops at the end of the text.
  mutating func restoreMarks(_ saved: [Character: Int]) {
    for (name, offset) in saved where marks[name] == nil { marks[name] = max(0, offset) }
  }
}

extension AppState {
  mutating func setMark(_ name: Character) -> [Effect] {
    guard var r = reader else {
      setMessage("no article open", error: false)
      return []
    }
    r.setMark(name)
    reader = r
    setMessage("mark \(name) set — '\(name) comes back here", error: false)
    return [
      .saveMarks(
        path: r.article.path, offset: r.topOffset,
        marks: Dictionary(uniqueKeysWithValues: r.marks.map { (String($0.key), $0.value) }))
    ]
  }

  mutating func goToMark(_ name: Character) -> [Effect] {
    guard let offset = reader?.marks[name] else {
      setMessage("no mark \(name) in this article — m\(name) sets it", error: false)
      return []
    }
    let height = geometry.bodyHeight
    reader?.jump(to: offset, height: height)
    return []
  }

  /// `''`: back to where the last jump started (and `''` again returns).
  mutating func jumpBack() -> [Effect] {
    guard let offset = reader?.jumps.before else {
      setMessage("no jump to go back from yet", error: false)
      return []
    }
    let height = geometry.bodyHeight
    reader?.jump(to: offset, height: height)
    return []
  }

  mutating func walkJumps(older: Bool, count: Int?) {
    guard var r = reader else { return }
    var target: Int?
    for _ in 0..<min(max(1, count ?? 1), JumpList.limit) {
      let from = target ?? r.cursor
      guard let next = older ? r.jumps.older(from: from) : r.jumps.newer(from: from) else { break }
      target = next
    }
    guard let target else {
      setMessage(older ? "at the oldest place in the jump list" : "at the newest place in the jump list", error: false)
      return
    }
    r.place(target, height: geometry.bodyHeight)
    reader = r
  }

  /// The open article's marks, read with its reading position.
  mutating func restoreMarks(path: String, marks: [String: Int]) {
    guard reader?.article.path == path else { return }
    var saved: [Character: Int] = [:]
    for (name, offset) in marks {
      if name.count == 1, let c = name.first, MovingState.isMarkName(c) { saved[c] = offset }
    }
    reader?.restoreMarks(saved)
  }
}

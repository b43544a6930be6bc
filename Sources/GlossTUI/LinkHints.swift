import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A link shown on screen: the scalar range of its text and where it points.
public struct VisibleLink: Sendable, Equatable {
  public var range: Range<Int>
  public var url: String
}

/// `f`: the links on screen, each with a label of hint letters (as in vimium and qutebrowser),
/// and the letters typed so far.
public struct LinkHints: Sendable, Equatable {
  /// Home-row letters first, so the first links are the easiest to reach.
  static let alphabet = Array("asdfjklghqweruiopzxcvbnmty")

  public private(set) var links: [VisibleLink]
  public private(set) var labels: [String]
  public internal(set) var typed = ""

  /// The most links labelled (three letters each); a screen holds far fewer.
  static let maximumLinks = alphabet.count * alphabet.count * alphabet.count

  init(links: [VisibleLink]) {
    let shown = Array(links.prefix(LinkHints.maximumLinks))
    self.links = shown
    labels = LinkHints.labels(count: shown.count)
  }

  /// One letter each while they last, else two letters each, else three (all of one length,
  /// so no label is the start of another). The first letter changes from one link to the
  /// next: links closer than a label is wide show at least their first letters, and once
  /// one is typed the links left are 26 apart, their labels drawn whole.
  static func labels(count: Int) -> [String] {
    let letters = alphabet.map(String.init)
    var length = 1
    var capacity = letters.count
    while capacity < count && length < 3 {
      length += 1
      capacity *= letters.count
    }
    return (0..<min(count, capacity)).map { n in
      var label = ""
      var rest = n
      for _ in 0..<length {
        label += letters[rest % letters.count]
        rest /= letters.count
      }
      return label
    }
  }

  /// The links whose labels start with what was typed, with their labels.
  public var candidates: [(label: String, link: VisibleLink)] {
    zip(labels, links).filter { $0.0.hasPrefix(typed) }.map { (label: $0.0, link: $0.1) }
  }

  /// The links among an article's runs that overlap a scalar range, in reading order, with
  /// adjacent runs of one link joined. The one place links are enumerated: the reader's own
  /// link enumeration can replace it.
  static func links(in article: Article, visible range: Range<Int>) -> [VisibleLink] {
    var found: [VisibleLink] = []
    for run in article.runs(overlapping: range) {
      guard case .link(let url) = run.style, !run.range.isEmpty else { continue }
      if let last = found.last, last.url == url, last.range.upperBound >= run.range.lowerBound {
        found[found.count - 1].range = last.range.lowerBound..<max(last.range.upperBound, run.range.upperBound)
      } else {
        found.append(VisibleLink(range: run.range, url: url))
      }
    }
    return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
  }
}

extension AppState {
  /// `f`, `y` and `Y` in the reader (the lists' `y`/`Y` are in ListEditing.swift).
  mutating func performLinkOrCopy(_ command: Command) -> [Effect] {
    switch command {
    case .followLink:
      startLinkHints()
      return []
    case .copy:
      guard let r = reader, let selection = r.selection, !selection.isEmpty else {
        // No selection: `y` keeps its less meaning.
        move(by: -1)
        return []
      }
      let text = r.article.scalarSlice(selection)
      reader?.clearSelection()
      return [.copyToClipboard(.plain(text), what: "the selection")]
    case .copyWithNote:
      guard let r = reader else {
        setMessage("no article open", error: false)
        return []
      }
      if let selection = r.selection, !selection.isEmpty {
        reader?.clearSelection()
        if let same = session.index.overlapping(selection).first(where: { $0.range == selection }) {
          return [
            .copyToClipboard(
              .quote(same.quote, note: same.note, tags: same.tags), what: "the highlight with its note and tags")
          ]
        }
        let text = r.article.scalarSlice(selection)
        return [.copyToClipboard(.quote(text, note: "", tags: []), what: "the selection as Markdown")]
      }
      guard let annotation = annotationUnderCursor else {
        setMessage("nothing to copy — select text (v) or move onto a highlight", error: false)
        return []
      }
      return [
        .copyToClipboard(
          .quote(annotation.quote, note: annotation.note, tags: annotation.tags),
          what: "the highlight with its note and tags")
      ]
    default:
      return []
    }
  }

  mutating func startLinkHints() {
    guard let r = reader else {
      setMessage("no article open", error: false)
      return
    }
    let height = geometry.bodyHeight
    guard let visible = r.visibleRange(height: height), !r.article.runs.isEmpty else {
      setMessage("no links on this screen", error: false)
      return
    }
    let links = LinkHints.links(in: r.article, visible: visible)
    guard !links.isEmpty else {
      setMessage("no links on this screen", error: false)
      return
    }
    if focus != .reader { focus = .reader }
    mode = .linkHints(LinkHints(links: links))
    let s = links.count == 1 ? "" : "s"
    setMessage("\(links.count) link\(s) — type the letters shown on one, Esc cancels", error: false)
  }

  /// A key while the hints are shown: letters narrow them down; a whole label follows its
  /// link; Backspace takes a letter back; anything else cancels.
  mutating func handleLinkHintKey(_ key: KeyChord, hints: LinkHints) -> [Effect] {
    var hints = hints
    switch key {
    case .named(.backspace) where !hints.typed.isEmpty:
      hints.typed.removeLast()
      mode = .linkHints(hints)
      return []
    case .char(let c) where LinkHints.alphabet.contains(c):
      hints.typed.append(c)
      let candidates = hints.candidates
      if candidates.isEmpty {
        mode = .normal
        setMessage("no link labelled “\(hints.typed)” — f to try again", error: false)
        return []
      }
      if candidates.count == 1, candidates[0].label == hints.typed {
        mode = .normal
        return follow(candidates[0].link.url)
      }
      mode = .linkHints(hints)
      return []
    default:
      mode = .normal
      setMessage("link not followed", error: false)
      return []
    }
  }

  /// Follows a link of the open article: a target in it, another article of the library, or
  /// a web page (opened in a browser).
  mutating func follow(_ url: String) -> [Effect] {
    guard let r = reader else { return [] }
    switch LinkTarget(url, from: r.article.path, libraryRoot: libraryPath) {
    case .anchor(let id):
      jump(toAnchor: id, in: r.article)
      return []
    case .article(let path, let fragment):
      guard let index = list.index(ofPath: path) else {
        setMessage("not in the library: \(path)", error: true)
        return []
      }
      if index == r.entryIndex {
        if let fragment { jump(toAnchor: fragment, in: r.article) }
        return []
      }
      list.select(entryIndex: index, rows: listRows)
      var effects = open(entryIndex: index, cursor: nil)
      if let fragment {
        effects = effects.map {
          if case .openArticle(let i, nil) = $0 { return .openArticleAtAnchor(i, fragment: fragment) }
          return $0
        }
      }
      return effects
    case .external(let address):
      setMessage("opening \(address)", error: false)
      return [.openURL(address)]
    case .refused(let reason):
      setMessage(reason, error: true)
      return []
    }
  }

  /// Moves to an internal link's target, shown at the top of the screen.
  mutating func jump(toAnchor id: String, in article: Article) {
    guard let offset = article.anchors[id] ?? PercentEncoding.decoded(id).flatMap({ article.anchors[$0] }) else {
      setMessage("no “#\(id)” in this article", error: true)
      return
    }
    // A jump: '' and Ctrl-O come back to where the link was followed.
    let height = geometry.bodyHeight
    reader?.recordJump()
    reader?.show(offset..<offset, height: height)
    setMessage("jumped to #\(id)", error: false)
  }

  /// What the app answered about a link or a copy.
  mutating func linkOrClipboardOutcome(_ message: Message) -> [Effect] {
    switch message {
    case .linkOpened(let url, let command):
      setMessage("opened \(url) with \(command)", error: false)
    case .linkNotOpened(let url, let reason, let canCopy):
      if canCopy { return [.copyToClipboard(.plain(url), what: "the link (\(reason))")] }
      setMessage("could not open \(url): \(reason)", error: true)
    case .copied(let characters, let what, let via):
      let s = characters == 1 ? "" : "s"
      setMessage("Copied \(characters.formatted(groupingSeparator: ",")) character\(s): \(what) — \(via)", error: false)
    case .copyFailed(let what, let reason):
      setMessage("not copied: \(reason) — \(what)", error: true)
    default:
      break
    }
    return []
  }
}

extension Article {
  /// The text of a scalar range.
  func scalarSlice(_ range: Range<Int>) -> String {
    let lo = stringIndex(forScalar: max(0, min(range.lowerBound, scalarCount)))
    let hi = stringIndex(forScalar: max(0, min(range.upperBound, scalarCount)))
    return String(text.unicodeScalars[lo..<max(lo, hi)])
  }
}

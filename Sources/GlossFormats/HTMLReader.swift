import CGlossHTML
import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Saved web pages in a reader mode. libxml2's HTML parser (which recovers from malformed
/// markup) builds the tree; the page's bytes are first read as UTF-8 when they are UTF-8,
/// whatever charset the page declares (`TextDecoding.webPageEncodingOverride`), and HTML5
/// named references libxml2 does not know become numeric ones (`HTMLEntities`). Then:
/// - `HTMLDOM` copies the tree, leaving out scripts, templates and hidden elements;
/// - `HTMLScoring` finds the article (Readability's scoring, semantic elements judged by
///   what they hold) and `HTMLCleaning` takes share bars, related lists and forms out of it;
/// - `HTMLWalker` (and `HTMLTables`) turn it into blocks; `HTMLTitle` finds the title.
let elementNode: Int32 = 1
let textNode: Int32 = 3
let cdataNode: Int32 = 4

public enum HTMLReader {
  /// Elements nested deeper than this are read as plain text (their words kept, their
  /// structure not): the walk recurses, and a page of 10,000 nested `<div>`s must not
  /// exhaust the stack.
  static let maxDepth = 128

  /// The paragraph added when libxml2 stopped before the end of the page.
  static func truncationNotice(_ cause: Int32) -> String {
    cause == 2
      ? "[The page stops here: the rest has bytes that are not in the character set it declares.]"
      : "[The page stops here: the rest is beyond the limits of Gloss's HTML parser.]"
  }

  public static func article(path: String, data: Data) -> Article {
    if let reason = gloss_html_unavailable() {
      // libxml2 is opened on first use; without it the page is not guessed at, and says why.
      var builder = ArticleBuilder()
      builder.append(
        .init(
          text: "This saved web page cannot be shown: Gloss reads HTML with libxml2, which could not be loaded "
            + "(\(String(cString: reason))). On Debian or Ubuntu: apt-get install libxml2."
        ))
      return builder.build(path: path, title: PathName.last(path))
    }
    var truncated: Int32 = 0
    var dom: HTMLDOM?
    let bytes = HTMLEntities.numericReferences(withoutNULs(data))
    let encoding = TextDecoding.webPageEncodingOverride(bytes)
    bytes.withUnsafeBytes { raw in
      guard let base = raw.baseAddress, raw.count > 0, raw.count <= Int(Int32.max) else { return }
      let document = gloss_html_parse(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), encoding, &truncated)
      guard let document else { return }
      defer { gloss_html_free_document(document) }
      guard let root = gloss_html_root(document) else { return }
      dom = HTMLDOM(root: root)
    }
    var builder = ArticleBuilder()
    var pageTitle: String?
    if var dom {
      var (content, skip) = choose(&dom)
      let body = dom.body ?? 0
      let heading = content.lazy.compactMap { dom.headline(under: $0) }.first ?? dom.headline(under: body)
      pageTitle = title(dom, heading: heading.map { dom.textContent($0) })
      if let pageTitle, let headline = dom.headline(before: content, title: pageTitle, skip: skip) {
        content.insert(headline, at: 0)
      }
      var walker = HTMLWalker(dom: dom, skip: skip, readingBody: content == [body] || content == [0])
      for root in content { walker.walk(root) }
      walker.flush()
      builder = walker.builder
      // A heading with nothing after it titled a block that was cleaned away ("More from…").
      while builder.blocks.count > 1, case .heading = builder.blocks[builder.blocks.count - 1].style {
        builder.blocks.removeLast()
      }
      if let pageTitle { builder.blocks = withoutRepeatedHeadline(builder.blocks, title: pageTitle) }
    }
    if truncated != 0 { builder.append(.init(text: truncationNotice(truncated))) }
    return builder.build(path: path, title: pageTitle)
  }

  /// The article's nodes and the subtrees to leave out of them. Unlikely blocks (by class or
  /// id) are set aside first; when that leaves next to nothing, the page is scored again with
  /// them, and the second choice is taken when it holds much more.
  static func choose(_ dom: inout HTMLDOM) -> (content: [Int], skip: Set<Int>) {
    guard let body = dom.body else {
      dom.measure()
      return ([0], [])
    }
    var best: (content: [Int], skip: Set<Int>, length: Int)?
    for strict in [true, false] {
      let choice = dom.grab(body: body, strict: strict)
      let content = dom.semanticChoice(choice, body: body) ?? choice.content
      var skip = dom.clean(roots: content, scores: choice.scores, removed: choice.removed)
      var length = kept(dom, content, skip)
      if length < tooLittle {
        // Cleaning took (nearly) everything: keep what scoring chose as it is.
        let uncleaned = kept(dom, content, choice.removed)
        if uncleaned > 2 * length {
          skip = choice.removed
          length = uncleaned
        }
      }
      if best == nil || length > 2 * best!.length { best = (content, skip, length) }
      if length >= tooLittle { break }
    }
    return (best!.content, best!.skip)
  }

  /// Bytes of text below which a choice is thought to have missed the article.
  static let tooLittle = 200

  /// Characters of text under `roots`, leaving out `skip`.
  static func kept(_ dom: HTMLDOM, _ roots: [Int], _ skip: Set<Int>) -> Int {
    var total = 0
    for root in roots {
      var i = root
      while i < dom.nodes[root].end {
        if skip.contains(i) {
          i = dom.nodes[i].end
          continue
        }
        if dom.nodes[i].tag.isEmpty { total += dom.nodes[i].text.utf8.count }
        i += 1
      }
    }
    return total
  }

  /// The headline once: a later heading that repeats the title (a page header's and the
  /// article's own) is dropped.
  static func withoutRepeatedHeadline(_ blocks: [ArticleBuilder.Block], title: String) -> [ArticleBuilder.Block] {
    let key = collapse(title).lowercased()
    var seen = false
    var result: [ArticleBuilder.Block] = []
    var carried: [String] = []
    for var block in blocks {
      if case .heading = block.style, collapse(block.text).lowercased() == key {
        if seen {
          carried += block.anchors
          continue
        }
        seen = true
      }
      block.anchors = carried + block.anchors
      carried = []
      result.append(block)
    }
    return result
  }

  /// NUL bytes as spaces: libxml2 stops at a NUL that comes before the markup (and shows an
  /// empty page). UTF-16 pages (by their BOM, or `<` beside a zero byte) keep theirs.
  static func withoutNULs(_ data: Data) -> Data {
    let hasNUL = data.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0, raw.count) != nil } ?? false }
    guard hasNUL, TextDecoding.sniff(data).encoding == .utf8 else { return data }
    let head = Array(data.prefix(2))
    if head == [0x3C, 0] || head == [0, 0x3C] { return data }
    return Data(data.map { $0 == 0 ? 0x20 : $0 })
  }

  static func collapse(_ s: String) -> String {
    s.split(whereSeparator: TextScan.isCollapsibleSpace).joined(separator: " ")
  }
}

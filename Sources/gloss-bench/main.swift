import Foundation
import GlossApp
import GlossModel
import GlossStore
import GlossTUI

// gloss-bench: fixed, generated inputs; medians and p99s. Build it in release:
//   swift run -c release gloss-bench [--quick]
// (One file, a little over 400 lines, on purpose: a flat script of benchmark groups over the
// shared generators, read top to bottom; each group is a dozen lines.)

let quick = CommandLine.arguments.contains("--quick")
/// `--only GROUP` (store, anchor, export, import, library, keys, huge, memory) runs one group,
/// e.g. under perf. `memory` measures a process's peak: the library is made here, and a child
/// process of its own (`--measure-memory DIR`) opens it.
let only: String? = CommandLine.arguments.firstIndex(of: "--only").flatMap { i in
  i + 1 < CommandLine.arguments.count ? CommandLine.arguments[i + 1] : nil
}
func enabled(_ group: String) -> Bool { only == nil || only == group }
let words =
  "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there one all we their diplomacy Armenia Azerbaijan treaty “quoted” — naïve café 中文 😀 Baku’s"
  .split(separator: " ").map(String.init)

func text(megabytes: Double, rng: inout SeededRandom) -> String {
  var out = "A Generated Article For The Benchmark\n\n"
  let target = Int(megabytes * 1_000_000)
  var n = 0
  while out.utf8.count < target {
    let count = Int.random(in: 40...160, using: &rng)
    out += (0..<count).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ") + " p\(n).\n\n"
    n += 1
  }
  return out
}

/// Medians and p99s of wall time, or with `cpu` of this thread's CPU time (what a keystroke
/// costs, without the moments this noisy machine gives the core to someone else).
func measure(_ runs: Int, cpu: Bool = false, _ body: () throws -> Void) rethrows -> (median: Double, p99: Double) {
  func now() -> Double {
    guard cpu else { return Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
  }
  var times: [Double] = []
  for _ in 0..<runs {
    let start = now()
    try body()
    times.append(now() - start)
  }
  times.sort()
  // p99 by nearest rank: the ⌈0.99 n⌉-th smallest (of 100 runs the 99th, not the largest).
  let rank = Int((Double(times.count) * 0.99).rounded(.up))
  return (times[times.count / 2], times[max(0, min(times.count, rank) - 1)])
}

func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
  let fill = String(repeating: " ", count: max(0, width - s.count))
  return right ? fill + s : s + fill
}

func row(_ name: String, _ r: (median: Double, p99: Double), target: String) {
  print(
    pad(name, 52) + pad(String(format: "%.2f", r.median), 11, right: true)
      + pad(String(format: "%.2f", r.p99), 11, right: true) + "   " + target)
}

// The child of the memory group: open the reader on a library, draw, G; print the peak.
if let i = CommandLine.arguments.firstIndex(of: "--measure-memory"), i + 1 < CommandLine.arguments.count {
  let library = URL(fileURLWithPath: CommandLine.arguments[i + 1])
  let loaded = try Library.load(root: library, lazy: true)
  let terminal = TestTerminal(width: 100, height: 30)
  let runner = AppRunner(
    library: loaded, positions: ReadingPositions(url: library.appendingPathComponent("positions.json")),
    store: AnnotationStore.openForReading(url: AnnotationStore.defaultURL(library: library)), keymap: nil,
    size: Size(width: 100, height: 30), colors: true, open: loaded.entries.first,
    exportDirectory: library.appendingPathComponent("exports"))
  terminal.send(.key(.char("G")), .key(.char("k")))
  do { try runner.run(on: terminal) } catch is TestTerminal.EndOfScript {}
  let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
  let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
  let peak = (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
  print(
    pad("memory: reader peak RSS, 10 MB, 10k annotations, G", 52)
      + pad(String(format: "%.1f MB", peak), 22, right: true)
      + "   < 60 MB")
  exit(0)
}

print(pad("benchmark", 52) + pad("median ms", 11, right: true) + pad("p99 ms", 11, right: true) + "   target")
var rng = SeededRandom(seed: 42)
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-bench-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

// An article and annotations on it.
let article = Article(path: "big.txt", string: text(megabytes: 1, rng: &rng))
let anchorText = AnchorText(article: article)
func annotations(_ n: Int) -> [Annotation] {
  var rng = SeededRandom(seed: UInt64(n))
  return (0..<n).map { i in
    let start = Int.random(in: 0..<(article.scalarCount - 200), using: &rng)
    return Annotation(
      article: article, range: start..<(start + Int.random(in: 10...120, using: &rng)), tags: ["t\(i % 40)"],
      note: i % 3 == 0 ? "note \(i)" : "", now: Date(timeIntervalSince1970: Double(i)))
  }
}

for n in !enabled("store") ? [] : quick ? [10_000] : [10_000, 100_000] {
  let url = folder.appendingPathComponent("store-\(n).json")
  let store = try AnnotationStore(url: url)
  let set = annotations(n)
  try store.apply(upserts: set, deletions: [])
  row(
    "store: load \(n) annotations", try measure(5) { _ = try AnnotationStore(url: url) },
    target: n == 10_000 ? "< 50" : "")
  let extra = set[0]
  row(
    "store: save \(n) (one change, merge, backup, fsync)",
    try measure(5) {
      var changed = extra
      changed.note = UUID().uuidString
      changed.modified = Date()
      try store.apply(upserts: [changed], deletions: [])
    }, target: n == 10_000 ? "< 50" : "")
}

let ten = annotations(10_000)
let editedText = "An edit near the start of the article, a sentence inserted. " + article.text
if enabled("anchor") {
  // All of it, as opening an edited article does it: the text's scalars and index, then each
  // annotation.
  row(
    "re-anchor 10,000 after an edit near the start",
    measure(5) {
      let edited = AnchorText(editedText)
      for a in ten { _ = Anchoring.reanchored(a, in: edited) }
    }, target: "< 200")
}
if enabled("export") {
  row(
    "Markdown export of 10,000",
    measure(5) {
      _ = MarkdownExport.render(.init(title: article.title, source: "big.txt", annotations: ten), exported: nil)
    }, target: "< 100")
}

// Quote-only W3C imports (a TextQuoteSelector with its context, no position, as other tools
// export them) into a 10 MB article: read the file, anchor every quote, save. 3% of the quotes
// are one short word (shorter than the index's gram, thousands of occurrences), 5% repeat an
// earlier quote with another place's context.
if enabled("import") {
  var importRng = SeededRandom(seed: 99)
  let big = Article(path: "big.txt", string: text(megabytes: quick ? 2 : 10, rng: &importRng))
  let scalars = Array(big.text.unicodeScalars)
  func slice(_ r: Range<Int>) -> String {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[max(0, r.lowerBound)..<min(scalars.count, r.upperBound)])
    return String(view)
  }
  func w3c(_ n: Int) throws -> Data {
    var rng = SeededRandom(seed: UInt64(n))
    var quotes: [String] = []
    var items: [[String: Any]] = []
    for i in 0..<n {
      var start = Int.random(in: 0..<(scalars.count - 200), using: &rng)
      var end = start + Int.random(in: 12...160, using: &rng)
      let kind = Int.random(in: 0..<100, using: &rng)
      if kind < 3 {
        while start > 0 && !scalars[start - 1].properties.isWhitespace { start -= 1 }
        end = start
        while end < scalars.count && !scalars[end].properties.isWhitespace { end += 1 }
      }
      var quote = slice(start..<end)
      if kind >= 3 && kind < 8, let earlier = quotes.randomElement(using: &rng) { quote = earlier }
      if quote.isEmpty { quote = slice(start..<(start + 20)) }
      quotes.append(quote)
      items.append([
        "id": "urn:uuid:\(UUID().uuidString.lowercased())", "type": "Annotation",
        "created": "2026-01-02T03:04:05.123Z", "modified": "2026-01-02T03:04:05.123456+00:00",
        "body": i % 3 == 0 ? [["type": "TextualBody", "value": "note \(i)", "purpose": "commenting"]] : [],
        "target": [
          "source": "big.txt",
          "selector": [
            [
              "type": "TextQuoteSelector", "exact": quote, "prefix": slice((start - 32)..<start),
              "suffix": slice(end..<(end + 32)),
            ]
          ],
        ],
      ])
    }
    return try JSONSerialization.data(withJSONObject: ["type": "AnnotationCollection", "items": items])
  }
  // What a short quote whose copies' contexts all disagree costs: an approximate search
  // through the whole text (25% errors allowed).
  let anchorText = AnchorText(article: big)
  let pattern = Array(anchorText.scalars[5000..<5024])
  row(
    "approximate search, 24-scalar quote, \(quick ? 2 : 10) MB article",
    measure(9) { _ = Anchoring.approximateMatches(of: pattern, in: anchorText.scalars, maxErrors: 6) },
    target: "")
  for n in quick ? [10_000] : [10_000, 100_000] {
    let data = try w3c(n)
    var run = 0
    row(
      "import \(n) quote-only W3C annotations, \(quick ? 2 : 10) MB article",
      try measure(5) {
        run += 1
        let store = try AnnotationStore(url: folder.appendingPathComponent("import-\(n)-\(run).json"))
        let incoming = try Interchange.read(data, file: "w3c.json", library: folder)
        _ = try Interchange.merge(incoming, into: store, articles: ["big.txt": big])
      }, target: n == 10_000 ? "< 3000" : "< 20000")
  }
}

// A library of 2,000 articles.
if enabled("library") {
  let libraryFolder = folder.appendingPathComponent("library")
  try FileManager.default.createDirectory(at: libraryFolder, withIntermediateDirectories: true)
  for i in 0..<(quick ? 200 : 2000) {
    var r = SeededRandom(seed: UInt64(i))
    try Data(text(megabytes: 0.01, rng: &r).utf8).write(
      to: libraryFolder.appendingPathComponent(String(format: "a%04d.txt", i)))
  }
  // What the reader does before its first paint: list the folder, read the first screen's
  // articles, lay out and draw; then, for the record, reading every remaining file.
  row(
    "library: first screen, \(quick ? 200 : 2000) articles",
    try measure(5) {
      let library = try Library.load(root: libraryFolder, lazy: true)
      var state = AppState(
        libraryPath: library.root.path, entries: library.entries.map(\.summary), size: Size(width: 100, height: 30))
      if let first = library.entries.first, let article = library.articles[first.path] {
        _ = state.update(.articleOpened(article, entryIndex: 0, offset: nil, cursor: nil), at: Date())
      }
      _ = render(state)
    }, target: "< 150")
  row(
    "library: then read the other \(quick ? 100 : 1900) (between keys)",
    try measure(3) {
      var library = try Library.load(root: libraryFolder, lazy: true)
      _ = library.describePending()
    }, target: "")
}
if enabled("keys") {

  // Keystrokes on a 10 MB article with 10,000 annotations: handle + render (CPU only).
  let big = Article(path: "huge.txt", string: text(megabytes: quick ? 2 : 10, rng: &rng))
  var state = AppState(
    libraryPath: "/l", entries: [ArticleSummary(path: "huge.txt", title: big.title, wordCount: big.wordCount)],
    size: Size(width: 100, height: 30))
  _ = state.update(.articleOpened(big, entryIndex: 0, offset: nil, cursor: nil), at: Date())
  var keyRng = SeededRandom(seed: 7)
  _ = state.update(
    .annotationsReplaced(
      (0..<10_000).map { i in
        let start = Int.random(in: 0..<(big.scalarCount - 200), using: &keyRng)
        return Annotation(article: big, range: start..<(start + 40), now: Date(timeIntervalSince1970: Double(i)))
      }), at: Date())
  _ = render(state)
  for (name, key) in [
    ("cursor move (w)", KeyChord.char("w")), ("line down (j)", .char("j")), ("page down (Space)", .char(" ")),
  ] {
    row(
      "keystroke: \(name), \(quick ? 2 : 10) MB, 10k annotations",
      measure(200, cpu: true) {
        _ = state.update(.input(.key(key)), at: Date())
        _ = render(state)
      }, target: "p99 < 2")
  }
  _ = state.update(.input(.key(.char("/"))), at: Date())
  for c in "treaty" { _ = state.update(.input(.key(.char(c))), at: Date()) }
  _ = state.update(.input(.key(.named(.enter))), at: Date())
  row(
    "keystroke: search next (n)",
    measure(200, cpu: true) {
      _ = state.update(.input(.key(.char("n"))), at: Date())
      _ = render(state)
    }, target: "p99 < 2")
  row(
    "keystroke: highlight (h)",
    measure(100, cpu: true) {
      _ = state.update(.input(.key(.char("j"))), at: Date())
      _ = state.update(.input(.key(.char("h"))), at: Date())
      _ = render(state)
    }, target: "p99 < 2")
}

// One huge paragraph (a single-line file): first paint, G, keys there, and peak memory.
// `--only huge` runs it alone, so that the peak is this group's; `--huge-mb N` sets the size.
// Times are CPU time of this thread (the machine is shared), but for the one wall-time row.
if enabled("huge") {
  let megabytes =
    CommandLine.arguments.firstIndex(of: "--huge-mb").flatMap { i in
      i + 1 < CommandLine.arguments.count ? Double(CommandLine.arguments[i + 1]) : nil
    } ?? (quick ? 5 : 20)
  var hugeRng = SeededRandom(seed: 11)
  var line = ""
  line.reserveCapacity(Int(megabytes * 1_000_000) + 100)
  while line.utf8.count < Int(megabytes * 1_000_000) {
    line += words.randomElement(using: &hugeRng)! + (Int.random(in: 0..<12, using: &hugeRng) == 0 ? ". " : " ")
  }
  let hugeFolder = folder.appendingPathComponent("huge")
  try FileManager.default.createDirectory(at: hugeFolder, withIntermediateDirectories: true)
  try Data(line.utf8).write(to: hugeFolder.appendingPathComponent("line.txt"))
  line = ""
  let size = Size(width: 100, height: 30)
  let hugeArticle = try Library.load(root: hugeFolder, lazy: true).articles["line.txt"]!
  row(
    "huge: parse \(Int(megabytes)) MB (Article from the file's text)",
    try measure(3, cpu: true) {
      _ = Article(path: "line.txt", data: try Data(contentsOf: hugeFolder.appendingPathComponent("line.txt")))
    }, target: "")
  row(
    "huge: count every line at 96 columns (the first G)",
    measure(3, cpu: true) {
      _ = ArticleLayout(article: hugeArticle, width: 96).end
    }, target: "")
  func open() throws -> AppState {
    let library = try Library.load(root: hugeFolder, lazy: true)
    var state = AppState(libraryPath: library.root.path, entries: library.entries.map(\.summary), size: size)
    let entry = library.entries[0]
    // A file without a paragraph break is read whole at once (there is no first part).
    let article = library.articles[entry.path]!
    _ = state.update(.articleOpened(article, entryIndex: 0, offset: nil, cursor: nil), at: Date())
    return state
  }
  let mb = Int(megabytes)
  row(
    "huge: first paint, \(mb) MB one paragraph (read, parse, lay out, draw), CPU",
    try measure(5, cpu: true) {
      _ = render(try open())
    }, target: "< 3000 (aim < 500)")
  row(
    "huge: first paint, as above, wall time (this machine is shared)",
    try measure(3) {
      _ = render(try open())
    }, target: "")
  var opened: [AppState] = try (0..<5).map { _ in
    let s = try open()
    _ = render(s)
    return s
  }
  var k = 0
  row(
    "huge: G (to the end) + draw, after the first paint, CPU",
    measure(5, cpu: true) {
      _ = opened[k].update(.input(.key(.char("G"))), at: Date())
      _ = render(opened[k])
      k += 1
    }, target: "< 2000")
  var state = opened[0]
  opened = []
  for (name, key) in [
    ("k (line up)", KeyChord.char("k")), ("Ctrl-B (page up)", .ctrl("b")), ("w (word)", .char("w")),
    ("( (sentence back)", .char("(")), ("j (line down)", .char("j")),
  ] {
    row(
      "huge: keystroke at the end: \(name)",
      measure(50, cpu: true) {
        _ = state.update(.input(.key(key)), at: Date())
        _ = render(state)
      }, target: "p99 < 16")
  }
  // A search from the end: the whole paragraph is looked through from the top.
  row(
    "huge: / search for a word, Enter (from the end)",
    measure(5, cpu: true) {
      _ = state.update(.input(.key(.char("G"))), at: Date())
      _ = state.update(.input(.key(.char("/"))), at: Date())
      for c in "treaty" { _ = state.update(.input(.key(.char(c))), at: Date()) }
      _ = state.update(.input(.key(.named(.enter))), at: Date())
      _ = render(state)
    }, target: "p99 < 2000")
  row(
    "huge: n (next match)",
    measure(50, cpu: true) {
      _ = state.update(.input(.key(.char("n"))), at: Date())
      _ = render(state)
    }, target: "p99 < 16")
  row(
    "huge: g then G (layout known)",
    measure(5, cpu: true) {
      _ = state.update(.input(.key(.char("g"))), at: Date())
      _ = state.update(.input(.key(.char("G"))), at: Date())
      _ = render(state)
    }, target: "")
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  print("huge: peak RSS \(usage.ru_maxrss / 1024) MB (of this whole run; < 800 for 20 MB)")
}

// The reader's peak memory (VmHWM) on the generated 10 MB article with 10,000 annotations in
// its store: the real runner on the in-memory terminal opens it (store, library, first part,
// the whole text, re-anchoring), draws, and goes to the end with G — in a fresh process, so
// that nothing made here counts.
if enabled("memory") {
  let library = folder.appendingPathComponent("memory")
  try FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
  var memoryRng = SeededRandom(seed: 10)
  try Data(text(megabytes: 10, rng: &memoryRng).utf8).write(to: library.appendingPathComponent("big.txt"))
  let big = try Library.load(root: library).articles["big.txt"]!
  let store = try AnnotationStore(url: AnnotationStore.defaultURL(library: library))
  var annotationRng = SeededRandom(seed: 11)
  try store.apply(
    upserts: (0..<10_000).map { i in
      let start = Int.random(in: 0..<(big.scalarCount - 200), using: &annotationRng)
      return Annotation(
        article: big, range: start..<(start + Int.random(in: 10...120, using: &annotationRng)),
        tags: ["t\(i % 40)"], note: i % 3 == 0 ? "note \(i)" : "", now: Date(timeIntervalSince1970: Double(i)))
    }, deletions: [])
  let child = Process()
  child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
  child.arguments = ["--measure-memory", library.path]
  fflush(nil)  // what is printed so far, before the child prints
  try child.run()
  child.waitUntilExit()
}

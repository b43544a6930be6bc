import ArgumentParser
import GlossModel
import GlossStore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#endif

func jsonEncoder() -> JSONEncoder { Interchange.encoder() }

func printOut(_ text: String) {
  writeStandardOutput(Data(text.utf8))
}

/// Re-anchors every annotation of the library's articles and writes back what moved. When
/// that cannot be saved (a read-only library, a full disk), the annotations are still
/// re-anchored in memory for this command's output, with a one-line warning on stderr.
/// Orphans of unchanged articles are not searched for again (`OrphanCache`).
func reanchorAll(_ store: AnnotationStore, library: Library) {
  var changed: [Annotation] = []
  var orphans = OrphanCache.read(library: library.root)
  for (path, group) in Dictionary(grouping: store.all, by: \.article) {
    guard let article = library.articles[path] else { continue }
    for (annotation, new) in zip(group, orphans.reanchored(group, in: article)) where new != annotation {
      changed.append(new)
    }
  }
  orphans.keep(Set(store.all.map(\.id)))
  orphans.write(library: library.root)
  if !changed.isEmpty {
    do {
      try store.apply(upserts: changed, deletions: [])
    } catch {
      let message =
        "warning: \(changed.count) re-anchored annotation\(changed.count == 1 ? "" : "s") shown but not "
        + "saved (\(error))\n"
      writeStandardError(Data(("gloss: " + message).utf8))
    }
  }
}

func resolveArticle(_ query: String, in library: inout Library) throws -> LibraryEntry {
  do {
    return try library.resolve(query, currentDirectory: URL(fileURLWithPath: currentDirectoryPath(), isDirectory: true))
  } catch let error as LibraryError {
    throw fail(error.description)
  }
}

struct Annotations: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List annotations (re-anchored to the current article text).",
    discussion: "Each line starts with the first 8 characters of the id ('gloss edit' and 'gloss delete' take it).")

  @OptionGroup var options: LibraryOptions

  @Option(name: .long, help: "Only this article (path, file name or part of the title).")
  var article: String?

  @Option(name: .long, help: "Only annotations with this tag (case-insensitive).")
  var tag: String?

  @Flag(name: .long, help: "JSON: an array of annotation objects.")
  var json = false

  func run() throws {
    var library = try options.load()
    let store = try options.openStore(library: library.root)
    reanchorAll(store, library: library)
    var items = store.all
    if let article {
      let entry = try resolveArticle(article, in: &library)
      items = items.filter { $0.article == entry.path }
    }
    if let tag {
      items = items.filter { $0.tags.contains { $0.lowercased() == tag.lowercased() } }
    }
    if json {
      printOut(Interchange.recordsJSON(items))
      return
    }
    printOut(items.map { describe($0) }.joined())
  }
}

struct Add: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Add an annotation on a quote of an article.")

  @OptionGroup var options: LibraryOptions

  @Option(name: .long, help: "The article (path, file name or part of the title).")
  var article: String

  @Option(
    name: .long, parsing: .unconditional,
    help:
      "The text to annotate, as it appears in the article (whitespace, quotes, dashes, ellipses and case may differ when that is unique)."
  )
  var quote: String

  @Option(name: .long, help: "Which occurrence of the quote (1 = first).")
  var occurrence: Int = 1

  @Option(name: .long, help: "yellow, green, blue, pink or purple.")
  var color: String = "yellow"

  @Option(name: .long, parsing: .unconditionalSingleValue, help: "A tag (repeat for several).")
  var tag: [String] = []

  @Option(name: .long, parsing: .unconditional, help: "A note (it may start with '-': --note -5%).")
  var note: String = ""

  func run() throws {
    let color = try highlightColor(color)
    guard occurrence >= 1 else { throw fail("--occurrence counts from 1") }
    guard !quote.isEmpty else { throw fail("--quote is empty: give the text to annotate") }
    var library = try options.load()
    let store = try options.openStore(library: library.root)
    let entry = try resolveArticle(article, in: &library)
    let text = library.articles[entry.path]!
    let matches: [Range<Int>]
    switch QuoteFinder.find(quote, in: AnchorText(article: text)) {
    case .exact(let found): matches = found
    case .forgiving(let found): matches = [found]
    case .notFound:
      throw fail("the quote is not in \(entry.path.terminalSafe): “\(quote.terminalSafe)”")
    case .ambiguous(let count):
      throw fail(
        "the quote is not in \(entry.path.terminalSafe) as typed, and matches \(count) places when quotes, dashes, "
          + "ellipses and case are ignored: type it as the article has it (“\(quote.terminalSafe)”)")
    }
    guard occurrence <= matches.count else {
      throw fail(
        "the quote occurs \(matches.count) time\(matches.count == 1 ? "" : "s") in \(entry.path.terminalSafe), not \(occurrence)"
      )
    }
    let annotation = Annotation(
      article: text, range: matches[occurrence - 1], color: color, tags: tag, note: note, now: Date())
    do {
      try store.apply(upserts: [annotation], deletions: [])
    } catch {
      throw fail("the annotation was not added: \(error)")
    }
    printOut("added \(annotation.id.uuidString)\n")
  }
}

struct TagsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tags", abstract: "List tags with how many annotations carry them.")

  @OptionGroup var options: LibraryOptions

  @Flag(name: .long, help: "JSON: an array of {tag, count}.")
  var json = false

  struct Item: Encodable {
    var tag: String
    var count: Int
  }

  func run() throws {
    let library = try options.load()
    let store = try options.openStore(library: library.root)
    let counts = store.tagCounts
    if json {
      let data = try jsonEncoder().encode(counts.map { Item(tag: $0.tag, count: $0.count) })
      writeStandardOutput(Interchange.escapingControls(data + Data("\n".utf8)))
      return
    }
    printOut(counts.map { "\($0.count)\t#\($0.tag.terminalSafe)\n" }.joined())
  }
}

import ArgumentParser
import Foundation
import GlossModel
import GlossStore

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
func reanchorAll(_ store: AnnotationStore, library: Library) {
  var changed: [Annotation] = []
  for (path, group) in Dictionary(grouping: store.all, by: \.article) {
    guard let article = library.articles[path] else { continue }
    let text = AnchorText(article: article)
    for annotation in group {
      let new = Anchoring.reanchored(annotation, in: text)
      if new != annotation { changed.append(new) }
    }
  }
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
    return try library.resolve(query, currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
  } catch let error as LibraryError {
    throw fail(error.description)
  }
}

struct Annotations: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List annotations (re-anchored to the current article text).")

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
    var out = ""
    for a in items {
      let quote = a.quote.terminalSafe
      let short = quote.count > 70 ? String(quote.prefix(69)) + "…" : quote
      var line = "\(a.article.terminalSafe)  [\(a.color.rawValue)]  “\(short)”"
      if !a.tags.isEmpty { line += "  " + a.tags.map { "#" + $0.terminalSafe }.joined(separator: " ") }
      if a.anchor == .orphaned { line += "  (orphaned)" }
      out += line + "\n"
      if !a.note.isEmpty { out += "    note: \(a.note.terminalSafe)\n" }
    }
    printOut(out)
  }
}

struct Add: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Add an annotation on a quote of an article.")

  @OptionGroup var options: LibraryOptions

  @Option(name: .long, help: "The article (path, file name or part of the title).")
  var article: String

  @Option(name: .long, help: "The text to annotate, as it appears in the article (whitespace may differ).")
  var quote: String

  @Option(name: .long, help: "Which occurrence of the quote (1 = first).")
  var occurrence: Int = 1

  @Option(name: .long, help: "yellow, green, blue, pink or purple.")
  var color: String = "yellow"

  @Option(name: .long, help: "A tag (repeat for several).")
  var tag: [String] = []

  @Option(name: .long, help: "A note.")
  var note: String = ""

  func run() throws {
    guard let color = HighlightColor(rawValue: color.lowercased()) else {
      throw fail(
        "unknown colour '\(color)', expected one of: " + HighlightColor.allCases.map(\.rawValue).joined(separator: ", ")
      )
    }
    guard occurrence >= 1 else { throw fail("--occurrence counts from 1") }
    guard !quote.isEmpty else { throw fail("--quote is empty: give the text to annotate") }
    var library = try options.load()
    let store = try options.openStore(library: library.root)
    let entry = try resolveArticle(article, in: &library)
    let text = library.articles[entry.path]!
    let matches = QuoteFinder.occurrences(of: quote, in: AnchorText(article: text))
    guard !matches.isEmpty else {
      throw fail("the quote is not in \(entry.path): “\(quote.terminalSafe)”")
    }
    guard occurrence <= matches.count else {
      throw fail(
        "the quote occurs \(matches.count) time\(matches.count == 1 ? "" : "s") in \(entry.path), not \(occurrence)")
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

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export annotations: Markdown (default), Gloss JSON, or W3C Web Annotation JSON-LD.",
    discussion: "Markdown goes to stdout unless --output names a file, or a folder (one file per article).")

  @OptionGroup var options: LibraryOptions

  @Option(name: .long, help: "Only this article (repeat for several).")
  var article: [String] = []

  @Option(name: .long, help: "Only annotations with this tag (repeat: any of them).")
  var tag: [String] = []

  @Option(name: .long, help: "Only annotations of this colour.")
  var color: String?

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case markdown, json, w3c
  }

  @Option(name: .long, help: "markdown, json or w3c.")
  var format: Format = .markdown

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write to FILE, or one file per article into an existing folder (or a path ending in /).", valueName: "file|dir"))
  var output: String?

  @Flag(name: .long, help: "Leave out the 'exported' time stamp (byte-identical output for the same annotations).")
  var noTimestamp = false

  func run() throws {
    if output == "" { throw fail("--output is empty: give a file, or a folder ending in /") }
    var library = try options.load()
    let store = try options.openStore(library: library.root)
    reanchorAll(store, library: library)
    var selected = store.all
    var articlePaths: [String] = []
    for query in article { articlePaths.append(try resolveArticle(query, in: &library).path) }
    if !articlePaths.isEmpty { selected = selected.filter { articlePaths.contains($0.article) } }
    if !tag.isEmpty {
      let wanted = Set(tag.map { $0.lowercased() })
      selected = selected.filter { $0.tags.contains { wanted.contains($0.lowercased()) } }
    }
    if let color {
      guard let c = HighlightColor(rawValue: color.lowercased()) else {
        throw fail(
          "unknown colour '\(color)', expected one of: "
            + HighlightColor.allCases.map(\.rawValue).joined(separator: ", "))
      }
      selected = selected.filter { $0.color == c }
    }
    var paths = articlePaths
    for a in selected where !paths.contains(a.article) { paths.append(a.article) }
    paths = articlePaths + paths.dropFirst(articlePaths.count).sorted()
    let groups = paths.map { path in
      (
        article: library.articles[path], path: path, title: library.articles[path]?.title ?? path,
        annotations: selected.filter { $0.article == path }
      )
    }
    let stamp: Date? = noTimestamp ? nil : Date()
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    switch format {
    case .json:
      try write(Interchange.glossJSON(groups), to: output, cwd: cwd)
    case .w3c:
      try write(Interchange.w3c(selected), to: output, cwd: cwd)
    case .markdown:
      let documents = groups.map {
        MarkdownExport.Document(title: $0.title, source: $0.path, annotations: $0.annotations)
      }
      if let output, isFolder(output, cwd: cwd) {
        let folder = URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL
        // One distinct, path-derived name per article (`one/twin.txt` → `one-twin.md`), all
        // checked before anything is written.
        let names = MarkdownExport.fileNames(forArticlePaths: documents.map(\.source))
        let targets = documents.map { folder.appendingPathComponent(names[$0.source]!) }
        for url in targets {
          var isDir: ObjCBool = false
          if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue {
            throw fail("cannot write \(url.path): it is a folder; nothing was written")
          }
        }
        var written: [String] = []
        for (document, url) in zip(documents, targets) {
          try write(Data(MarkdownExport.render(document, exported: stamp).utf8), to: url.path, cwd: cwd)
          written.append(url.path)
        }
        writeStandardError(
          Data("gloss: wrote \(written.count) file\(written.count == 1 ? "" : "s") to \(folder.path)\n".utf8))
      } else {
        let text = documents.map { MarkdownExport.render($0, exported: stamp) }.joined(separator: "\n")
        try write(Data(text.utf8), to: output, cwd: cwd)
      }
    }
  }

  /// The open descriptor a path names: `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`,
  /// `/proc/self/fd/N`; nil for any other path.
  static func descriptor(_ path: String) -> Int32? {
    if path == "/dev/stdout" { return 1 }
    if path == "/dev/stderr" { return 2 }
    for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
      return Int32(path.dropFirst(prefix.count))
    }
    return nil
  }

  func isFolder(_ path: String, cwd: URL) -> Bool {
    if path.hasSuffix("/") { return true }
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: URL(fileURLWithPath: path, relativeTo: cwd).path, isDirectory: &isDir)
      && isDir.boolValue
  }

  func write(_ data: Data, to output: String?, cwd: URL) throws {
    guard let output else {
      writeStandardOutput(data)
      return
    }
    let url = URL(fileURLWithPath: output, relativeTo: cwd).standardizedFileURL
    // `/dev/stdout`, `/dev/fd/N`: written to that descriptor as it is (a terminal, a pipe, a
    // file the shell opened), never reopened or replaced. A character device or FIFO
    // (`/dev/null`, a named pipe) is written to, never replaced; a regular file (through any
    // links) is replaced atomically; anything else (a folder…) is refused by AtomicFile.
    if let fd = Export.descriptor(url.path) {
      if !AtomicFile.writeAll(data, to: fd) {
        throw fail("cannot write \(output): \(String(cString: strerror(errno)))")
      }
      return
    }
    var info = stat()
    if stat(url.path, &info) == 0 && [S_IFCHR, S_IFIFO].contains(info.st_mode & S_IFMT) {
      let fd = open(url.path, O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw fail("cannot write \(output): \(String(cString: strerror(errno)))") }
      defer { close(fd) }
      if !AtomicFile.writeAll(data, to: fd) {
        throw fail("cannot write \(output): \(String(cString: strerror(errno)))")
      }
      return
    }
    do {
      try AtomicFile.write(data, to: url)
    } catch {
      throw fail("\(error)")
    }
  }
}

struct Import: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Import annotations (Gloss JSON or W3C Web Annotation JSON-LD) and merge them into the store.")

  @OptionGroup var options: LibraryOptions

  @Argument(help: "The file to import ('-' for standard input).")
  var file: String

  func run() throws {
    let library = try options.load()
    let store = try options.openStore(library: library.root)
    let url = URL(
      fileURLWithPath: file,
      relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
    var info = stat()
    if file != "-" {
      guard stat(url.path, &info) == 0 else { throw fail("cannot read \(file): \(String(cString: strerror(errno)))") }
      if info.st_mode & S_IFMT == S_IFDIR { throw fail("cannot read \(file): it is a folder") }
    }
    // Read to the end, so that a pipe (`<(…)`, /dev/stdin, '-') works as well as a file.
    let data: Data
    do {
      let handle = file == "-" ? FileHandle.standardInput : try FileHandle(forReadingFrom: url)
      data = try handle.readToEnd() ?? Data()
    } catch {
      throw fail("cannot read \(file): \((error as NSError).localizedDescription)")
    }
    do {
      let incoming = try Interchange.read(data, file: file, library: library.root)
      let report = try Interchange.merge(incoming, into: store, articles: library.articles)
      printOut("imported \(file): \(report.description)\n")
    } catch {
      throw fail("\(error)")
    }
  }
}

struct Search: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Search every article, note and tag in the library.",
    discussion: "Case-insensitive, and insensitive to curly versus straight quotes and to the kind of dash.")

  @OptionGroup var options: LibraryOptions

  @Argument(help: "What to look for.")
  var query: String

  @Flag(name: .long, help: "JSON: an array of {article, title, start, end, context, kind}.")
  var json = false

  struct Item: Encodable {
    var article: String
    var title: String
    var start: Int
    var end: Int
    var context: String
    var kind: String
  }

  func run() throws {
    let library = try options.load()
    let store = AnnotationStore.openForReading(url: options.storeURL(library: library.root))
    if let reason = store.readOnlyReason {
      writeStandardError(Data("gloss: notes and tags not searched: \(reason)\n".utf8))
    }
    let articles = library.entries.compactMap { library.articles[$0.path] }
    let hits = LibrarySearch.search(query, articles: articles, annotations: store.all)
    if json {
      let data = try jsonEncoder().encode(
        hits.map {
          Item(
            article: $0.article, title: $0.title, start: $0.start, end: $0.end, context: $0.context,
            kind: $0.kind.rawValue)
        })
      writeStandardOutput(Interchange.escapingControls(data + Data("\n".utf8)))
      return
    }
    var out = ""
    var current = ""
    for hit in hits {
      if hit.article != current {
        current = hit.article
        out += "\(hit.article.terminalSafe) — \(hit.title.terminalSafe)\n"
      }
      out += "  \(hit.kind == .text ? "" : "[\(hit.kind.rawValue)] ")\(hit.context.terminalSafe)\n"
    }
    if hits.isEmpty {
      writeStandardError(Data("gloss: no matches for '\(query.terminalSafe)'\n".utf8))
      throw ExitCode(1)
    }
    printOut(out)
  }
}

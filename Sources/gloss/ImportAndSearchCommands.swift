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
    switch readAll(file == "-" ? nil : url.path) {
    case .success(let bytes): data = bytes
    case .failure(let failure): throw fail("cannot read \(file): \(String(cString: strerror(failure.code)))")
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
    discussion: """
      Case-insensitive, and insensitive to curly versus straight quotes, the kind of dash, '...' \
      versus '…' and no-break spaces. A query that starts with '-' goes after '--': \
      gloss search -- -5%.

      Exit status, the same with and without --json: 0 when something matched, 1 when nothing \
      did (--json then prints []), 2 when the library cannot be read (64 for a usage error).
      """
  )

  @OptionGroup var options: LibraryOptions

  @Argument(help: "What to look for.")
  var query: String

  /// `search`'s exit status when it could not search (grep's convention: 1 is "no match").
  static let errorStatus: Int32 = 2

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
    let library: Library
    do {
      library = try options.load()
    } catch let error as ExitCode where error.rawValue != 0 {
      throw ExitCode(Self.errorStatus)  // the reason is on stderr already
    }
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
      if hits.isEmpty { throw noMatches() }
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
    if hits.isEmpty { throw noMatches() }
    printOut(out)
  }

  /// Nothing matched: said on stderr, and exit status 1 (with or without --json).
  func noMatches() -> ExitCode {
    writeStandardError(Data("gloss: no matches for '\(query.terminalSafe)'\n".utf8))
    return ExitCode(1)
  }
}

/// A file's bytes (standard input for nil), read to the end, or the errno that stopped it.
private func readAll(_ path: String?) -> Result<Data, ReadFailure> {
  let fd = path.map { open($0, O_RDONLY | O_CLOEXEC) } ?? 0
  guard fd >= 0 else { return .failure(ReadFailure(code: errno)) }
  defer { if path != nil { close(fd) } }
  var data = Data()
  var buffer = [UInt8](repeating: 0, count: 64 * 1024)
  while true {
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n < 0 && errno == EINTR { continue }
    guard n >= 0 else { return .failure(ReadFailure(code: errno)) }
    if n == 0 { return .success(data) }
    data.append(contentsOf: buffer[..<n])
  }
}

private struct ReadFailure: Error {
  let code: Int32
}

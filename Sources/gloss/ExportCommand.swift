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
          if FileKind.isDirectory(url.path) {
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
    return FileKind.isDirectory(URL(fileURLWithPath: path, relativeTo: cwd).path)
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

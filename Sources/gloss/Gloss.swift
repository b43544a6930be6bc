// gloss is the command line (swift-argument-parser): it opens the reader by default (through
// GlossApp and GlossTerminal) and runs the scripting commands (list, annotations, add, edit,
// delete, tags, export, import, search, merge) against GlossStore. Every error becomes one line
// on stderr here.
import ArgumentParser
import GlossApp
import GlossModel
import GlossStore
import GlossTUI
import GlossTerminal

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

/// Prints one clear line on stderr and exits non-zero: the CLI boundary for every error.
func fail(_ message: String, code: Int32 = 1) -> ExitCode {
  // Whatever it quotes (file names, errors that hold them) is shown inert (idempotent: the
  // visible forms are plain text).
  writeStandardError(Data("gloss: \(message.terminalSafe)\n".utf8))
  return ExitCode(code)
}

/// Where the library and its annotations are: the values of --library and --store.
struct LibraryLocation: Equatable {
  var library: String?
  var store: String?

  func storeURL(library: URL) -> URL {
    if let store {
      let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
      return URL(fileURLWithPath: store, relativeTo: cwd).standardizedFileURL
    }
    return AnnotationStore.defaultURL(library: library)
  }

  /// The store, or a clear error (and a non-zero exit) when it cannot be read.
  func openStore(library: URL) throws -> AnnotationStore {
    if store == "" { throw fail("--store is empty: give an annotations file such as notes/annotations.json") }
    do {
      return try AnnotationStore(url: storeURL(library: library))
    } catch {
      throw fail("\(error)")
    }
  }

  /// `gloss FILE` with no library named (no --library, no $GLOSS_LIBRARY) and FILE a file
  /// outside ./articles: its own folder is the library, as `less FILE` just opens the file.
  func opening(_ article: String?) -> (location: LibraryLocation, article: String?) {
    let env = processEnvironment
    guard library == nil, (env["GLOSS_LIBRARY"] ?? "").isEmpty, let article, !article.isEmpty else {
      return (self, article)
    }
    let file = StandardPath.of(article, from: currentDirectoryPath())
    guard FileKind.exists(file), !FileKind.isDirectory(file) else {
      return (self, article)
    }
    let root = resolvedURL().path
    if file.hasPrefix(root.hasSuffix("/") ? root : root + "/") { return (self, article) }
    var location = self
    location.library = PathName.parent(file)
    return (location, PathName.last(file))
  }

  /// The library folder, absolute, as `standardizedFileURL` gives it (`StandardPath`: on the
  /// text in the usual case; URLs' set-up at their first use was a tenth of a millisecond of the
  /// reader's start-up).
  func resolvedURL() -> URL {
    let env = processEnvironment
    let path = library ?? env["GLOSS_LIBRARY"].flatMap { $0.isEmpty ? nil : $0 } ?? "articles"
    return URL(fileURLWithPath: StandardPath.of(path, from: currentDirectoryPath()), isDirectory: true)
  }

  /// `opening`: the article about to be shown (reader and `read`), which is then the only file
  /// read before it is (see `Library.load`'s `eager`); the others are read after the first paint.
  func load(lazy: Bool = false, opening article: String? = nil) throws -> Library {
    do {
      return try Library.load(root: resolvedURL(), lazy: lazy, eager: article == nil ? Library.eagerCount : 0)
    } catch let error as LibraryError {
      throw fail(error.description)
    }
  }

  /// Titles and word counts only, through the title cache (`gloss list`).
  func listing() throws -> Library {
    do {
      return try Library.listing(root: resolvedURL())
    } catch let error as LibraryError {
      throw fail(error.description)
    }
  }
}

struct LibraryOptions: ParsableArguments {
  @Option(
    name: .long, help: ArgumentHelp("The library folder (default: $GLOSS_LIBRARY, else ./articles).", valueName: "dir"))
  var library: String?

  @Option(
    name: .long,
    help: ArgumentHelp("The annotations file (default: <library>/.gloss/annotations.json).", valueName: "file"))
  var store: String?

  var location: LibraryLocation { LibraryLocation(library: library, store: store) }
  func storeURL(library: URL) -> URL { location.storeURL(library: library) }
  func openStore(library: URL) throws -> AnnotationStore { try location.openStore(library: library) }
  func load(lazy: Bool = false) throws -> Library { try location.load(lazy: lazy) }
  func listing() throws -> Library { try location.listing() }
}

/// The current directory (getcwd; FileManager's answer, if any, should that fail).
func currentDirectoryPath() -> String {
  var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
  let found = buffer.withUnsafeMutableBufferPointer { getcwd($0.baseAddress, $0.count) != nil }
  guard found else { return FileManager.default.currentDirectoryPath }
  return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// The version `gloss --version` prints.
let glossVersion = "0.1.0"

@main
struct Gloss: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gloss",
    abstract: "A terminal reader and annotator for a folder of articles.",
    discussion: """
      With no subcommand, opens the reader on the library. Keys are listed with '?' in the \
      reader and can be changed in keymap.conf.
      """,
    version: glossVersion,
    subcommands: [
      Read.self, List.self, Annotations.self, Add.self, Edit.self, Delete.self, TagsCommand.self, Export.self,
      Import.self, Search.self, Merge.self,
    ],
    defaultSubcommand: Read.self
  )

  /// Opening the reader is the common case and the one where start-up time shows, so its plain
  /// forms (`gloss`, `gloss ARTICLE`, `--library/--store/--keymap VALUE`) skip the argument
  /// parser's reflection (a few milliseconds before the first paint). Everything else —
  /// subcommands, help, anything unusual — goes through the parser, and a test checks that
  /// both read the plain forms the same way.
  static func main() {
    // A closed pipe (`gloss export | head -1`) is an EPIPE on the write, which the output
    // helpers answer by exiting quietly; the reader never dies of SIGPIPE with its screen up.
    signal(SIGPIPE, SIG_IGN)
    guard let reader = ReaderInvocation(plain: commandLineArguments()) else {
      main(nil)
      return
    }
    do {
      try reader.run()
    } catch {
      exit(withError: error)
    }
  }
}

/// The arguments after the program's name, read from `argv` here rather than through
/// `CommandLine.arguments`, whose first use made its array's type by name at run time (the
/// standard library is compiled that way): a tenth of a millisecond of the reader's start-up.
func commandLineArguments() -> [String] {
  guard CommandLine.argc > 1 else { return [] }  // (argc is 0 after an execve with no argv)
  return (1..<Int(CommandLine.argc)).map { index in
    guard let argument = CommandLine.unsafeArgv[index] else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: argument, count: strlen(argument)), as: UTF8.self)
  }
}

struct Read: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Open the reader (the default).",
    discussion: "ARTICLE is a path, a file name, or an unambiguous part of a title or file name."
  )

  @OptionGroup var options: LibraryOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Key bindings file (default: $XDG_CONFIG_HOME/gloss/keymap.conf, else ~/.config/gloss/keymap.conf).",
      valueName: "file"))
  var keymap: String?

  @Flag(
    name: .long, help: "Print the article instead of opening the reader (the default when stdout is not a terminal).")
  var plain = false

  @Option(
    name: .long, help: ArgumentHelp("Wrap printed lines to this many columns (default: no wrapping).", valueName: "n"))
  var width: Int?

  @Argument(help: "The article to open (or to print).")
  var article: String?

  var invocation: ReaderInvocation {
    ReaderInvocation(location: options.location, keymap: keymap, article: article, plain: plain, width: width)
  }

  func run() throws {
    try invocation.run()
  }
}

/// What opening the reader needs from the command line.
struct ReaderInvocation: Equatable {
  var location: LibraryLocation
  var keymap: String?
  var article: String?
  /// `--plain`: print the article (as when stdout is not a terminal).
  var plain = false
  /// `--width N`: the printed lines' width in columns; nil for no wrapping.
  var width: Int?

  init(location: LibraryLocation, keymap: String?, article: String?, plain: Bool = false, width: Int? = nil) {
    self.location = location
    self.keymap = keymap
    self.article = article
    self.plain = plain
    self.width = width
  }

  /// The plain forms of opening the reader, read without the argument parser; nil for anything
  /// else (a subcommand, help, an unknown or repeated option, a value that looks like an option).
  init?(plain arguments: [String]) {
    var arguments = arguments[...]
    if arguments.first == "read" { arguments = arguments.dropFirst() }
    // The options' values, in the order of `options` (an array: the first `[String: String]`
    // made its storage's type by name at run time, with a scan for String's conformances).
    var values = [String?](repeating: nil, count: Self.options.count)
    var article: String?
    var plain = false
    while let argument = arguments.popFirst() {
      if argument == "--plain" {
        guard !plain else { return nil }
        plain = true
      } else if argument.hasPrefix("-") {
        var name = argument
        var value: String?
        if let equals = argument.firstIndex(of: "=") {
          name = String(argument[..<equals])
          value = String(argument[argument.index(after: equals)...])
        } else {
          value = arguments.popFirst()
        }
        guard let slot = Self.options.firstIndex(of: name), values[slot] == nil, let value, !value.isEmpty,
          !value.hasPrefix("-")
        else { return nil }
        values[slot] = value
      } else {
        guard article == nil, !Self.reservedWords.contains(argument) else { return nil }
        article = argument
      }
    }
    var width: Int?
    if let value = values[3] {
      // What the parser accepts as an Int, and no more (a sign, spaces or "0x" go to it).
      guard value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber), let n = Int(value) else { return nil }
      width = n
    }
    self.init(
      location: LibraryLocation(library: values[0], store: values[1]), keymap: values[2], article: article,
      plain: plain, width: width)
  }

  /// The options of the plain forms; `init(plain:)` reads their values by these positions.
  static let options = ["--library", "--store", "--keymap", "--width"]

  /// Words the parser reads as a subcommand or as help rather than as an article. Spelled out:
  /// asking the parser for its subcommands' names costs as much as parsing (a test keeps the two
  /// lists the same).
  static let reservedWords = [
    "read", "list", "annotations", "add", "edit", "delete", "tags", "export", "import", "search", "merge", "help",
  ]

  /// Printing rather than opening the reader: asked for, or stdout is not a terminal (with an
  /// article to print; without one, opening the reader gives its clear error).
  var printsPlain: Bool { plain || (article != nil && isatty(STDOUT_FILENO) == 0) }

  func run() throws {
    if printsPlain { return try printPlain() }
    let env = processEnvironment
    // Everything that can fail on the user's input is checked before the terminal is touched.
    let keys = try loadKeymap(environment: env)
    let (location, article) = location.opening(article)
    var library = try location.load(lazy: true, opening: article)
    var entry: LibraryEntry?
    if let article { entry = try resolveArticle(article, in: &library) }
    let positions = ReadingPositions(url: ReadingPositions.defaultURL(library: library.root))
    let noColor = !(env["NO_COLOR"] ?? "").isEmpty
    // The input is known good: curses starts on a second thread while the store is opened
    // (for reading; a store that cannot be read still lets the user read, annotating is
    // refused) and the first frame is rendered here, at the size the kernel gives.
    let start = TerminalStart(wantColors: !noColor, environment: env)
    let store = AnnotationStore.openForReading(url: location.storeURL(library: library.root))
    let exports = exportDirectory(library: library.root, environment: env)
    func makeRunner(size: Size, colors: Bool) -> AppRunner {
      AppRunner(
        library: library, positions: positions, store: store, keymap: keys, size: size, colors: colors, open: entry,
        exportDirectory: exports)
    }
    var runner = makeRunner(size: TerminalStart.windowSize() ?? Size(width: 80, height: 24), colors: !noColor)
    runner.renderAhead()
    let terminal: NCursesTerminal
    do {
      terminal = try start.wait()
    } catch {
      throw fail("\(error); to list articles without a terminal, use 'gloss list'")
    }
    // A terminal without colours (the guess was that it has them): the runner again, as it
    // would have been made.
    if terminal.colors != !noColor { runner = makeRunner(size: terminal.size, colors: terminal.colors) }
    // Every way out of here — a return, a thrown Swift error — restores the terminal first.
    // (Signals are handled by the backend and reach the loop as input: SIGINT (Ctrl-C) as
    // .interrupt — it cancels a prompt, else quits — and SIGTERM, SIGHUP, SIGQUIT (Ctrl-\),
    // SIGUSR1/2, SIGALRM and the other quit signals as .terminate(signal:), which quits cleanly.
    // A crash signal restores the terminal from its handler, then takes the default action. The
    // Swift runtime's backtracer handlers are replaced while the reader is up, so it never draws
    // over it.)
    let warnings: [String]
    do {
      defer { terminal.close() }
      try runner.run(on: terminal)
      warnings = runner.exitWarnings
    } catch {
      throw fail("\(error)")
    }
    for warning in warnings {
      writeStandardError(Data("gloss: \(warning)\n".utf8))
    }
    // Ended by a signal: the terminal is restored and the position saved; report it the
    // conventional way (128 + signal number).
    if let signal = terminal.receivedSignal { throw ExitCode(128 + signal) }
  }

  /// Prints the article as the reader shows it (`PlainOutput`); a closed pipe ends quietly.
  func printPlain() throws {
    if let width, width < 1 { throw fail("--width must be at least 1 (leave it out for no wrapping)") }
    guard let article else {
      throw fail("no article to print: give one (gloss read ARTICLE); to list articles, use 'gloss list'")
    }
    let (location, name) = location.opening(article)
    var library = try location.load(lazy: true, opening: name)
    let entry = try resolveArticle(name ?? article, in: &library)
    guard let text = library.complete(entry.path) else {
      throw fail("cannot read \(entry.path.terminalSafe)\(entry.problem.map { ": \($0)" } ?? "")")
    }
    PlainOutput.write(text, width: width) { writeStandardOutput(Data($0.utf8)) }
  }

  /// Where `E` suggests exports: the current directory, unless that is inside the library
  /// (exports there would become articles), then `$XDG_DATA_HOME/gloss/exports`.
  func exportDirectory(library: URL, environment: [String: String]) -> URL {
    let cwd = currentDirectoryPath()  // (absolute, without "." or "..", as getcwd gives it)
    let root = library.path  // (standardized when the library was walked)
    if cwd != root && !cwd.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
      return URL(fileURLWithPath: cwd, isDirectory: true)
    }
    if let data = environment["XDG_DATA_HOME"], !data.isEmpty {
      return URL(fileURLWithPath: data).appendingPathComponent("gloss/exports")
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.temporaryDirectory.path
    return URL(fileURLWithPath: home).appendingPathComponent(".local/share/gloss/exports")
  }

  /// The user's keymap, or nil for the built-in one.
  func loadKeymap(environment: [String: String]) throws -> Keymap? {
    guard let url = Keymap.userFile(explicit: keymap, environment: environment) else { return nil }
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw fail("cannot read keymap \(url.path): no such file or not UTF-8 text", code: 2)
    }
    do {
      return try Keymap.parse(text, file: keymap ?? url.path)
    } catch let error as KeymapError {
      throw fail(error.description, code: 2)
    }
  }
}

struct List: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List the articles in the library: file, title, words.")

  @OptionGroup var options: LibraryOptions

  @Flag(name: .long, help: "JSON: an array of objects with path, title and words.")
  var json = false

  struct Item: Encodable {
    var path: String
    var title: String
    var words: Int
  }

  func run() throws {
    let library = try options.listing()
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let items = library.entries.map { Item(path: $0.path, title: $0.title, words: $0.wordCount) }
      let data = try encoder.encode(items)
      writeStandardOutput(data + Data("\n".utf8))
      return
    }
    let pathWidth = library.entries.map { DisplayWidth.of($0.path.terminalSafe) }.max() ?? 0
    var out = ""
    for entry in library.entries {
      let path = entry.path.terminalSafe
      let padding = String(repeating: " ", count: max(0, pathWidth - DisplayWidth.of(path)))
      let words = entry.wordCount.formatted(groupingSeparator: ",")
      out += "\(path)\(padding)  \(entry.title.terminalSafe)  (\(words) words)\n"
    }
    writeStandardOutput(Data(out.utf8))
    for skipped in library.skipped {
      writeStandardError(Data("gloss: skipped \(skipped.path.terminalSafe): \(skipped.reason)\n".utf8))
    }
  }
}

/// The environment variables the commands and the reader read, each from getenv once: they do
/// not change while Gloss runs, and ProcessInfo's dictionary of the whole environment (its
/// first use also sets up ProcessInfo itself) cost 7 % of the reader's start-up. A variable read
/// through this must be named here (a test checks the names read against this list).
let environmentNames = [
  "TERM", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "GLOSS_LIBRARY", "GLOSS_FRAME_FILE", "NO_COLOR",
]

let processEnvironment: [String: String] = {
  var values: [String: String] = [:]
  for name in environmentNames {
    if let value = getenv(name) { values[name] = String(cString: value) }
  }
  return values
}()

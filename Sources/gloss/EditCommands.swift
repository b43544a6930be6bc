// `gloss delete` and `gloss edit`: changing annotations by id from scripts. Both go through
// AnnotationStore.apply, the one way annotations are saved (locked, merged, atomic, unknown
// fields kept, an unreadable or non-regular file never written over).
import ArgumentParser
import GlossModel
import GlossStore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The annotations named by `inputs`: whole ids or unique starts of ids, in any case. Every
/// input is checked before anything changes; one that names no annotation, or several,
/// fails the command (`unchanged` says what was left alone).
func resolveAnnotations(_ inputs: [String], in store: AnnotationStore, unchanged: String) throws -> [Annotation] {
  let ids = store.all.map { ($0.id.uuidString, $0) }
  var found: [Annotation] = []
  var seen = Set<UUID>()
  var problems: [String] = []
  for input in inputs {
    let key = String(TextScan.trimmed(input)).uppercased()
    guard !key.isEmpty else {
      problems.append("an id is empty")
      continue
    }
    let matches = ids.filter { $0.0.hasPrefix(key) }
    switch matches.count {
    case 0: problems.append("no annotation has the id '\(input.terminalSafe)'")
    case 1:
      let annotation = matches[0].1
      if seen.insert(annotation.id).inserted { found.append(annotation) }
    default:
      problems.append("'\(input.terminalSafe)' starts \(matches.count) annotations' ids: give more of it")
    }
  }
  if !problems.isEmpty {
    throw fail("\(problems.joined(separator: "; ")) (in \(store.url.path.terminalSafe)); \(unchanged)")
  }
  return found
}

/// One annotation as `gloss annotations` lists it: id, article, colour, quote, tags, then the
/// note on a line of its own. Every piece of text is made inert for the terminal.
func describe(_ a: Annotation, fullID: Bool = false) -> String {
  let quote = a.quote.terminalSafe
  let short = quote.count > 70 ? String(quote.prefix(69)) + "…" : quote
  let id = fullID ? a.id.uuidString : String(a.id.uuidString.prefix(8))
  var line = "\(id)  \(a.article.terminalSafe)  [\(a.color.rawValue)]  “\(short)”"
  if !a.tags.isEmpty { line += "  " + a.tags.map { "#" + $0.terminalSafe }.joined(separator: " ") }
  if a.anchor == .orphaned { line += "  (orphaned)" }
  line += "\n"
  if !a.note.isEmpty { line += "    note: \(a.note.terminalSafe)\n" }
  return line
}

/// The colour named (any case), or a clear error listing the names.
func highlightColor(_ name: String) throws -> HighlightColor {
  guard let color = HighlightColor(rawValue: name.lowercased()) else {
    throw fail(
      "unknown colour '\(name.terminalSafe)', expected one of: "
        + HighlightColor.allCases.map(\.rawValue).joined(separator: ", "))
  }
  return color
}

/// The store of the library named by the options, without reading the library's articles.
func openStoreOnly(_ options: LibraryOptions) throws -> AnnotationStore {
  try options.openStore(library: options.location.resolvedURL())
}

struct Delete: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Delete annotations by id.",
    discussion: """
      An id may be shortened to any unique start of it, in any case: 'gloss annotations' shows \
      the first 8 characters, 'gloss annotations --json' the whole id. Every id is checked \
      first: when one names no annotation or several, nothing is deleted and the exit status is 1. \
      A read-only annotations file is left as it is.
      """)

  @OptionGroup var options: LibraryOptions

  @Argument(help: "Ids or unique starts of ids.")
  var ids: [String]

  @Flag(name: .long, help: "JSON: an array of the deleted annotation objects.")
  var json = false

  func run() throws {
    let store = try openStoreOnly(options)
    let doomed = try resolveAnnotations(ids, in: store, unchanged: "nothing was deleted")
    do {
      try store.apply(upserts: [], deletions: doomed.map(\.id))
    } catch {
      throw fail("nothing was deleted: \(String(describing: error).terminalSafe)")
    }
    if json { return printOut(Interchange.recordsJSON(doomed)) }
    printOut(doomed.map { "deleted " + describe($0, fullID: true) }.joined())
  }
}

struct Edit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Change an annotation's note, tags or colour.",
    discussion: """
      ID may be shortened to any unique start of it, in any case. Values may start with '-' \
      (--note -5%, --tag -draft). Prints the annotation as it is saved.
      """)

  @OptionGroup var options: LibraryOptions

  @Argument(help: "The annotation's id, or a unique start of it.")
  var id: String

  @Option(name: .long, parsing: .unconditional, help: "The new note ('' clears it).")
  var note: String?

  @Option(name: .long, parsing: .unconditionalSingleValue, help: "A tag to add (repeat for several).")
  var tag: [String] = []

  @Option(
    name: .customLong("remove-tag"), parsing: .unconditionalSingleValue,
    help: "A tag to remove, in any case (repeat for several).")
  var removeTag: [String] = []

  @Option(name: .long, help: "yellow, green, blue, pink or purple.")
  var color: String?

  @Flag(name: .long, help: "JSON: an array holding the annotation object.")
  var json = false

  func run() throws {
    guard note != nil || !tag.isEmpty || !removeTag.isEmpty || color != nil else {
      throw fail("nothing to change: give --note, --tag, --remove-tag or --color")
    }
    let newColor = try color.map(highlightColor)
    let removed = Set(removeTag.map { String(TextScan.trimmed($0)).lowercased() })
    if let both = Tags.normalized(tag).first(where: { removed.contains($0.lowercased()) }) {
      throw fail("'\(both.terminalSafe)' is both added (--tag) and removed (--remove-tag)")
    }
    let store = try openStoreOnly(options)
    let old = try resolveAnnotations([id], in: store, unchanged: "nothing was changed")[0]
    var new = old
    if let note { new.note = note }
    if let newColor { new.color = newColor }
    new.tags = Tags.normalized(old.tags.filter { !removed.contains($0.lowercased()) } + tag)
    for name in removeTag where !old.tags.contains(where: { $0.lowercased() == name.lowercased() }) {
      writeStandardError(Data("gloss: warning: \(old.id.uuidString) has no tag '\(name.terminalSafe)'\n".utf8))
    }
    if new != old {
      new.modified = Date()
      do {
        try store.apply(upserts: [new], deletions: [])
      } catch {
        throw fail("the annotation was not changed: \(String(describing: error).terminalSafe)")
      }
    }
    if json { return printOut(Interchange.recordsJSON([new])) }
    printOut(describe(new, fullID: true))
  }
}

// `gloss merge BASE OURS THEIRS`: git's merge driver for annotations files (the rules are in
// GlossStore/StoreMerge.swift; this is the command line around them).
import ArgumentParser
import GlossModel
import GlossStore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Merge two annotations files with their common ancestor (a git merge driver).",
    discussion: """
      Writes the merge over OURS, in the store's format. Additions from both sides are kept; a \
      deletion is honoured unless the other side changed the annotation (then it is kept, and \
      said); an annotation changed on both sides is merged field by field (tags as sets). \
      Exit status: 0 merged; 1 merged with conflicts (a colour or a note changed differently \
      on both sides: OURS holds ours, and a note holds both between marker lines), and OURS is \
      still a valid annotations file; 2 a file could not be read, or OURS could not be written \
      or is read-only, and OURS is left as it was.

      In git: add '.gloss/annotations.json merge=gloss' to .gitattributes and run \
      git config merge.gloss.driver "gloss merge %O %A %B"
      """)

  @Argument(help: "The common ancestor (git's %O; an empty file when it had none).")
  var base: String

  @Argument(help: "Our version (git's %A); the merge is written here.")
  var ours: String

  @Argument(help: "Their version (git's %B).")
  var theirs: String

  func run() throws {
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    func url(_ path: String) -> URL { URL(fileURLWithPath: path, relativeTo: cwd).standardizedFileURL }
    let report: StoreMerge.Report
    do {
      report = try StoreMerge.mergeFiles(base: url(base), ours: url(ours), theirs: url(theirs))
    } catch {
      throw fail("merge: \(String(describing: error).terminalSafe)", code: 2)
    }
    var out = ""
    for notice in report.notices { out += "gloss: merge: \(line(notice))\n" }
    for conflict in report.conflicts { out += "gloss: merge conflict: \(line(conflict))\n" }
    writeStandardError(Data(out.utf8))
    if !report.isClean { throw ExitCode(1) }
  }

  func line(_ item: StoreMerge.Item) -> String {
    let quote = item.quote.terminalSafe
    let short = quote.count > 50 ? String(quote.prefix(49)) + "…" : quote
    return "\(item.id.uuidString.prefix(8)) “\(short)” in \(item.article.terminalSafe): \(item.what)"
  }
}

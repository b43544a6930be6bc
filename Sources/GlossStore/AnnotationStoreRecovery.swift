import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#endif

extension AnnotationStore {
  /// Writes the annotations changed in memory but not saved (`unsavedCount` of them: the
  /// changed ones, and tombstones for the deleted ones) to a new file in the store's format,
  /// which `gloss import FILE` merges back. It goes into `directory` when given, else next to
  /// the store, else (when that cannot be written) into `$XDG_STATE_HOME/gloss/` (by default
  /// `~/.local/state/gloss/`). Returns the file written; throws when none could be.
  public func writeRecovery(to directory: URL? = nil, now: Date = Date()) throws -> URL {
    let ids = pendingIDs
    let live = ids.compactMap { annotations[$0] }.sorted(by: AnnotationStore.storeOrder)
    let deleted = ids.filter { annotations[$0] == nil }.compactMap { id in
      tombstones(for: id).map { Tombstone(id: id, deleted: $0) }
    }.sorted { $0.id.sortKey < $1.id.sortKey }
    var file = File(version: AnnotationStore.currentVersion, annotations: live, deleted: deleted)
    for annotation in live { file.annotationExtras[annotation.id] = recordedExtras(of: annotation.id) }
    let data = StoreJSON.encode(file)
    let stamp = ISO8601.string(now).filter { $0 != ":" && $0 != "-" }
    let base = url.deletingPathExtension().lastPathComponent
    // Unique: two sessions (or two stores in one process) may recover in the same second.
    let name = "\(base).recovery-\(stamp)-\(getpid())-\(UUID().uuidString.prefix(8).lowercased()).json"
    var candidates: [URL] = []
    if let directory { candidates.append(directory) }
    candidates.append(url.deletingLastPathComponent())
    candidates.append(AnnotationStore.stateDirectory())
    var problems: [String] = []
    for folder in candidates {
      let target = folder.appendingPathComponent(name)
      do {
        try AtomicFile.write(data, to: target)
        return target
      } catch {
        problems.append("\(error)")
      }
    }
    throw SaveError(description: "cannot write a recovery file: " + problems.joined(separator: "; "))
  }

  /// `$XDG_STATE_HOME/gloss`, or `~/.local/state/gloss`.
  static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return URL(fileURLWithPath: state).appendingPathComponent("gloss")
    }
    let home =
      environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
    return URL(fileURLWithPath: home).appendingPathComponent(".local/state/gloss")
  }
}

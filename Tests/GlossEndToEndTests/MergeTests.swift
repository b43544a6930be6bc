import Foundation
import Testing

/// `gloss merge` as git's merge driver: a real repository, two branches, a real `git merge`.
@Suite struct MergeTests {
  struct Repo {
    var root: URL
    var store: URL { root.appendingPathComponent(".gloss/annotations.json") }

    /// git with no system or user configuration but this repository's.
    @discardableResult
    func git(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
      let env = [
        "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": root.path, "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": "2026-11-22T10:00:00Z", "GIT_COMMITTER_DATE": "2026-11-22T10:00:00Z",
      ]
      return try run("/usr/bin/git", ["-C", root.path] + arguments, environment: env)
    }

    func gloss(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
      let r = try runGloss(arguments + ["--library", root.path], sourceLocation: sourceLocation)
      #expect(r.status == 0, "gloss \(arguments): \(r.stderr)", sourceLocation: sourceLocation)
      return r
    }

    func add(_ quote: String) throws -> String {
      let r = try gloss(["add", "--article", "a.txt", "--quote", quote])
      return String(r.stdout.dropFirst("added ".count).prefix(36))
    }

    func commit(_ message: String) throws {
      try git(["add", "-A"])
      let r = try git(["commit", "-q", "-m", message])
      #expect(r.status == 0, "\(r.stderr)")
    }

    func annotations() throws -> [String: [String: Any]] {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: store)) as? [String: Any], "valid JSON")
      let list = try #require(object["annotations"] as? [[String: Any]])
      return Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as? String ?? "?", $0) })
    }
  }

  /// A repository with the driver installed as the README says, and three annotations.
  func makeRepo(quotes: [String] = ["One sentence", "Another sentence", "A third one"]) throws -> (Repo, [String]) {
    let binary = try #require(glossBinary, "the gloss binary was not built next to the tests")
    let root = try makeLibrary(files: [
      "a.txt": "An article\n\nOne sentence here. Another sentence there. A third one, and a fourth.\n"
    ])
    let repo = Repo(root: root)
    #expect(try repo.git(["init", "-q", "-b", "main"]).status == 0)
    try repo.git(["config", "user.name", "Test"])
    try repo.git(["config", "user.email", "test@example.com"])
    try repo.git(["config", "commit.gpgsign", "false"])
    try repo.git(["config", "merge.gloss.driver", "\(shellQuote(binary.path)) merge %O %A %B"])
    try Data(".gloss/annotations.json merge=gloss\n".utf8).write(to: root.appendingPathComponent(".gitattributes"))
    // Only the annotations are shared (not the lock, the backup, positions or caches).
    try Data(".gloss/*\n!.gloss/annotations.json\n".utf8).write(to: root.appendingPathComponent(".gitignore"))
    let ids = try quotes.map { try repo.add($0) }
    try repo.commit("\(quotes.count) annotations")
    return (repo, ids)
  }

  @Test func gitMergeWithTheDriverMergesEditsOnBothBranches() throws {
    let (repo, ids) = try makeRepo()
    defer { try? FileManager.default.removeItem(at: repo.root) }
    try repo.git(["checkout", "-q", "-b", "other"])
    _ = try repo.gloss(["edit", ids[0], "--note", "from other", "--tag", "shared"])
    _ = try repo.gloss(["delete", ids[1]])
    let theirs = try repo.add("a fourth")
    try repo.commit("other: note, delete, add")
    try repo.git(["checkout", "-q", "main"])
    _ = try repo.gloss(["edit", ids[0], "--color", "blue", "--tag", "mine"])
    _ = try repo.gloss(["edit", ids[2], "--tag", "third"])
    let ours = try repo.add("Another sentence there")
    try repo.commit("main: colour, tag, add")

    let merge = try repo.git(["merge", "-q", "--no-edit", "other"])
    #expect(merge.status == 0, "\(merge.stdout)\(merge.stderr)")
    let merged = try repo.annotations()
    #expect(Set(merged.keys) == [ids[0], ids[2], theirs, ours])
    #expect(merged[ids[0]]?["note"] as? String == "from other")
    #expect(merged[ids[0]]?["color"] as? String == "blue")
    #expect(merged[ids[0]]?["tags"] as? [String] == ["mine", "shared"])
    #expect(merged[ids[2]]?["tags"] as? [String] == ["third"])
    let status = try repo.git(["status", "--porcelain"])
    #expect(status.stdout.isEmpty, "merged and committed: \(status.stdout)")
    let listed = try repo.gloss(["annotations"])
    #expect(listed.stdout.contains("from other"), "gloss reads the merged store")
  }

  /// Both branches create the store: git gives the driver an empty file as the ancestor.
  @Test func storesAddedOnBothBranchesMergeFromAnEmptyAncestor() throws {
    let (repo, none) = try makeRepo(quotes: [])
    defer { try? FileManager.default.removeItem(at: repo.root) }
    #expect(none.isEmpty && !FileManager.default.fileExists(atPath: repo.store.path))
    try repo.git(["checkout", "-q", "-b", "other"])
    let theirs = try repo.add("a fourth")
    try repo.commit("other: first annotation")
    try repo.git(["checkout", "-q", "main"])
    let ours = try repo.add("One sentence")
    try repo.commit("main: first annotation")
    let merge = try repo.git(["merge", "-q", "--no-edit", "other"])
    #expect(merge.status == 0, "\(merge.stdout)\(merge.stderr)")
    #expect(Set(try repo.annotations().keys) == [ours, theirs])
  }

  @Test func gitMergeReportsANoteChangedOnBothBranchesAsAConflict() throws {
    let (repo, ids) = try makeRepo()
    defer { try? FileManager.default.removeItem(at: repo.root) }
    try repo.git(["checkout", "-q", "-b", "other"])
    _ = try repo.gloss(["edit", ids[1], "--note", "their reading"])
    try repo.commit("other: note")
    try repo.git(["checkout", "-q", "main"])
    _ = try repo.gloss(["edit", ids[1], "--note", "my reading"])
    _ = try repo.gloss(["edit", ids[0], "--color", "green"])
    try repo.commit("main: note")

    let merge = try repo.git(["merge", "-q", "--no-edit", "other"])
    #expect(merge.status != 0, "git stops for the conflict")
    #expect(
      merge.stderr.contains("merge conflict:") && merge.stderr.contains("note changed on both sides"), "\(merge.stderr)"
    )
    let unmerged = try repo.git(["diff", "--name-only", "--diff-filter=U"])
    #expect(unmerged.stdout == ".gloss/annotations.json\n")
    let merged = try repo.annotations()
    #expect(Set(merged.keys) == Set(ids), "the file is valid and holds everything")
    let note = try #require(merged[ids[1]]?["note"] as? String)
    #expect(note.hasPrefix("my reading\n<<<<<<< theirs") && note.contains("\ntheir reading\n>>>>>>>"), "\(note)")
    #expect(merged[ids[0]]?["color"] as? String == "green")
    // The user fixes the note and commits the merge.
    _ = try repo.gloss(["edit", ids[1], "--note", "our reading"])
    try repo.commit("merge")
    #expect(try repo.git(["status", "--porcelain"]).stdout.isEmpty)
  }

  @Test func mergeLeavesOursAloneWhenAnInputCannotBeRead() throws {
    let folder = try makeLibrary(files: ["a.txt": "x\n"])
    defer { try? FileManager.default.removeItem(at: folder) }
    let ours = folder.appendingPathComponent("ours.json")
    let oursText = #"{"version": 1, "annotations": [], "deleted": [], "mine": true}"#
    try Data(oursText.utf8).write(to: ours)
    let broken = folder.appendingPathComponent("theirs.json")
    try Data("{\"version\": 1, \"annotations\": [}".utf8).write(to: broken)
    let base = folder.appendingPathComponent("base.json")
    try Data().write(to: base)
    let r = try runGloss(["merge", base.path, ours.path, broken.path])
    #expect(r.status == 2)
    #expect(r.stderr.hasPrefix("gloss: merge: ") && r.stderr.contains(broken.path), "\(r.stderr)")
    #expect(try String(contentsOf: ours, encoding: .utf8) == oursText)
    let newer = try runGloss(["merge", base.path, ours.path, ours.path + ".missing"])
    #expect(newer.status == 2)
    let clean = try runGloss(["merge", base.path, ours.path, base.path])
    #expect(clean.status == 0, "\(clean.stderr)")
    #expect(try String(contentsOf: ours, encoding: .utf8).contains("\"mine\" : true"), "unknown fields are kept")
  }
}

import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Where a key binding applies. The focused context is looked up first, then `global`.
public enum KeyContext: String, CaseIterable, Sendable {
  case global, list, reader, help
}

/// A bad line in a keymap file, reported as `FILE:LINE: what is wrong, expected …`.
public struct KeymapError: Error, CustomStringConvertible, Equatable {
  public var file: String
  public var line: Int
  public var message: String
  public var description: String { "\(file):\(line): \(message)" }
}

/// Key bindings per context.
public struct Keymap: Sendable, Equatable {
  public private(set) var bindings: [KeyContext: [KeyChord: Command]] = [:]
  /// When each binding was made, so the help lists keys in the order they were declared.
  private var order: [KeyContext: [KeyChord: Int]] = [:]
  private var sequence = 0

  public init() {}

  public static func == (a: Keymap, b: Keymap) -> Bool { a.bindings == b.bindings }

  /// The built-in defaults, following less and vim. keymap.conf at the repository root
  /// documents exactly these (a test keeps the two equal).
  public static let defaults: Keymap = {
    var map = Keymap()
    func bind(_ context: KeyContext, _ keys: [String], _ command: Command) {
      for name in keys { map.bind(KeyChord(name: name)!, to: command, in: context) }
    }
    bind(.global, ["q"], .quit)
    bind(.global, ["?", "<F1>"], .help)
    bind(.global, ["<Tab>"], .switchPane)
    bind(.global, ["<C-l>"], .redraw)
    bind(.global, ["<Esc>"], .cancel)
    bind(.global, ["/"], .search)
    bind(.global, ["n"], .searchNext)
    bind(.global, ["N"], .searchPrevious)
    bind(.global, ["A"], .toggleAnnotationList)
    bind(.global, ["T"], .filterByTag)
    bind(.global, ["E"], .export)
    bind(.global, ["S"], .searchLibrary)

    bind(.reader, ["j", "<Down>", "<Enter>", "e", "<C-e>"], .lineDown)
    bind(.reader, ["k", "<Up>", "<C-y>"], .lineUp)
    bind(.reader, ["<Space>", "<PageDown>", "<C-f>"], .pageDown)
    bind(.reader, ["<PageUp>", "<C-b>"], .pageUp)
    bind(.reader, ["<C-d>"], .halfPageDown)
    bind(.reader, ["<C-u>"], .halfPageUp)
    bind(.reader, ["g", "<Home>", "<lt>"], .top)
    bind(.reader, ["G", "<End>", "<gt>"], .bottom)
    bind(.reader, ["w", "<Right>"], .wordNext)
    bind(.reader, ["b", "<Left>"], .wordPrevious)
    bind(.reader, [")"], .sentenceNext)
    bind(.reader, ["("], .sentencePrevious)
    bind(.reader, ["}"], .paragraphNext)
    bind(.reader, ["{"], .paragraphPrevious)
    bind(.reader, [":"], .goToParagraph)
    bind(.reader, ["%"], .goToPercent)
    bind(.reader, ["m"], .setMark)
    bind(.reader, ["'", "`"], .goToMark)
    bind(.reader, ["<C-o>"], .jumpOlder)
    bind(.reader, ["<C-n>"], .jumpNewer)
    bind(.reader, ["O"], .outline)
    bind(.reader, ["v"], .select)
    bind(.reader, ["s"], .selectSentence)
    bind(.reader, ["V"], .selectParagraph)
    bind(.reader, ["h"], .highlight)
    bind(.reader, ["c"], .color)
    bind(.reader, ["t"], .tag)
    bind(.reader, ["a"], .note)
    bind(.reader, ["d"], .deleteAnnotation)
    bind(.reader, ["u"], .undo)
    bind(.reader, ["<C-r>"], .redo)
    bind(.reader, ["]"], .nextAnnotation)
    bind(.reader, ["["], .previousAnnotation)
    // Links and the clipboard: `f` follows a link (page-down stays on Space, <C-f>,
    // <PageDown>); `y` copies a selection and otherwise scrolls up a line as in less.
    bind(.reader, ["f"], .followLink)
    bind(.reader, ["y"], .copy)
    bind(.reader, ["Y"], .copyWithNote)

    bind(.list, ["j", "<Down>"], .lineDown)
    bind(.list, ["k", "<Up>"], .lineUp)
    bind(.list, ["<Space>", "<PageDown>", "<C-f>"], .pageDown)
    bind(.list, ["<PageUp>", "<C-b>"], .pageUp)
    bind(.list, ["g", "<Home>"], .top)
    bind(.list, ["G", "<End>"], .bottom)
    bind(.list, ["<Enter>", "l", "<Right>"], .openArticle)
    bind(.list, ["/"], .filterList)
    bind(.list, ["o"], .sortList)
    // Editing the annotation under the cursor of the annotation (A) and tag (T) lists.
    bind(.list, ["d"], .deleteAnnotation)
    bind(.list, ["t"], .tag)
    bind(.list, ["a"], .note)
    bind(.list, ["c"], .color)
    bind(.list, ["u"], .undo)
    bind(.list, ["<C-r>"], .redo)
    bind(.list, ["y"], .copy)
    bind(.list, ["Y"], .copyWithNote)

    bind(.help, ["j", "<Down>"], .lineDown)
    bind(.help, ["k", "<Up>"], .lineUp)
    bind(.help, ["<Space>", "<PageDown>"], .pageDown)
    bind(.help, ["<PageUp>", "b"], .pageUp)
    bind(.help, ["q", "?", "<Esc>", "<F1>"], .help)
    return map
  }()

  public mutating func bind(_ key: KeyChord, to command: Command, in context: KeyContext) {
    bindings[context, default: [:]][key] = command
    sequence += 1
    order[context, default: [:]][key] = sequence
  }

  public mutating func unbind(_ key: KeyChord, in context: KeyContext) {
    bindings[context]?[key] = nil
    order[context]?[key] = nil
  }

  /// The command for a key: the given context first, then `global` (except in `help`,
  /// which is modal).
  public func command(for key: KeyChord, in context: KeyContext) -> Command? {
    if let command = bindings[context]?[key] { return command }
    if context == .help { return nil }
    return bindings[.global]?[key]
  }

  /// Keys bound to a command in one context, in a stable order for the help.
  public func keys(for command: Command, in context: KeyContext) -> [KeyChord] {
    let seq = order[context] ?? [:]
    return (bindings[context] ?? [:]).filter { $0.value == command }.map(\.key)
      .sorted { (seq[$0] ?? 0, $0.description) < (seq[$1] ?? 0, $1.description) }
  }

  // MARK: - keymap.conf

  /// Applies the directives of a keymap file on top of `base` (a file overrides only what it
  /// names). Throws the first bad line as `FILE:LINE: …, expected …`.
  public static func parse(_ text: String, file: String, base: Keymap = .defaults) throws -> Keymap {
    var map = base
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      let words = stripComment(line).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      guard let verb = words.first else { continue }
      func fail(_ message: String) -> KeymapError {
        KeymapError(file: file, line: lineNumber, message: message)
      }
      switch verb {
      case "bind":
        guard words.count == 4 else {
          throw fail("'bind' takes a context, keys and a command, expected 'bind <context> <key>[,<key>…] <command>'")
        }
        let context = try parseContext(words[1], fail)
        let keys = try parseKeys(words[2], fail)
        guard let command = Command(rawValue: words[3]) else {
          var message = "unknown command '\(words[3])'"
          if let suggestion = suggest(words[3], among: Command.allCases.map(\.rawValue)) {
            message += " (did you mean '\(suggestion)'?)"
          }
          throw fail(message + ", expected one of the commands listed by 'gloss --help' and in keymap.conf")
        }
        for key in keys { map.bind(key, to: command, in: context) }
      case "unbind":
        guard words.count == 3 else {
          throw fail("'unbind' takes a context and keys, expected 'unbind <context> <key>[,<key>…]'")
        }
        let context = try parseContext(words[1], fail)
        for key in try parseKeys(words[2], fail) { map.unbind(key, in: context) }
      default:
        var message = "unknown directive '\(verb)'"
        if let suggestion = suggest(verb, among: ["bind", "unbind"]) {
          message += " (did you mean '\(suggestion)'?)"
        }
        throw fail(message + ", expected 'bind', 'unbind' or a '#' comment")
      }
    }
    return map
  }

  /// A `#` that starts a word begins a comment; a `#` key is written `<Hash>`.
  static func stripComment(_ line: Substring) -> Substring {
    var previous: Character = " "
    for index in line.indices {
      let c = line[index]
      if c == "#" && (previous == " " || previous == "\t") { return line[..<index] }
      previous = c
    }
    return line
  }

  static func parseContext(_ word: String, _ fail: (String) -> KeymapError) throws -> KeyContext {
    if let context = KeyContext(rawValue: word) { return context }
    let names = KeyContext.allCases.map(\.rawValue)
    var message = "unknown context '\(word)'"
    if let suggestion = suggest(word, among: names) { message += " (did you mean '\(suggestion)'?)" }
    throw fail(message + ", expected one of: " + names.joined(separator: ", "))
  }

  static func parseKeys(_ word: String, _ fail: (String) -> KeymapError) throws -> [KeyChord] {
    var keys: [KeyChord] = []
    for name in word.split(separator: ",", omittingEmptySubsequences: false) {
      guard !name.isEmpty else {
        throw fail("empty key name in '\(word)', expected keys separated by commas (write a comma key as <Comma>)")
      }
      guard let key = KeyChord(name: String(name)) else {
        throw fail(
          "unknown key '\(name)', expected a single character or a name like <C-f>, <Space>, <Tab>, <Enter>, <Esc>, <Up>, <PageDown>, <F1>"
        )
      }
      keys.append(key)
    }
    return keys
  }

  /// The closest name within a small edit distance, for "did you mean".
  static func suggest(_ word: String, among names: [String]) -> String? {
    let scored = names.map { ($0, editDistance(word.lowercased(), $0)) }.min { $0.1 < $1.1 }
    guard let (name, distance) = scored, distance <= max(2, word.count / 3) else { return nil }
    return name
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    EditDistance.levenshtein(Array(a), Array(b))
  }

  /// keymap.conf text for a keymap (used to generate and check the shipped file).
  public func conf() -> String {
    var out = ""
    for context in KeyContext.allCases {
      out += "\n# \(context.rawValue)\n"
      for command in Command.allCases {
        let keys = keys(for: command, in: context)
        guard !keys.isEmpty else { continue }
        out += "bind \(context.rawValue) \(keys.map(\.description).joined(separator: ",")) \(command.rawValue)\n"
      }
    }
    return out
  }
}

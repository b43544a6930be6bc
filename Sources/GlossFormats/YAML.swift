import CYAML

/// YAML through libyaml (the reference YAML 1.1 parser and emitter), for front matter: the
/// top-level mapping of a document read (`mapping`), and a block mapping of text and lists
/// written (`blockMapping`). Not Yams: it links Foundation's regular expressions and formatters,
/// and with them ICU, into the binary.
///
/// Reading is event by event (libyaml's parser keeps its own stack), so deep nesting cannot
/// exhaust ours; nested mappings and sequences are skipped by depth; an alias stands for the
/// scalar it names and is never expanded otherwise (no "billion laughs").
public enum YAML {
  /// A scalar's text as written in the document (escapes and folding resolved), and whether it
  /// was plain (unquoted, not a block scalar): only plain scalars can be null.
  public struct Scalar: Equatable, Sendable {
    public var text: String
    public var isPlain: Bool

    public init(_ text: String, isPlain: Bool) {
      self.text = text
      self.isPlain = isPlain
    }

    /// YAML 1.1's null: an empty or `~`/`null` plain scalar.
    public var isNull: Bool { isPlain && ["", "~", "null", "Null", "NULL"].contains(text) }
  }

  /// A value in the top-level mapping.
  public enum Value: Equatable, Sendable {
    case scalar(Scalar)
    /// A sequence's scalar items (nested mappings and sequences in it left out).
    case sequence([Scalar])
    /// A nested mapping, or an alias to anything but a scalar.
    case other
  }

  /// The top-level mapping's entries in document order, keys as written (duplicates kept);
  /// entries whose key is not a scalar are left out. Empty for an empty document; nil when the
  /// first document is not a mapping, or libyaml finds it malformed. Only the first document
  /// is read.
  public static func mapping(_ yaml: String) -> [(key: String, value: Value)]? {
    guard !yaml.isEmpty else { return [] }  // (libyaml asserts that its input is not null)
    var yaml = yaml
    return yaml.withUTF8 { bytes in
      guard let reader = EventReader(bytes) else { return nil }
      defer { reader.close() }
      return try? reader.topLevelMapping()
    }
  }

  /// A value written by `blockMapping`.
  public enum Written: Equatable, Sendable {
    /// A double-quoted scalar.
    case text(String)
    /// A flow sequence of double-quoted scalars.
    case list([String])
  }

  /// A block mapping of plain keys to double-quoted scalars and flow lists of them, one entry
  /// a line, with no line width limit and non-ASCII characters unescaped (libyaml still escapes
  /// control characters), ending in a line break. Nil if libyaml refuses an event.
  public static func blockMapping(_ entries: [(key: String, value: Written)]) -> String? {
    guard let emitter = Emitter() else { return nil }
    defer { emitter.close() }
    var ok = emitter.emit { yaml_stream_start_event_initialize(&$0, YAML_UTF8_ENCODING) }
    ok = ok && emitter.emit { yaml_document_start_event_initialize(&$0, nil, nil, nil, 1) }
    ok = ok && emitter.emit { yaml_mapping_start_event_initialize(&$0, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE) }
    for (key, value) in entries where ok {
      ok = emitter.scalar(key, YAML_ANY_SCALAR_STYLE)
      switch value {
      case .text(let text):
        ok = ok && emitter.scalar(text, YAML_DOUBLE_QUOTED_SCALAR_STYLE)
      case .list(let items):
        ok = ok && emitter.emit { yaml_sequence_start_event_initialize(&$0, nil, nil, 1, YAML_FLOW_SEQUENCE_STYLE) }
        for item in items where ok { ok = emitter.scalar(item, YAML_DOUBLE_QUOTED_SCALAR_STYLE) }
        ok = ok && emitter.emit { yaml_sequence_end_event_initialize(&$0) }
      }
    }
    ok = ok && emitter.emit { yaml_mapping_end_event_initialize(&$0) }
    ok = ok && emitter.emit { yaml_document_end_event_initialize(&$0, 1) }
    ok = ok && emitter.emit { yaml_stream_end_event_initialize(&$0) }
    guard ok else { return nil }
    return String(decoding: emitter.output.pointee, as: UTF8.self)
  }
}

extension YAML {
  /// libyaml reported an error, or the events are not what a document can be.
  struct Malformed: Error {}

  /// What an anchor names: a scalar, or a mapping or sequence (which an alias does not expand).
  enum Anchored {
    case scalar(Scalar)
    case collection
  }

  /// libyaml's events, one at a time, as Swift values; anchors are recorded on the way.
  /// The bytes must outlive the reader.
  final class EventReader {
    enum Event {
      case streamStart, streamEnd, documentStart, documentEnd
      case scalar(Scalar)
      case alias(Anchored)
      case sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    let parser: UnsafeMutablePointer<yaml_parser_t>
    var anchors: [String: Anchored] = [:]

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
      guard let base = bytes.baseAddress else { return nil }
      parser = .allocate(capacity: 1)
      guard yaml_parser_initialize(parser) == 1 else {
        parser.deallocate()
        return nil
      }
      yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(parser, base, bytes.count)
    }

    func close() {
      yaml_parser_delete(parser)
      parser.deallocate()
    }

    func next() throws(Malformed) -> Event {
      var event = yaml_event_t()
      guard yaml_parser_parse(parser, &event) == 1 else { throw Malformed() }
      defer { yaml_event_delete(&event) }
      switch event.type {
      case YAML_STREAM_START_EVENT: return .streamStart
      case YAML_STREAM_END_EVENT: return .streamEnd
      case YAML_DOCUMENT_START_EVENT: return .documentStart
      case YAML_DOCUMENT_END_EVENT: return .documentEnd
      case YAML_SCALAR_EVENT:
        let data = event.data.scalar
        let text = String(decoding: UnsafeBufferPointer(start: data.value, count: Int(data.length)), as: UTF8.self)
        let scalar = Scalar(text, isPlain: data.style == YAML_PLAIN_SCALAR_STYLE)
        if let anchor = Self.string(data.anchor) { anchors[anchor] = .scalar(scalar) }
        return .scalar(scalar)
      case YAML_ALIAS_EVENT:
        // An alias to an anchor not (yet) defined is an error, as in libyaml's own loader.
        guard let name = Self.string(event.data.alias.anchor), let target = anchors[name] else { throw Malformed() }
        return .alias(target)
      case YAML_SEQUENCE_START_EVENT:
        if let anchor = Self.string(event.data.sequence_start.anchor) { anchors[anchor] = .collection }
        return .sequenceStart
      case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
      case YAML_MAPPING_START_EVENT:
        if let anchor = Self.string(event.data.mapping_start.anchor) { anchors[anchor] = .collection }
        return .mappingStart
      case YAML_MAPPING_END_EVENT: return .mappingEnd
      default: throw Malformed()
      }
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
      pointer.map { String(cString: $0) }
    }

    /// See `YAML.mapping`.
    func topLevelMapping() throws(Malformed) -> [(key: String, value: Value)]? {
      guard case .streamStart = try next() else { throw Malformed() }
      switch try next() {
      case .streamEnd: return []  // no document: empty, or only comments
      case .documentStart: break
      default: throw Malformed()
      }
      switch try next() {
      case .mappingStart: break
      case .scalar(let root) where root.isPlain && root.text.isEmpty:
        // `---` alone: a document with nothing in it.
        guard case .documentEnd = try next() else { throw Malformed() }
        return []
      default: return nil
      }
      var entries: [(key: String, value: Value)] = []
      while true {
        let key: String?
        switch try next() {
        case .mappingEnd:
          guard case .documentEnd = try next() else { throw Malformed() }
          return entries
        case .scalar(let scalar), .alias(.scalar(let scalar)): key = scalar.text
        case .alias(.collection): key = nil
        case .sequenceStart, .mappingStart:
          try skipCollection()
          key = nil
        default: throw Malformed()
        }
        let value = try value()
        if let key { entries.append((key, value)) }
      }
    }

    func value() throws(Malformed) -> Value {
      switch try next() {
      case .scalar(let scalar), .alias(.scalar(let scalar)): return .scalar(scalar)
      case .alias(.collection): return .other
      case .mappingStart:
        try skipCollection()
        return .other
      case .sequenceStart:
        var items: [Scalar] = []
        while true {
          switch try next() {
          case .sequenceEnd: return .sequence(items)
          case .scalar(let scalar), .alias(.scalar(let scalar)): items.append(scalar)
          case .alias(.collection): break
          case .sequenceStart, .mappingStart: try skipCollection()
          default: throw Malformed()
          }
        }
      default: throw Malformed()
      }
    }

    /// Reads past the end of a mapping or sequence whose start was just read, however deep.
    func skipCollection() throws(Malformed) {
      var depth = 1
      while depth > 0 {
        switch try next() {
        case .sequenceStart, .mappingStart: depth += 1
        case .sequenceEnd, .mappingEnd: depth -= 1
        case .scalar, .alias: break
        default: throw Malformed()
        }
      }
    }
  }

  /// libyaml's emitter writing into a Swift byte buffer.
  final class Emitter {
    let emitter: UnsafeMutablePointer<yaml_emitter_t>
    let output: UnsafeMutablePointer<[UInt8]>

    init?() {
      emitter = .allocate(capacity: 1)
      guard yaml_emitter_initialize(emitter) == 1 else {
        emitter.deallocate()
        return nil
      }
      output = .allocate(capacity: 1)
      output.initialize(to: [])
      yaml_emitter_set_output(
        emitter,
        { data, buffer, size in
          guard let data, let buffer else { return 0 }
          data.assumingMemoryBound(to: [UInt8].self).pointee.append(
            contentsOf: UnsafeBufferPointer(start: buffer, count: size))
          return 1
        }, output)
      yaml_emitter_set_encoding(emitter, YAML_UTF8_ENCODING)
      yaml_emitter_set_width(emitter, -1)
      yaml_emitter_set_unicode(emitter, 1)
      yaml_emitter_set_break(emitter, YAML_LN_BREAK)
    }

    func close() {
      yaml_emitter_delete(emitter)
      emitter.deallocate()
      output.deinitialize(count: 1)
      output.deallocate()
    }

    /// Makes an event with `initialize` and emits it (libyaml owns and frees the event from
    /// then on, whatever the outcome).
    func emit(_ initialize: (inout yaml_event_t) -> Int32) -> Bool {
      var event = yaml_event_t()
      guard initialize(&event) == 1 else { return false }
      return yaml_emitter_emit(emitter, &event) == 1
    }

    /// A scalar with no tag (implicit either plain or quoted), in `style` if libyaml can.
    func scalar(_ text: String, _ style: yaml_scalar_style_t) -> Bool {
      let count = text.utf8.count
      guard count < Int(Int32.max) else { return false }
      return text.withCString { value in
        value.withMemoryRebound(to: yaml_char_t.self, capacity: count + 1) { value in
          emit { yaml_scalar_event_initialize(&$0, nil, nil, value, Int32(count), 1, 1, style) }
        }
      }
    }
  }
}

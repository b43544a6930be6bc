/// Word wrapping by display width.
///
/// One greedy line breaker serves both the whole-paragraph `wrap` and the lazy layout of very
/// long paragraphs, which resumes it from any line start it has seen (`LineStart`): the lines
/// after a line start depend on nothing before it, so a paragraph wrapped piecewise from such
/// checkpoints gives exactly the lines of one wrap from its start.
///
/// The breaker reads the text's UTF-8 bytes. A scalar that is a grapheme cluster by itself
/// whatever its neighbours (printable ASCII, CJK, kana, Hangul syllables, Latin, Greek and
/// Cyrillic letters, common punctuation; see `isSimple`) and is followed by another such
/// scalar is measured without building a `Character`; everything else goes through
/// `Character` and `Glyph`, as before.
public enum TextWrapper {
  /// Breaking spaces (`TextScan.isBreakingSpace`); no-break spaces keep words together.
  @inlinable
  public static func isBreakingSpace(_ c: Character) -> Bool { TextScan.isBreakingSpace(c) }

  @inlinable
  public static func isBreakingSpace(_ s: Unicode.Scalar) -> Bool { TextScan.isBreakingSpace(s) }

  /// Where a line starts: a UTF-8 offset in the text's string (`Substring.base`) and the
  /// scalar offset that goes with it.
  public struct LineStart: Sendable, Equatable {
    public var byte: Int
    public var scalar: Int
    public init(byte: Int, scalar: Int) {
      self.byte = byte
      self.scalar = scalar
    }
  }

  /// Columns drawn after a scalar that are not text (a link's number): the cluster that ends at
  /// `scalar` (scalars from the text's start) is that much wider, so the decoration stays
  /// with its word and the line still fits.
  public struct Extra: Sendable, Equatable {
    public var scalar: Int
    public var width: Int
    public init(scalar: Int, width: Int) {
      self.scalar = scalar
      self.width = width
    }
  }

  /// One wrapped line: UTF-8 offsets in the text's string, its first scalar and its width.
  public struct Span: Sendable, Equatable {
    public var start: LineStart
    public var endByte: Int
    public var width: Int
  }

  /// Wraps `text` into lines of at most `width` columns. Lines break at spaces (which are
  /// dropped at the break); a word longer than a line is broken between grapheme clusters.
  /// A grapheme cluster is never split.
  public static func wrap(
    _ text: Substring, scalarStart: Int?, width: Int, style: LayoutLine.Style, extras: [Extra] = []
  ) -> [LayoutLine] {
    var lines: [LayoutLine] = []
    let start = LineStart(byte: text.startIndex.byteOffset(in: text.base), scalar: 0)
    spans(of: text, from: start, width: width, extras: extras) { span in
      lines.append(line(span, of: text, scalarStart: scalarStart, style: style))
      return true
    }
    return lines
  }

  /// The line a span stands for.
  public static func line(
    _ span: Span, of text: Substring, scalarStart: Int?, style: LayoutLine.Style
  ) -> LayoutLine {
    let utf8 = text.base.utf8
    let lo = utf8.index(utf8.startIndex, offsetBy: span.start.byte)
    let hi = utf8.index(utf8.startIndex, offsetBy: span.endByte)
    let start = scalarStart.map { $0 + span.start.scalar }
    return LayoutLine(text: text.base[lo..<hi], scalarStart: start, width: span.width, style: style)
  }

  /// Calls `visit` with each line of `text` from `start` (the text's start, or a line start
  /// an earlier call reported; scalars count from the text's start) until `visit` returns
  /// false. A text with no line at all (empty, or only spaces) has one empty line. Returns
  /// true when it reached the end of the text.
  @discardableResult
  public static func spans(
    of text: Substring, from start: LineStart, width: Int, extras: [Extra] = [], _ visit: (Span) -> Bool
  ) -> Bool {
    let run = { (bytes: UnsafeBufferPointer<UInt8>) -> Bool in
      var breaker = Breaker(text: text, bytes: bytes, width: max(1, width), extras: extras)
      return breaker.run(from: start, visit)
    }
    if let done = text.base.utf8.withContiguousStorageIfAvailable(run) { return done }
    let copy = Array(text.base.utf8)
    return copy.withUnsafeBufferPointer(run)
  }

  /// A scalar that forms a grapheme cluster on its own when the next scalar is ASCII or
  /// another such scalar (Grapheme_Cluster_Break=Other, not pictographic, not a jamo), and
  /// that `Glyph` shows as itself with wcwidth's width.
  @inlinable
  static func isSimple(_ v: UInt32) -> Bool {
    switch v {
    case 0xA0...0xAC, 0xAE...0x24F, 0x370...0x3FF, 0x400...0x482, 0x48A...0x52F: return true
    case 0x2010...0x2027, 0x2030...0x203B, 0x203D...0x2048, 0x204A...0x205F: return true
    case 0x3000...0x3029, 0x3030...0x3096, 0x309B...0x30FF: return true
    case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF01...0xFF60: return true
    default: return false
    }
  }

  struct Breaker {
    let text: Substring
    let bytes: UnsafeBufferPointer<UInt8>
    let width: Int
    let end: Int
    /// Sorted by scalar.
    let extras: [Extra]

    init(text: Substring, bytes: UnsafeBufferPointer<UInt8>, width: Int, extras: [Extra] = []) {
      self.text = text
      self.bytes = bytes
      self.width = width
      self.extras = extras
      end = text.endIndex.byteOffset(in: text.base)
    }

    /// One grapheme cluster: where the next starts, its scalars and width, and what it is.
    struct Cluster {
      var next: Int
      var scalars: Int
      var width: Int
      var isSpace: Bool
      var isNewline: Bool
    }

    @inline(__always)
    func cluster(at i: Int) -> Cluster {
      let b = bytes[i]
      if b < 0x80 {
        if i + 1 == end || bytes[i + 1] < 0x80 || followedBySimple(i + 1) {
          if b >= 0x20 && b < 0x7F {
            return Cluster(next: i + 1, scalars: 1, width: 1, isSpace: b == 0x20, isNewline: false)
          }
          if b == 0x09 { return Cluster(next: i + 1, scalars: 1, width: 1, isSpace: true, isNewline: false) }
          if b == 0x0A { return Cluster(next: i + 1, scalars: 1, width: 0, isSpace: false, isNewline: true) }
        }
      } else {
        let (s, n) = TextScan.scalar(bytes, at: i)
        if isSimple(s.value) && (i + n == end || bytes[i + n] < 0x80 || followedBySimple(i + n)) {
          let w = DisplayWidth.of(scalar: s)
          if w >= 0 {
            return Cluster(next: i + n, scalars: 1, width: w, isSpace: TextScan.isBreakingSpace(s), isNewline: false)
          }
        }
      }
      return slowCluster(at: i)
    }

    @inline(__always)
    func followedBySimple(_ i: Int) -> Bool {
      bytes[i] >= 0xC0 && isSimple(TextScan.scalar(bytes, at: i).0.value)
    }

    func slowCluster(at i: Int) -> Cluster {
      let utf8 = text.base.utf8
      let index = utf8.index(utf8.startIndex, offsetBy: i)
      let character = text[index]
      let next = text.index(after: index).byteOffset(in: text.base)
      return Cluster(
        next: next, scalars: character.unicodeScalars.count, width: Glyph(character).width,
        isSpace: TextScan.isBreakingSpace(character), isNewline: character == "\n")
    }

    /// The greedy wrap, from a line start.
    mutating func run(from start: LineStart, _ visit: (Span) -> Bool) -> Bool {
      var lineStart: LineStart?
      var lineWidth = 0
      var breakEnd: (byte: Int, width: Int)?
      var wordStart: (start: LineStart, width: Int)?
      var previousWasSpace = false
      var emitted = false
      var i = start.byte
      var scalar = start.scalar
      // The next extra after the line start (Int.max when none is left).
      var nextExtra = extras.partitioningIndex { $0.scalar <= start.scalar }
      var extraAt = nextExtra < extras.count ? extras[nextExtra].scalar : Int.max

      func emit(_ from: LineStart, _ to: Int, _ w: Int) -> Bool {
        emitted = true
        return visit(Span(start: from, endByte: to, width: w))
      }

      while i < end {
        // The hot path, within a line of ASCII text: a letter that fits, or a space after a
        // letter; each does exactly what the general steps below would.
        if lineStart != nil, i + 1 < end, bytes[i + 1] < 0x80, scalar + 1 < extraAt {
          let b = bytes[i]
          if b > 0x20 && b < 0x7F && !previousWasSpace && lineWidth < width {
            lineWidth += 1
            i += 1
            scalar += 1
            continue
          }
          if b == 0x20 && !previousWasSpace {
            breakEnd = (i, lineWidth)
            previousWasSpace = true
            lineWidth += 1
            i += 1
            scalar += 1
            continue
          }
        }
        var c = cluster(at: i)
        while scalar + c.scalars >= extraAt {
          c.width += extras[nextExtra].width
          nextExtra += 1
          extraAt = nextExtra < extras.count ? extras[nextExtra].scalar : Int.max
        }
        defer {
          i = c.next
          scalar += c.scalars
        }
        if c.isNewline {
          // A hard line break (Markdown, <br>): end the line here.
          let here = LineStart(byte: i, scalar: scalar)
          if let from = lineStart {
            let more =
              previousWasSpace && breakEnd != nil
              ? emit(from, breakEnd!.byte, breakEnd!.width) : emit(from, i, lineWidth)
            if !more { return false }
          } else if !emit(here, i, 0) {
            return false
          }
          lineStart = nil
          previousWasSpace = false
          continue
        }
        if lineStart == nil {
          if c.isSpace { continue }
          lineStart = LineStart(byte: i, scalar: scalar)
          lineWidth = 0
          breakEnd = nil
          wordStart = nil
          previousWasSpace = false
        }
        if c.isSpace {
          if !previousWasSpace { breakEnd = (i, lineWidth) }
          previousWasSpace = true
          lineWidth += c.width
          continue
        }
        if previousWasSpace {
          wordStart = (LineStart(byte: i, scalar: scalar), lineWidth)
          previousWasSpace = false
        }
        if lineWidth + c.width > width {
          if let brk = breakEnd, let word = wordStart {
            if !emit(lineStart!, brk.byte, brk.width) { return false }
            lineStart = word.start
            lineWidth -= word.width
            breakEnd = nil
            wordStart = nil
          }
          if lineWidth + c.width > width && lineWidth > 0 {
            if !emit(lineStart!, i, lineWidth) { return false }
            lineStart = LineStart(byte: i, scalar: scalar)
            lineWidth = 0
            breakEnd = nil
            wordStart = nil
          }
        }
        lineWidth += c.width
      }
      if let from = lineStart {
        let more =
          previousWasSpace && breakEnd != nil
          ? emit(from, breakEnd!.byte, breakEnd!.width) : emit(from, end, lineWidth)
        if !more { return false }
      }
      if !emitted && start.byte == text.startIndex.byteOffset(in: text.base) {
        _ = emit(start, start.byte, 0)
      }
      return true
    }
  }
}

extension String.Index {
  /// This index as a UTF-8 offset in `string` (constant time for native strings).
  @inlinable
  func byteOffset(in string: String) -> Int { string.utf8.distance(from: string.utf8.startIndex, to: self) }
}

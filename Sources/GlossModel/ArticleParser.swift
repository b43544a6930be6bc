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

/// Plain text to an `Article`: lines, paragraphs (blank-line separated, hard-wrapped prose
/// joined), words and the headline, in a few passes over the UTF-8 bytes.
enum ArticleParser {
  struct RawParagraph {
    var bytes: Range<Int>  // into the output buffer
    var scalarStart: Int
    var scalarCount: Int
  }

  static func parse(path: String, data: Data) -> Article {
    // Decode: invalid UTF-8 becomes U+FFFD.
    parse(path: path, text: String(decoding: data, as: UTF8.self))
  }

  /// Peak memory matters for a 10 MB article: the parser reads the decoded text's own UTF-8
  /// storage, and when the canonical text is byte for byte the input (the usual case for
  /// text with one blank line between paragraphs) it keeps that string instead of a copy.
  static func parse(path: String, text decoded: consuming String) -> Article {
    var source = decoded
    var lines: [Range<Int>] = []
    var out: [UInt8] = []
    var raws: [RawParagraph] = []
    var scalarTotal = 0
    var words = 0
    var sameAsInput = false
    source.withUTF8 { full in
      let buf = full.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: full[3...]) : full
      // Lines, as byte ranges without their terminators (LF, CRLF or CR).
      lines.reserveCapacity(buf.count / 60 + 1)
      var start = 0
      var i = 0
      let n = buf.count
      while i < n {
        let b = buf[i]
        if b == 0x0A {
          lines.append(start..<i)
          i += 1
          start = i
        } else if b == 0x0D {
          lines.append(start..<i)
          i += 1
          if i < n && buf[i] == 0x0A { i += 1 }
          start = i
        } else {
          i += 1
        }
      }
      if start < n { lines.append(start..<n) }

      out.reserveCapacity(buf.count + 16)

      func trimmed(_ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound
        var hi = r.upperBound
        while lo < hi, case (let s, let n) = TextScan.scalar(buf, at: lo), TextScan.isWhitespace(s) { lo += n }
        while hi > lo, case (let s, let n) = TextScan.scalar(buf, before: hi), TextScan.isWhitespace(s) { hi -= n }
        return lo..<hi
      }
      func scalars(_ r: Range<Int>) -> Int {
        var c = 0
        for i in r where buf[i] & 0xC0 != 0x80 { c += 1 }
        return c
      }
      var block: [Range<Int>] = []
      func emit(_ pieces: [Range<Int>]) {
        if !raws.isEmpty {
          out.append(0x0A)
          out.append(0x0A)
          scalarTotal += 2
        }
        let start = out.count
        let scalarStart = scalarTotal
        var count = 0
        var counter = TextScan.WordCounter()
        for (k, piece) in pieces.enumerated() {
          if k > 0 {
            out.append(0x20)
            count += 1
            counter.endWord()
          }
          // Count locally, then copy the bytes in one go (no per-byte access to captured state).
          for i in piece {
            let b = buf[i]
            if b < 0x80 {
              count += 1
              counter.addASCII(b)
            } else if b >= 0xC0 {
              count += 1
              counter.add(TextScan.scalar(buf, at: i).0)
            }
          }
          out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[piece]))
        }
        words += counter.words
        scalarTotal += count
        raws.append(RawParagraph(bytes: start..<out.count, scalarStart: scalarStart, scalarCount: count))
      }
      func flush() {
        guard !block.isEmpty else { return }
        let counts = block.map { scalars($0) }
        if isWrappedProse(counts, block, buf) {
          emit(block)
        } else {
          for line in block { emit([line]) }
        }
        block.removeAll(keepingCapacity: true)
      }
      for line in lines {
        let t = trimmed(line)
        if t.isEmpty {
          flush()
        } else {
          block.append(t)
        }
      }
      flush()
      sameAsInput =
        buf.count == full.count && out.count == buf.count
        && (buf.isEmpty || out.withUnsafeBufferPointer { memcmp($0.baseAddress!, buf.baseAddress!, buf.count) == 0 })
    }
    lines = []
    let text: String
    if sameAsInput {
      out = []
      text = source
    } else {
      source = ""
      text = String(decoding: out, as: UTF8.self)
      out = []
    }
    let utf8 = text.utf8
    var paragraphs: [Paragraph] = []
    paragraphs.reserveCapacity(raws.count)
    for raw in raws {
      let lo = utf8.index(utf8.startIndex, offsetBy: raw.bytes.lowerBound)
      let hi = utf8.index(utf8.startIndex, offsetBy: raw.bytes.upperBound)
      paragraphs.append(
        Paragraph(
          scalars: raw.scalarStart..<(raw.scalarStart + raw.scalarCount), indices: lo..<hi,
          kind: .body))
    }

    let titleResult = TitleFinder.find(text: text, paragraphs: paragraphs, path: path)
    if let index = titleResult.paragraph {
      paragraphs[index].kind = .title
      for i in 0..<index { paragraphs[i].kind = .preamble }
    }
    return Article(
      path: path, text: text, paragraphs: paragraphs, title: titleResult.title,
      titleParagraph: titleResult.paragraph, wordCount: words, scalarCount: scalarTotal)
  }

  /// Hard-wrapped prose: two or more lines, every line but the last of a similar, moderate
  /// length (as editors and mailers wrap), none of them a list item.
  static func isWrappedProse(
    _ counts: [Int], _ lines: [Range<Int>], _ buf: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    guard counts.count >= 2 else { return true }
    let body = counts.dropLast()
    guard let longest = counts.max(), longest <= 100 else { return false }
    for c in body where c < 30 || Double(c) < Double(longest) * 0.6 { return false }
    for line in lines.dropFirst() {
      // A following line that starts a list item or a quote is its own paragraph.
      let b = buf[line.lowerBound]
      if b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: ">") {
        return false
      }
    }
    return true
  }
}

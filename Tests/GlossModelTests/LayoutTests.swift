import Testing

@testable import GlossModel

func wrap(_ s: String, _ width: Int) -> [String] {
  TextWrapper.wrap(Substring(s), scalarStart: 0, width: width, style: .body).map { String($0.text) }
}

@Suite struct DisplayWidthTests {
  @Test func wideAndZeroWidthCharacters() {
    #expect(DisplayWidth.of("abc") == 3)
    #expect(DisplayWidth.of("中文") == 4)
    #expect(DisplayWidth.of("😀") == 2)
    #expect(DisplayWidth.of("e\u{301}") == 1)
    #expect(DisplayWidth.of("Ա՛") == 2)
    #expect(DisplayWidth.of("“quoted” — yes") == 14)
    #expect(DisplayWidth.of("فارسی") == 5)
  }

  @Test func controlCharactersAreShownVisibly() {
    #expect(Glyph("\u{1B}").text == "^[")
    #expect(Glyph("\u{1B}").isEscaped)
    #expect(Glyph("\u{07}").text == "^G")
    #expect(Glyph("\u{7F}").text == "^?")
    #expect(Glyph("\u{9B}").text == "<U+009B>")
    #expect(Glyph("\u{202E}").text == "<U+202E>")
    #expect(Glyph("\u{2067}").text == "<U+2067>")
    #expect("a\u{1B}[2Jb\u{1B}]0;pwned\u{07}".terminalSafe == "a^[[2Jb^[]0;pwned^G")
  }

  @Test func noUnsafeScalarSurvivesMakingSafe() {
    let nasty = "a\u{202E}b\u{0301}\u{1B}\u{0301}c\u{9B}31m\u{200F}\u{2066}x\u{0}"
    let safe = nasty.terminalSafe
    for scalar in safe.unicodeScalars {
      #expect(scalar.value >= 0x20 && !(0x7F..<0xA0).contains(scalar.value))
      #expect(Glyph.escape(scalar) == nil)
    }
  }
}

@Suite struct WrapTests {
  @Test func wrapsAtSpacesWithinTheWidth() {
    let lines = wrap("The quick brown fox jumps over the lazy dog", 10)
    #expect(lines == ["The quick", "brown fox", "jumps over", "the lazy", "dog"])
  }

  @Test func neverExceedsTheWidthWithWideCharacters() {
    let text = "中文字符测试中文字符测试 emoji 😀😀😀😀 and “curly” — Армянский Հայերեն"
    for width in 3...20 {
      for line in TextWrapper.wrap(Substring(text), scalarStart: 0, width: width, style: .body) {
        #expect(line.width <= width, "width \(width): \(line.text)")
        #expect(DisplayWidth.of(line.text) == line.width)
      }
    }
  }

  @Test func longWordsAreBroken() {
    #expect(wrap("abcdefghijkl mn", 5) == ["abcde", "fghij", "kl mn"])
  }

  @Test func graphemeClustersAreNeverSplit() {
    let family = "👨‍👩‍👧"
    let text = String(repeating: "e\u{301}", count: 7) + family + "🇦🇲"
    let lines = wrap(text, 3)
    #expect(lines.joined() == text)
    for line in lines {
      for c in line { #expect(text.contains(c)) }
    }
  }

  @Test func lineScalarOffsetsPointIntoTheText() {
    let text = "Հայերեն text — “quoted” words 中文 more words"
    for line in TextWrapper.wrap(Substring(text), scalarStart: 100, width: 9, style: .body) {
      let start = line.scalarStart! - 100
      let scalars = Array(text.unicodeScalars)
      let slice = String(String.UnicodeScalarView(scalars[start..<(start + line.text.unicodeScalars.count)]))
      #expect(slice == String(line.text))
    }
  }
}

@Suite struct ArticleLayoutTests {
  func sample(paragraphs: Int = 30) -> Article {
    var text = "A Headline For Testing the Layout\n\n"
    for i in 0..<paragraphs {
      text += "Paragraph \(i) " + String(repeating: "lorem ipsum dolor ", count: 12) + "end.\n\n"
    }
    return Article(path: "s.txt", string: text)
  }

  @Test func headerShowsTitleAndMeta() {
    let layout = ArticleLayout(article: sample(), width: 60)
    let header = layout.lines(ofBlock: 0)
    #expect(header.first?.text == "A Headline For Testing the Layout")
    #expect(header.first?.style == .title)
    #expect(header.last?.style == .meta)
    #expect(header.last?.text.contains("words") == true)
    #expect(layout.paragraph(forBlock: 1) == 1)
  }

  @Test func advanceAndBackAreInverse() {
    let layout = ArticleLayout(article: sample(), width: 40)
    let p = layout.advance(.top, by: 37)
    #expect(layout.advance(p, by: -37) == .top)
    #expect(layout.advance(.top, by: -5) == .top)
    #expect(layout.advance(layout.end, by: 10) == layout.end)
  }

  @Test func bottomTopShowsTheLastRow() {
    let layout = ArticleLayout(article: sample(), width: 40)
    let top = layout.bottomTop(height: 20)
    #expect(layout.advance(top, by: 19) == layout.end)
    #expect(layout.clampTop(layout.end, height: 20) == top)
  }

  @Test func resizeKeepsTheParagraph() {
    var layout = ArticleLayout(article: sample(), width: 40)
    let position = layout.advance(.top, by: 55)
    let offset = layout.scalarOffset(at: position)
    let paragraph = layout.paragraph(forBlock: position.block)
    layout.setWidth(25)
    let after = layout.position(forScalar: offset)
    #expect(layout.paragraph(forBlock: after.block) == paragraph)
    let line = layout.line(at: after)!
    #expect(line.scalarStart! <= offset && offset <= line.scalarEnd!)
  }

  @Test func layoutIsLazy() {
    let layout = ArticleLayout(article: sample(paragraphs: 5000), width: 60)
    var p = LayoutPosition.top
    for _ in 0..<30 { p = layout.advance(p, by: 1) }
    #expect(p.block < 10)
  }
}

@Suite struct SearchTests {
  @Test func findsForwardBackwardAndWraps() {
    let article = Article(path: "s.txt", string: "Alpha beta.\n\nGamma BETA delta.\n\nEpsilon beta.")
    let first = ArticleSearch.find("beta", in: article, from: -1, forward: true)!
    #expect(first.range == 6..<10)
    let second = ArticleSearch.find("beta", in: article, from: first.range.lowerBound, forward: true)!
    #expect(String(article.text.unicodeScalars.dropFirst(second.range.lowerBound).prefix(4)) == "BETA")
    let third = ArticleSearch.find("beta", in: article, from: second.range.lowerBound, forward: true)!
    let wrapped = ArticleSearch.find("beta", in: article, from: third.range.lowerBound, forward: true)!
    #expect(wrapped.wrapped)
    #expect(wrapped.range == first.range)
    let back = ArticleSearch.find("beta", in: article, from: first.range.lowerBound, forward: false)!
    #expect(back.range == third.range)
    #expect(ArticleSearch.find("zeta", in: article, from: 0, forward: true) == nil)
  }

  @Test func offsetsCountScalarsNotBytes() {
    let article = Article(path: "s.txt", string: "“Ա” 中文 😀 target")
    let found = ArticleSearch.find("target", in: article, from: -1, forward: true)!
    #expect(found.range.lowerBound == Array("“Ա” 中文 😀 ".unicodeScalars).count)
  }
}

/// `isBreakingSpace` compares scalar values (comparing `Character`s normalises both sides and
/// was most of the cost of wrapping); it must answer as the `Character` comparison did.
struct BreakingSpaceTests {
  static func reference(_ c: Character) -> Bool {
    switch c {
    case " ", "\t", "\u{3000}", "\u{2002}", "\u{2003}", "\u{2009}", "\u{200A}", "\u{2000}",
      "\u{2001}", "\u{2004}", "\u{2005}", "\u{2006}", "\u{2008}", "\u{205F}":
      return true
    default:
      return false
    }
  }

  @Test func answersAsTheCharacterComparisonDid() {
    var checked = 0
    for value in UInt32(0)...0x3100 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let c = Character(scalar)
      #expect(TextWrapper.isBreakingSpace(c) == Self.reference(c), "U+\(String(value, radix: 16))")
      checked += 1
    }
    // Clusters: a space with a combining mark is one character and not a breaking space.
    for text in [" \u{301}", "\u{3000}\u{FE0F}", "\r\n", "e\u{301}", "\u{2009}\u{200D}"] {
      let c = Character(text)
      #expect(
        TextWrapper.isBreakingSpace(c) == Self.reference(c),
        "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
    #expect(checked > 12_000)
    for noBreak: Character in ["\u{00A0}", "\u{2007}", "\u{202F}"] { #expect(!TextWrapper.isBreakingSpace(noBreak)) }
  }
}

import Testing

@testable import GlossModel

/// Tables laid out as aligned columns: widths by display width, alignment, the header rule,
/// shrinking and clipping, and the map from screen columns back to the text.
@Suite struct TableLayoutTests {
  func article(_ rows: [[String]], alignments: [TableShape.Alignment] = [], headerRows: Int = 1) -> Article {
    var builder = ArticleBuilder()
    builder.append(.init(text: "Intro."))
    builder.append(
      ArticleBuilder.table(
        rows: rows.map { $0.map { ArticleBuilder.Cell(text: $0) } },
        shape: TableShape(alignments: alignments, headerRows: headerRows)))
    return builder.build(path: "t.md", title: "Tables")
  }

  /// The table block's rows as drawn (prefix, pieces), trailing blanks kept.
  func drawn(_ layout: ArticleLayout) -> [String] {
    layout.lines(ofBlock: 2).map { line in line.prefix + line.drawnPieces.map { String($0.text) }.joined() }
  }

  @Test func columnsAreAsWideAsTheirWidestCellAndAligned() {
    let a = article(
      [["Name", "Size", "Mid"], ["a", "1", "x"], ["bbbbbb", "22", "yyy"]], alignments: [.left, .right, .center])
    let lines = drawn(ArticleLayout(article: a, width: 80))
    #expect(
      lines == [
        "Name   │ Size │ Mid",
        "───────┼──────┼────",
        "a      │    1 │  x",
        "bbbbbb │   22 │ yyy",
      ])
    let layout = ArticleLayout(article: a, width: 80)
    #expect(layout.lines(ofBlock: 2)[0].style == .table(header: true))
    #expect(layout.lines(ofBlock: 2)[2].style == .table(header: false))
  }

  @Test func wideCharactersCountTwoColumns() {
    let a = article([["語", "x"], ["日本語", "😀"], ["ab", "y"]], headerRows: 0)
    let lines = ArticleLayout(article: a, width: 80).lines(ofBlock: 2)
    // Every row's separator sits at the same display column.
    let columns = lines.map { line -> Int in
      var x = 0
      for piece in line.drawnPieces {
        if piece.kind == .separator { return x }
        x += piece.width
      }
      return -1
    }
    #expect(columns == [6, 6, 6])
    #expect(lines.allSatisfy { $0.width == DisplayWidth.of($0.drawnPieces.map { String($0.text) }.joined()) })
  }

  @Test func aTableWiderThanThePaneShrinksTheWidestColumnAndWrapsItsCells() {
    let long = "a long cell that has to wrap onto several lines"
    let a = article([["Key", "Value"], ["k", long]])
    let layout = ArticleLayout(article: a, width: 24)
    let lines = layout.lines(ofBlock: 2)
    #expect(lines.allSatisfy { $0.width <= 24 && !$0.clipped })
    #expect(lines.count > 3)
    // All of the long cell is shown, in order, across its lines.
    let shown = lines.dropFirst(2).flatMap { line in
      line.pieces.drop { $0.kind != .separator }.filter { $0.kind == .text }.map { String($0.text) }
    }
    #expect(shown.joined(separator: " ") == long)
    // The narrow column keeps its width.
    #expect(lines[0].pieces.first?.text == "Key")
  }

  @Test func columnsThatCannotFitAreClippedWithAnArrow() {
    let a = article([(1...12).map { "column\($0)" }, (1...12).map { "value\($0)" }])
    for width in [1, 2, 5, 20, 40] {
      let lines = ArticleLayout(article: a, width: width).lines(ofBlock: 2)
      #expect(lines.allSatisfy { $0.clipped }, "width \(width)")
      #expect(!lines.isEmpty)
    }
    let lines = ArticleLayout(article: a, width: 40).lines(ofBlock: 2)
    #expect(lines.allSatisfy { $0.width < 40 })
  }

  @Test func aGraphemeClusterIsNeverSplitInANarrowColumn() {
    let family = "👨‍👩‍👧‍👦"
    let a = article([["h", "x"], [String(repeating: family, count: 8), "é́ü"]])
    for width in [8, 12, 20] {
      for line in ArticleLayout(article: a, width: width).lines(ofBlock: 2) {
        for piece in line.pieces where piece.kind == .text {
          // A piece starts where a grapheme cluster starts: not after a joiner, not on a mark.
          let scalars = piece.text.base.unicodeScalars
          let start = piece.text.startIndex
          if start > scalars.startIndex { #expect(scalars[scalars.index(before: start)] != "\u{200D}") }
          let first = piece.text.unicodeScalars.first
          #expect(first.map { $0 != "\u{200D}" && $0.properties.generalCategory != .nonspacingMark } ?? true)
        }
      }
    }
  }

  @Test func screenColumnsMapBackToOffsetsInsideCells() throws {
    let a = article([["Name", "Size"], ["alpha", "12"], ["β", "中文"]])
    let layout = ArticleLayout(article: a, width: 80)
    let lines = layout.lines(ofBlock: 2)
    let text = Array(a.text.unicodeScalars)
    // "alpha │ 12": column 1 is "l", column 8 is "1", column 5 (the separator) the text before.
    let row = lines[2]
    #expect(text[try #require(row.scalarOffset(atColumn: 1))] == "l")
    #expect(text[try #require(row.scalarOffset(atColumn: 8))] == "1")
    #expect(text[try #require(row.scalarOffset(atColumn: 6))] == "a")
    // "β     │ 中文": both columns of a wide character map to it.
    let cjk = lines[3]
    let zhong = try #require(cjk.scalarOffset(atColumn: 8))
    #expect(text[zhong] == "中")
    #expect(cjk.scalarOffset(atColumn: 9) == zhong)
    #expect(text[try #require(cjk.scalarOffset(atColumn: 10))] == "文")
    // Every offset of a cell finds its row.
    #expect(layout.position(forScalar: zhong + 1) == LayoutPosition(block: 2, row: 3))
    #expect(layout.position(forScalar: zhong - 2) == LayoutPosition(block: 2, row: 3))
  }

  @Test func aLinkInACellHasItsNumberAndTheColumnMakesRoomForIt() throws {
    var builder = ArticleBuilder()
    builder.append(.init(text: "Intro [x].", runs: [InlineRun(range: 6..<9, style: .link("https://a"))]))
    builder.append(
      ArticleBuilder.table(
        rows: [
          [ArticleBuilder.Cell(text: "Site"), ArticleBuilder.Cell(text: "Kind")],
          [
            ArticleBuilder.Cell(text: "docs", runs: [InlineRun(range: 0..<4, style: .link("https://d"))]),
            ArticleBuilder.Cell(text: "web"),
          ],
        ],
        shape: TableShape(alignments: [], headerRows: 1)))
    let a = builder.build(path: "t.md", title: "Tables")
    let layout = ArticleLayout(article: a, width: 80)
    let lines = layout.lines(ofBlock: 2).map { $0.drawnPieces.map { String($0.text) }.joined() }
    #expect(lines == ["Site  │ Kind", "──────┼─────", "docs² │ web"])
    #expect(layout.links(in: a.paragraphs[1].scalars).map(\.number) == [2])
  }

  @Test func aWrappedCellsOffsetsFindTheirOwnLine() throws {
    let a = article([["k", "v"], ["one two three four five six", "x"]])
    let layout = ArticleLayout(article: a, width: 14)
    let lines = layout.lines(ofBlock: 2)
    let six = try #require(a.text.range(of: "six"))
    let offset = a.text.unicodeScalars.distance(from: a.text.startIndex, to: six.lowerBound)
    let row = layout.position(forScalar: offset).row
    #expect(lines[row].pieces.contains { $0.kind == .text && $0.text.contains("six") })
  }
}

/// Link numbers: decoration after a link's text, kept with its word when wrapping, the same
/// numbers the model hands out for the links on screen.
@Suite struct LinkLabelTests {
  func article(_ text: String, links: [(String, String)]) -> Article {
    var runs: [InlineRun] = []
    for (word, url) in links {
      let range = text.range(of: word)!
      let start = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
      runs.append(InlineRun(range: start..<(start + word.unicodeScalars.count), style: .link(url)))
    }
    var builder = ArticleBuilder()
    builder.append(.init(text: "Heading"))
    builder.append(.init(text: text, runs: runs))
    return builder.build(path: "l.md", title: "Links")
  }

  @Test func numbersFollowExternalLinksOnly() throws {
    let a = article("one two three four", links: [("two", "https://a"), ("three", "#three"), ("four", "https://b")])
    let layout = ArticleLayout(article: a, width: 80)
    let line = try #require(layout.lines(ofBlock: 2).first)
    #expect(line.drawnPieces.map { String($0.text) }.joined() == "one two¹ three four²")
    #expect(line.text == "one two three four", "the text is untouched")
    #expect(line.width == 20)
    let links = layout.links(in: 0..<a.scalarCount)
    #expect(links.map(\.number) == [1, 2])
    #expect(links.map(\.url) == ["https://a", "https://b"])
    #expect(a.links(in: links[1].range) == [links[1]])
    // Columns after a number map to the text after it.
    let text = Array(a.text.unicodeScalars)
    #expect(text[try #require(line.scalarOffset(atColumn: 9))] == "t", "column 9 is three's t")
  }

  @Test func aNumberStaysWithItsWordWhenWrapping() {
    let a = article("aaaa bbbb cccc", links: [("bbbb", "https://x")])
    let lines = ArticleLayout(article: a, width: 9).lines(ofBlock: 2)
    #expect(lines.map { $0.drawnPieces.map { String($0.text) }.joined() } == ["aaaa", "bbbb¹", "cccc"])
    #expect(lines.allSatisfy { $0.width <= 9 })
    let fits = ArticleLayout(article: a, width: 10).lines(ofBlock: 2)
    #expect(fits.map { $0.drawnPieces.map { String($0.text) }.joined() } == ["aaaa bbbb¹", "cccc"])
  }

  @Test func aVeryLongParagraphNumbersItsLinksAsAShortOneDoes() {
    var rng = SeededRandom(seed: 5)
    var text = ""
    var runs: [InlineRun] = []
    for i in 0..<400 {
      let word = String(repeating: "w", count: Int.random(in: 1...9, using: &rng)) + (i % 7 == 0 ? "中" : "")
      let start = text.unicodeScalars.count
      text += word + " "
      if i % 3 == 0 {
        runs.append(InlineRun(range: start..<(start + word.unicodeScalars.count), style: .link("https://\(i)")))
      }
    }
    var builder = ArticleBuilder()
    builder.append(.init(text: "Heading"))
    builder.append(.init(text: text, runs: runs))
    let a = builder.build(path: "l.md", title: "Links")
    for width in [7, 23, 61] {
      let full = ArticleLayout(article: a, width: width, lazyParagraphScalars: .max, checkpointLines: 1)
      let lazy = ArticleLayout(article: a, width: width, lazyParagraphScalars: 8, checkpointLines: 3)
      let rows = full.rowCount(ofBlock: 2)
      #expect(lazy.rowCount(ofBlock: 2) == rows)
      var labels = 0
      for row in (0..<rows).reversed() {
        let position = LayoutPosition(block: 2, row: row)
        #expect(lazy.line(at: position)?.drawnPieces == full.line(at: position)?.drawnPieces, "row \(row)")
        labels += full.line(at: position)?.pieces.filter { $0.kind != .text }.count ?? 0
      }
      #expect(labels == runs.count, "every link's number is drawn once")
    }
  }

  @Test func aLinkEndingInASpaceAtABreakHasItsNumberOnTheNextLine() {
    let a = article("aaaa bbbb cccc", links: [("bbbb ", "https://x")])
    let lines = ArticleLayout(article: a, width: 9).lines(ofBlock: 2)
    let shown = lines.map { $0.drawnPieces.map { String($0.text) }.joined() }.joined(separator: "|")
    #expect(shown.contains("¹"), "\(shown)")
  }
}

/// Random tables at random widths: lines fit unless marked clipped, widths add up, and every
/// piece of text is the article's text at its offset.
@Suite struct TableLayoutPropertyTests {
  @Test func randomTablesKeepTheirInvariants() throws {
    var rng = SeededRandom(seed: 42)
    let alphabet: [String] = ["a", "b", " ", "中", "😀", "👨‍👩‍👧", "é", "e\u{301}", "\u{1B}", "-", "  ", "word"]
    for round in 0..<60 {
      let columns = Int.random(in: 1...7, using: &rng)
      let rows = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
        (0..<Int.random(in: 0...columns, using: &rng)).map { _ in
          ArticleBuilder.Cell(
            text: (0..<Int.random(in: 0...25, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined())
        }
      }
      var builder = ArticleBuilder()
      builder.append(.init(text: "Intro."))
      builder.append(
        ArticleBuilder.table(
          rows: rows,
          shape: TableShape(
            alignments: (0..<columns).map { _ in [.none, .left, .center, .right].randomElement(using: &rng)! },
            headerRows: Int.random(in: 0...2, using: &rng)), quoteDepth: round % 3, listDepth: round % 2))
      let article = builder.build(path: "r.md", title: "Random")
      let scalars = Array(article.text.unicodeScalars)
      for width in [1, 3, 9, 20, 33, 80] {
        let layout = ArticleLayout(article: article, width: width)
        // Rows are built as they are shown: in any order, they are the whole table's lines.
        let all = ArticleLayout(article: article, width: width).lines(ofBlock: 2)
        #expect(layout.rowCount(ofBlock: 2) == all.count, "the last block: no blank row after it")
        for row in all.indices.reversed() {
          #expect(layout.line(at: LayoutPosition(block: 2, row: row)) == all[row], "round \(round) width \(width)")
        }
        // Every offset inside a piece finds the line that shows it.
        for (row, line) in layout.lines(ofBlock: 2).enumerated() {
          for piece in line.pieces where piece.kind == .text {
            let start = try #require(piece.scalarStart)
            for offset in (start + 1)..<max(start + 1, start + piece.text.unicodeScalars.count) {
              #expect(layout.position(forScalar: offset).row == row, "round \(round) width \(width) offset \(offset)")
            }
          }
        }
        for line in layout.lines(ofBlock: 2) {
          #expect(line.width == line.drawnPieces.reduce(0) { $0 + $1.width })
          if !line.clipped && width >= 20 {
            #expect(DisplayWidth.of(line.prefix) + line.width <= width, "round \(round) width \(width)")
          }
          for piece in line.pieces where piece.kind == .text {
            let start = try #require(piece.scalarStart)
            let shown = scalars[start..<(start + piece.text.unicodeScalars.count)]
            #expect(String(String.UnicodeScalarView(shown)) == String(piece.text))
            #expect(DisplayWidth.of(piece.text) == piece.width)
          }
          if let start = line.scalarStart {
            #expect(layout.position(forScalar: start).block == 2)
          }
        }
      }
    }
  }
}

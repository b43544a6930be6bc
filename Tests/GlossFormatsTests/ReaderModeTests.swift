import Foundation
import GlossModel
import Testing

@testable import GlossFormats

/// Words for scoring an extraction: runs of letters and digits, lowercased, and every
/// ideograph or kana on its own.
func scoringWords(_ text: String) -> [String] {
  var words: [String] = []
  var current = ""
  for scalar in text.lowercased().unicodeScalars {
    if TextScan.isIdeographOrKana(scalar.value) {
      if !current.isEmpty { words.append(current) }
      current = ""
      words.append(String(scalar))
    } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
      current.unicodeScalars.append(scalar)
    } else if !current.isEmpty {
      words.append(current)
      current = ""
    }
  }
  if !current.isEmpty { words.append(current) }
  return words
}

/// Bag-of-words F1 of an extraction against the expected text.
func wordF1(_ found: String, expected: String) -> (f1: Double, precision: Double, recall: Double) {
  var want: [String: Int] = [:]
  for w in scoringWords(expected) { want[w, default: 0] += 1 }
  let got = scoringWords(found)
  var common = 0
  var left = want
  for w in got where (left[w] ?? 0) > 0 {
    left[w]! -= 1
    common += 1
  }
  let expectedCount = want.values.reduce(0, +)
  guard common > 0, !got.isEmpty, expectedCount > 0 else { return (0, 0, 0) }
  let p = Double(common) / Double(got.count)
  let r = Double(common) / Double(expectedCount)
  return (2 * p * r / (p + r), p, r)
}

@Suite struct ReaderModeCorpusTests {
  static func read(_ page: CorpusPage) -> Article {
    HTMLReader.article(path: "\(page.name).html", data: Data(page.html.utf8))
  }

  @Test(arguments: ReaderCorpus.pages)
  func eachPageYieldsItsArticle(page: CorpusPage) {
    let a = Self.read(page)
    let score = wordF1(a.text, expected: page.expected)
    #expect(score.f1 >= 0.9, "\(page.name): F1 \(score) — \(a.text.debugDescription)")
    #expect(a.title == page.title)
  }

  @Test func meanWordF1OnTheCorpus() {
    var total = 0.0
    var report: [String] = []
    var titles = 0
    for page in ReaderCorpus.pages {
      let a = Self.read(page)
      let score = wordF1(a.text, expected: page.expected)
      total += score.f1
      if a.title == page.title { titles += 1 }
      report.append(
        "\(page.name): F1 \(String(format: "%.3f", score.f1)) P \(String(format: "%.3f", score.precision)) "
          + "R \(String(format: "%.3f", score.recall)) title \(a.title == page.title ? "ok" : a.title)")
    }
    let mean = total / Double(ReaderCorpus.pages.count)
    if ProcessInfo.processInfo.environment["GLOSS_READER_REPORT"] != nil {
      print((report + ["mean F1 \(mean), titles \(titles)/\(ReaderCorpus.pages.count)"]).joined(separator: "\n"))
    }
    #expect(ReaderCorpus.pages.count >= 20)
    #expect(mean >= 0.97, "\(report.joined(separator: "\n"))")
    #expect(titles == ReaderCorpus.pages.count)
  }
}

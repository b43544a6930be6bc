/// Finds a quote typed by a person in an article, allowing whitespace differences: any run
/// of whitespace in the quote matches any run of whitespace (including line breaks between
/// paragraphs) in the text.
public enum QuoteFinder {
  public static func occurrences(of quote: String, in text: AnchorText) -> [Range<Int>] {
    TextScan.occurrences(ofWords: quote, in: text.scalars)
  }
}

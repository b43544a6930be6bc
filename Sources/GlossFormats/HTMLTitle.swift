import GlossModel

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A page's title: `og:title`, else `<title>`, else the first `<h1>`, without the site's name
/// when it is tacked on (" | Site", " – Site", "Site: …"). An affix is stripped only when it is
/// the site's name (`og:site_name`, or the domain of `og:url` or the canonical link) or when the
/// rest is exactly the page's `<h1>`: titles often carry " | " or " - " of their own.
extension HTMLReader {
  static let titleSeparators = [" | ", " || ", " - ", " – ", " — ", " :: ", " · ", " • ", " / ", " » ", " « ", ": "]

  static func title(_ dom: HTMLDOM, heading: String?) -> String? {
    var og: String?
    var siteName: String?
    var url: String?
    var plain: String?
    var i = 0
    // Head elements only (the body is not searched for metadata).
    let headEnd = dom.body ?? dom.nodes.count
    while i < headEnd {
      let node = dom.nodes[i]
      let a = node.attributes
      switch node.tag {
      case "meta":
        let key = (a["property"] ?? a["name"])?.lowercased()
        let content = a["content"].map(collapse)
        if key == "og:title", og == nil { og = content }
        if key == "og:site_name" || key == "application-name", siteName == nil { siteName = content }
        if key == "og:url", url == nil { url = a["content"] }
      case "link" where a["rel"]?.lowercased() == "canonical":
        if url == nil { url = a["href"] }
      case "title":
        if plain == nil { plain = dom.textContent(i) }
      default: break
      }
      i += 1
    }
    let h1 = heading.map(collapse)
    guard let raw = [og, plain, h1].compactMap({ $0 }).first(where: { !$0.isEmpty }) else { return nil }
    return strippingSite(raw, siteName: siteName, url: url, heading: h1)
  }

  static func normalized(_ s: String) -> String {
    String(s.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
  }

  /// The names a site goes by: its stated name (with and without a leading "The"), its host
  /// without "www.", and the host's main label.
  static func siteKeys(siteName: String?, url: String?) -> Set<String> {
    var keys: Set<String> = []
    if let siteName {
      keys.insert(normalized(siteName))
      if siteName.lowercased().hasPrefix("the ") { keys.insert(normalized(String(siteName.dropFirst(4)))) }
    }
    if let url, let host = URLComponents(string: String(TextScan.trimmed(url)))?.host?.lowercased() {
      var labels = host.split(separator: ".").map(String.init)
      if labels.first == "www" || labels.first == "m" { labels.removeFirst() }
      keys.insert(normalized(labels.joined(separator: ".")))
      if labels.count >= 2 { keys.insert(normalized(labels[labels.count - 2])) }
    }
    keys.remove("")
    return keys
  }

  static func strippingSite(_ raw: String, siteName: String?, url: String?, heading: String?) -> String {
    let keys = siteKeys(siteName: siteName, url: url)
    func isSite(_ affix: Substring) -> Bool {
      let key = normalized(String(affix))
      return !key.isEmpty && (keys.contains(key) || key.hasPrefix("the") && keys.contains(String(key.dropFirst(3))))
    }
    // The article's heading with something shorter (the site's name) around it; a site's
    // name in an <h1> (a logo) is never taken for the title this way.
    if let heading, heading.count >= 3, raw != heading, !isSite(Substring(heading)) {
      for separator in titleSeparators where raw.count - heading.count - separator.count < heading.count {
        if raw.hasPrefix(heading + separator) || raw.hasSuffix(separator + heading) { return heading }
      }
    }
    guard !keys.isEmpty else { return raw }
    for separator in titleSeparators where separator != ": " {
      if let range = raw.ranges(of: separator).last, isSite(raw[range.upperBound...]) {
        let rest = String(TextScan.trimmed(raw[..<range.lowerBound]))
        if !rest.isEmpty { return rest }
      }
    }
    for separator in titleSeparators {
      if let range = raw.firstRange(of: separator), isSite(raw[..<range.lowerBound]) {
        let rest = String(TextScan.trimmed(raw[range.upperBound...]))
        if !rest.isEmpty { return rest }
      }
    }
    return raw
  }
}

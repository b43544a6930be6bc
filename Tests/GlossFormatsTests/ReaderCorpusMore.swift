import Foundation

extension ReaderCorpus {
  static let chinese = Story(
    headline: "城市里的屋顶菜园",
    paragraphs: [
      "每天清晨六点，王阿姨就提着水壶爬上六楼的屋顶，给她种的西红柿、黄瓜和辣椒浇水，这已经是她坚持的第八个年头了。",
      "最初，邻居们担心屋顶会漏水，物业也多次上门劝阻，但她用旧木板和防水布搭起了花箱，问题终于解决了。",
      "如今，整栋楼有二十多户人家在屋顶上种菜，每到周末，大家还会交换种子、分享收成，甚至一起包饺子。",
      "王阿姨说，种菜最大的收获不是蔬菜本身，而是让原本互不相识的邻居，变成了可以互相照应的朋友。",
    ])
  static let japanese = Story(
    headline: "駅前の小さな本屋が守り続けたもの",
    paragraphs: [
      "駅前の商店街にある小さな本屋は、創業から七十年、三代にわたって同じ場所で店を開けてきた。",
      "大型書店やネット通販が広がる中でも、店主は一冊ずつ手書きの紹介文を添え、常連客との会話を大切にしてきた。",
      "最近では、近くの小学校の子どもたちが放課後に立ち寄り、絵本を読みながら店主に感想を話していく姿も見られる。",
    ])
  static let arabic = Story(
    headline: "مكتبة صغيرة في قلب المدينة القديمة",
    paragraphs: [
      "في زقاق ضيق من أزقة المدينة القديمة، تفتح مكتبة صغيرة أبوابها كل صباح منذ أكثر من خمسين عاما، ويجلس صاحبها بين الكتب القديمة والجديدة.",
      "يقول صاحب المكتبة إن القراء تغيروا كثيرا، لكن حبهم للكتاب لم يتغير، وإن الشباب عادوا مؤخرا للبحث عن الروايات والشعر.",
      "وتستضيف المكتبة كل أسبوع أمسية للقراءة، يجتمع فيها الجيران والطلاب، ويتبادلون الكتب والأحاديث حتى ساعة متأخرة من الليل.",
    ])
  static let german = Story(
    headline: "Die Stadt, die ihre Brunnen wiederentdeckt",
    paragraphs: [
      "Jahrzehntelang waren die alten Brunnen der Altstadt trocken, verschlossen oder mit Blumen bepflanzt, weil die Wartung zu teuer schien und niemand sich zuständig fühlte.",
      "Seit dem vergangenen Sommer fließt in elf von ihnen wieder Wasser, nachdem eine Bürgerinitiative Spenden gesammelt, Leitungen geprüft und Paten für jeden Brunnen gefunden hat.",
      "An heißen Tagen füllen Radfahrer ihre Flaschen, Kinder spielen am Rand, und ältere Anwohner erzählen, wie es war, als die Brunnen noch zum Alltag gehörten.",
    ])
  static let french = Story(
    headline: "Le dernier cordonnier de la rue des Écoles",
    paragraphs: [
      "Depuis quarante-deux ans, Étienne répare les chaussures du quartier dans une échoppe de neuf mètres carrés, où l’odeur du cuir et de la colle n’a jamais changé.",
      "Ses clients viennent parfois de loin, avec des bottes héritées d’un grand-père ou des escarpins achetés pour un mariage, et repartent avec des conseils autant qu’avec des semelles neuves.",
      "À soixante-neuf ans, il cherche un apprenti. « Le métier s’apprend en trois ans, dit-il, mais la patience, elle, demande toute une vie. »",
    ])

  static let international: [CorpusPage] = [
    CorpusPage(
      name: "gb2312-declared-utf8-bytes",
      html: Furniture.page(
        "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/news\">新闻</a></div>"
          + "<div class=\"article-content\"><h1>\(chinese.headline)</h1>\(chinese.html)</div>",
        title: chinese.headline, charset: "gb2312", lang: "zh"),
      expected: chinese.expected, title: chinese.headline),
    CorpusPage(
      name: "latin1-declared-utf8-bytes",
      html:
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>\(french.headline)</title></head>"
        + "<body><div class=\"article\"><h1>\(french.headline)</h1>\(french.html)</div></body></html>",
      expected: french.expected, title: french.headline),
    CorpusPage(
      name: "japanese-article",
      html: Furniture.page(
        Furniture.siteHeader("地域新聞") + "<article><h1>\(japanese.headline)</h1>\(japanese.html)</article>"
          + Furniture.related(3), title: "\(japanese.headline) | 地域新聞",
        head: "<meta property=\"og:site_name\" content=\"地域新聞\">", lang: "ja"),
      expected: japanese.expected, title: japanese.headline),
    CorpusPage(
      name: "arabic-rtl",
      html: Furniture.page(
        "<div dir=\"rtl\"><div class=\"menu\"><a href=\"/\">الرئيسية</a> <a href=\"/a\">أخبار</a></div>"
          + "<div class=\"post-body\"><h1>\(arabic.headline)</h1>\(arabic.html)</div></div>", title: arabic.headline,
        lang: "ar"),
      expected: arabic.expected, title: arabic.headline),
    CorpusPage(
      name: "german-with-long-comments",
      html: Furniture.page(
        "<div class=\"page\"><div class=\"artikel\"><h1>\(german.headline)</h1>\(german.html)</div>"
          + Furniture.comments(10) + "</div>", title: german.headline, lang: "de"),
      expected: german.expected, title: german.headline),
  ]
}

/// Stories written for the reader-mode corpus (no real articles are copied here).
enum Stories {
  static let harbour = Story(
    headline: "The harbour that learned to flood on purpose",
    paragraphs: [
      "For most of the last century, the town of Westmere fought the sea with concrete, raising its walls every time a storm broke through, and paying for each new metre with money it did not really have.",
      "Then, in 2015, the council did something that its engineers, its insurers, and most of its residents considered unthinkable: it opened a gap in the wall and let the tide into the old salt marsh behind it.",
      "The marsh now fills twice a day. In winter storms it swallows water that would once have poured into the high street, and the town has not flooded since, even in the gales of 2020 that battered the rest of the coast.",
      "Birds came back first, followed by fish, and then by tourists who walk the boardwalk at dawn to watch the water rise. The café by the old sluice gate, closed for a decade, reopened last spring.",
      "Not everyone is convinced. Farmers who lost grazing land to the marsh say they were paid too little, too late, and a few still speak of the wall as if it might be rebuilt one day.",
    ])
  static let library = Story(
    headline: "A library card, a bicycle, and forty thousand books",
    paragraphs: [
      "Every Tuesday, Maria Okafor loads two panniers with books, checks the tyres of a bicycle older than she is, and sets off along the river path to the villages that the county's mobile library stopped visiting in 2019.",
      "She carries novels, large-print thrillers, seed catalogues, and whatever else was asked for the week before, written in pencil in a notebook she keeps in her coat pocket.",
      "Over six years, by her own count, she has lent more than forty thousand books, repaired eleven punctures, and been offered tea at almost every door, which she accepts, she says, about half of the time.",
      "The county has since promised to restore the van. Okafor says she will keep cycling anyway, because some of her readers have told her they would rather wait for her than for a timetable.",
    ])
  static let battery = Story(
    headline: "Why the new battery plant is running at half speed",
    paragraphs: [
      "When the factory opened in March, its owners promised enough cells each year for half a million cars, three thousand jobs, and a new supply chain that would keep the region's carmakers close to home.",
      "Nine months later, two of its four production lines are idle. The company blames weak demand for electric cars, but former employees describe a plant that struggled from the start with scrap rates above forty percent.",
      "Making battery cells, one engineer said, is closer to baking than to assembling: humidity, dust, and the temperature of a drying room can ruin a day's output, and the lessons are learned slowly, and expensively.",
      "The regional government, which lent the project four hundred million euros, says it is confident the plant will reach full output by 2026. Its own auditors, in a report published last week, were less sure.",
      "For the town around it, the delay is already felt. Rents rose when the plant was announced, and have not fallen since, while the restaurants that opened for the expected workers are half empty at lunchtime.",
    ])
  static let sourdough = Story(
    headline: "My sourdough starter is older than my car",
    paragraphs: [
      "I was given the starter in a jam jar by a neighbour who was moving abroad, with a note that said only: feed it, keep it warm, and do not let it dry out, which turned out to be good advice for most things.",
      "For the first month I killed it twice, or thought I had. It sulked in the cold back kitchen, smelled of nail varnish, and refused to rise, until I moved it to the top of the fridge where the motor keeps it warm.",
      "These days it gets flour and water every evening, and in return it makes a loaf a week, a batch of pancakes on Sundays, and a surprising amount of conversation with guests who want to know its name.",
      "Its name is Gerald. I did not choose it, but it suits him, and he is now eleven years old, which is three years older than the car and considerably more reliable.",
    ])
  static let parser = Story(
    headline: "Configuring the parser",
    paragraphs: [
      "The parser reads its settings from a file named parser.toml in the project's root directory, and falls back to built-in defaults for any key the file does not set.",
      "Each setting can also be given on the command line, where it overrides the file. Flags use the same names as the keys, with underscores replaced by dashes, so max_depth becomes --max-depth.",
      "Limits protect the parser from hostile input: the maximum nesting depth, the largest document it will accept, and the time it may spend on a single file, after which it stops and reports where it was.",
    ])
  static let election = Story(
    headline: "Turnout rises as the count begins in the northern districts",
    paragraphs: [
      "Polling stations across the north reported queues into the evening on Sunday, and officials said turnout had passed sixty percent for the first time since the constitution was rewritten in 2004.",
      "In the river towns, where the campaign was fought most bitterly, volunteers handed out umbrellas and water to voters who had waited for more than two hours, some of them with children asleep on their shoulders.",
      "Counting began at nine o'clock. The electoral commission said results from the smaller districts could arrive before midnight, but that the cities, with their larger and more complicated ballots, would take longer.",
      "Both main candidates voted in the morning and then disappeared from view, leaving their deputies to speak to the cameras, to praise the voters, and to say, carefully, that it was far too early to say anything at all.",
    ])
  static let trains = Story(
    headline: "Night trains are back, and they are full",
    paragraphs: [
      "Five years ago, the last sleeper service between the capital and the coast was cancelled, its carriages sold for scrap, and its staff moved to daytime routes, because, the operator said, nobody wanted to travel that way.",
      "This summer the route returned, with refurbished carriages bought second-hand from abroad, and every berth was booked for the first three months within a day of tickets going on sale.",
      "Passengers give different reasons: the cost of hotels, the wish to avoid flying, the pleasure of waking up somewhere else. Most of them, asked why they came, simply say that it felt like an adventure.",
      "The operator now plans two more routes, and has ordered new carriages, which will take four years to build, so the old ones, with their creaking bunks and small windows, will keep running for a while yet.",
    ])
  static let bees = Story(
    headline: "The city that counts its bees",
    paragraphs: [
      "Every June, a few hundred volunteers spend a weekend standing very still in parks, gardens, and cemeteries, holding clipboards, and counting every bee that lands on a patch of flowers in ten minutes.",
      "The survey began in 2012 with a dozen people. It now covers more than four hundred sites, and its results have changed how the city mows its verges, which are now cut twice a year instead of eight times.",
      "The numbers are encouraging, though noisy. Bumblebees have increased at most sites, while some solitary bees, which nest in bare ground, have become harder to find as lawns replace the gaps between paving stones.",
    ])
  static let footnotes = Story(
    headline: "On the history of the footnote",
    paragraphs: [
      "Footnotes began as marginal notes, written beside the text by readers, and only later moved to the foot of the page, where printers could set them in smaller type without disturbing the column.",
      "Historians love them, because they show the work: every claim can be traced, checked, and argued with, and a good footnote often holds a second, quieter argument running beneath the first.",
      "Online, footnotes became links, and then pop-ups, and then, in many publications, they disappeared altogether, replaced by a vague reference to a study, somewhere, that readers are trusted not to look up.",
    ])
}

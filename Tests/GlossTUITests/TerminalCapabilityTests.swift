import Testing

@testable import GlossTerminal

/// terminfo strings as the terminal gets them: padding delays are for the driver.
@Suite struct TerminalCapabilityTests {
  @Test func paddingIsRemovedAndEverythingElseKept() {
    #expect(NCursesTerminal.withoutPadding("\u{1B}[?5h$<100/>\u{1B}[?5l") == "\u{1B}[?5h\u{1B}[?5l")
    #expect(NCursesTerminal.withoutPadding("\u{1B}[H\u{1B}[2J$<50>") == "\u{1B}[H\u{1B}[2J")
    #expect(NCursesTerminal.withoutPadding("$<2*>x$<1.5*/>y") == "xy")
    #expect(NCursesTerminal.withoutPadding("\u{1B}[?1049h") == "\u{1B}[?1049h")
    // Not padding: kept as it is.
    #expect(NCursesTerminal.withoutPadding("$<abc>") == "$<abc>")
    #expect(NCursesTerminal.withoutPadding("cost $<5") == "cost $<5")
    #expect(NCursesTerminal.withoutPadding("$") == "$")
    #expect(NCursesTerminal.withoutPadding("") == "")
  }
}

// GlossTerminal is the only code that talks to ncurses (through CNCursesW's shim): keys,
// pastes, resizes and signals in as `InputEvent`s, changed cells of a `Grid` out, and the
// terminal's modes restored on every way out. It implements GlossTUI's `TerminalBackend`.

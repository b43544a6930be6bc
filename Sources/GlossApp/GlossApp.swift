// GlossApp wires the parts together and is what the reader runs: `AppRunner` feeds input to
// the UI core (`AppState.update`), performs the effects it returns with the store, the library
// and the reading positions, and sends each outcome back as a message. It holds those three,
// never UI state. It also finds the user's keymap file.

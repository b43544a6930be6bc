import FuzzDriver
import GlossFuzzing

runFuzzer(FuzzEntryPoints.keymap)

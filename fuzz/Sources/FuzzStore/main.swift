import FuzzDriver
import GlossFuzzing

runFuzzer(FuzzEntryPoints.store)

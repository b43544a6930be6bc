import FuzzDriver
import GlossFuzzing

runFuzzer { FuzzEntryPoints.article($0) }

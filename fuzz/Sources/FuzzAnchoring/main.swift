import FuzzDriver
import GlossFuzzing

runFuzzer(FuzzEntryPoints.anchoring)

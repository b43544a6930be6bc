import FuzzDriver
import GlossFuzzing

runFuzzer(FuzzEntryPoints.article)

import Foundation
import GlossFuzzing

// libFuzzer drives this callback; SwiftPM's entry point (this file's top level) hands over to
// libFuzzer's driver with the command-line arguments.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { start, count in
  FuzzEntryPoints.keymap(start.map { Data(bytes: $0, count: count) } ?? Data())
  return 0
})

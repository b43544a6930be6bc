import Foundation

// libFuzzer's driver (linked in by -sanitize=fuzzer): it parses the command line and calls
// the callback with each input.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

nonisolated(unsafe) private var target: (Data) -> Void = { _ in }

/// Hands the process to libFuzzer, feeding every input to `entry`.
public func runFuzzer(_ entry: @escaping (Data) -> Void) -> Never {
  target = entry
  var argc = CommandLine.argc
  var argv = CommandLine.unsafeArgv
  exit(LLVMFuzzerRunDriver(&argc, &argv) { start, count in
    target(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
  })
}

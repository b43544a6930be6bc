// swift-tools-version:6.0
// libFuzzer targets for Gloss, kept out of the main package (they have no `main` without the
// fuzzer runtime). Build and run, from this folder:
//
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
//   mkdir -p /tmp/corpus && cp -r corpus/article /tmp/corpus/
//   .build/release/FuzzArticle -max_total_time=600 /tmp/corpus/article
//
// (gold, the default linker here, fails on the sanitizer objects; lld links them.)
import PackageDescription


let package = Package(
  name: "GlossFuzz",
  dependencies: [.package(name: "Gloss", path: "..")],
  targets: [
    .target(name: "FuzzDriver"),
    .executableTarget(name: "FuzzArticle", dependencies: ["FuzzDriver", .product(name: "GlossFuzzSupport", package: "Gloss")]),
    .executableTarget(name: "FuzzKeymap", dependencies: ["FuzzDriver", .product(name: "GlossFuzzSupport", package: "Gloss")]),
    .executableTarget(name: "FuzzStore", dependencies: ["FuzzDriver", .product(name: "GlossFuzzSupport", package: "Gloss")]),
    .executableTarget(name: "FuzzAnchoring", dependencies: ["FuzzDriver", .product(name: "GlossFuzzSupport", package: "Gloss")]),
  ]
)

// swift-tools-version:6.0
import PackageDescription

#if os(Linux)
  import Foundation  // the manifest only: to look for the C++ runtime's archives
#endif

/// What release builds of `gloss` (and `gloss-bench`) add on Linux to link the Swift runtime in
/// (`-static-stdlib`), and with it the C++ runtime that the Swift runtime uses (libstdc++) and
/// libgcc's unwinder, from their archives, when the GCC that clang links with has them (its
/// libstdc++-dev package, which the Swift toolchain needs anyway): loading libstdc++ and
/// libgcc_s at start-up (their relocations, and libgcc_s' probe of the processor) was half a
/// millisecond of a first paint of five. `scripts/static-runtime` holds two linker scripts that
/// stand for `libstdc++.so` and `libgcc_s.so` and name the archives instead; the folder where
/// they were found comes next on the search path, so that the archives are found even if clang
/// settles on another GCC. (A saved web page still loads the shared libstdc++ when it is read:
/// libxml2, opened then, uses ICU. The copy linked in is hidden from it: `--exclude-libs ALL`.)
/// The archives are looked for on the machine that builds, for its own architecture: a cross
/// build for another (`--swift-sdk`) would need these lines left out.
let staticRuntime: [String] = {
  var flags = ["-static-stdlib"]
  #if os(Linux)
    #if arch(x86_64)
      let gcc = "/usr/lib/gcc/x86_64-linux-gnu"
    #elseif arch(arm64)
      let gcc = "/usr/lib/gcc/aarch64-linux-gnu"
    #else
      return flags
    #endif
    // Clang links with the GCC of the highest version that has crtbegin.o.
    let files = FileManager.default
    let versions = ((try? files.contentsOfDirectory(atPath: gcc)) ?? [])
      .filter { files.fileExists(atPath: "\(gcc)/\($0)/crtbegin.o") }
      .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
    if let version = versions.last,
      ["libstdc++.a", "libgcc_eh.a"].allSatisfy({ files.fileExists(atPath: "\(gcc)/\(version)/\($0)") })
    {
      flags += ["-L", Context.packageDirectory + "/scripts/static-runtime", "-L", "\(gcc)/\(version)"]
    }
  #endif
  return flags
}()

/// The C libraries the reader links (ncursesw and its terminfo library, libcmark-gfm with its
/// extensions, libyaml), each as its pkg-config name and its libraries in link order. Release
/// builds on Linux link their archives into `gloss` when the machine has them (their -dev
/// packages, which the README's install command adds, ship them): five shared libraries fewer
/// for the dynamic loader to find, map and relocate at every start (about 0.15 ms of a first
/// paint of five), and a binary that runs where they are not installed. Debug builds and tests
/// link the shared libraries, and so does a release build where an archive is missing.
struct CLibrary {
  let pkgConfig: String
  /// What the module map linked before (the shared libraries where no archives are used).
  let links: [String]
  /// Every library, in link order (libtinfo after ncursesw, libcmark-gfm after its extensions).
  let libraries: [String]
  /// The archives' paths, or nil (not Linux, another architecture, or one of them missing).
  let archives: [String]?

  init(pkgConfig: String, links: [String], libraries: [String]) {
    self.pkgConfig = pkgConfig
    self.links = links
    self.libraries = libraries
    archives = Self.archives(of: libraries)
  }

  static func archives(of libraries: [String]) -> [String]? {
    #if os(Linux)
      #if arch(x86_64)
        let folders = ["/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib"]
      #elseif arch(arm64)
        let folders = ["/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"]
      #else
        return nil
      #endif
      var paths: [String] = []
      for library in libraries {
        guard let folder = folders.first(where: { FileManager.default.fileExists(atPath: "\($0)/lib\(library).a") })
        else { return nil }
        paths.append("\(folder)/lib\(library).a")
      }
      return paths
    #else
      return nil
    #endif
  }

  /// pkg-config for the system library target, only when the shared libraries are linked in
  /// every configuration (its flags would otherwise link them in release builds too).
  var systemPkgConfig: String? { archives == nil ? pkgConfig : nil }

  /// The linker settings of the target that uses the library.
  var linkerSettings: [LinkerSetting] {
    guard let archives else { return links.map { .linkedLibrary($0) } }
    return libraries.map { .linkedLibrary($0, .when(configuration: .debug)) } + [
      .unsafeFlags(archives, .when(platforms: [.linux], configuration: .release))
    ]
  }
}

let ncursesw = CLibrary(pkgConfig: "ncursesw", links: ["ncursesw"], libraries: ["ncursesw", "tinfo"])
let cmark = CLibrary(
  pkgConfig: "libcmark-gfm", links: ["cmark-gfm", "cmark-gfm-extensions"],
  libraries: ["cmark-gfm-extensions", "cmark-gfm"])
let yaml = CLibrary(pkgConfig: "yaml-0.1", links: ["yaml"], libraries: ["yaml"])

let package = Package(
  name: "Gloss",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "gloss", targets: ["gloss"]),
    // For the libFuzzer targets in fuzz/ (a package of their own).
    .library(name: "GlossFuzzSupport", targets: ["GlossFuzzing"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // SHA-256 of an article's text in Gloss JSON exports (GlossStore).
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    // Tests only: an independent YAML reader, to check that the front matter read and written
    // through libyaml (CYAML) agrees with it. Not in `gloss`: Yams links Foundation's
    // NSRegularExpression, DateFormatter and NumberFormatter, and with them ICU, into the binary.
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
  ],
  targets: [
    // C: libc's wcwidth and locale set-up, shared by the model and the terminal.
    .target(name: "CGlossText", path: "Sources/CGlossText"),
    // C: the ncursesw system library, with a shim for its macros and globals.
    .systemLibrary(
      name: "CNCursesW",
      path: "Sources/CNCursesW",
      pkgConfig: ncursesw.systemPkgConfig,
      providers: [.apt(["libncursesw5-dev"])]
    ),
    // C: GitHub's CommonMark library (libcmark-gfm) with its extensions (tables,
    // strikethrough, task lists, autolinks, footnotes): Markdown articles, and the export tests.
    .systemLibrary(
      name: "CCMark",
      path: "Sources/CCMark",
      pkgConfig: cmark.systemPkgConfig,
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    // C: libyaml (the reference YAML 1.1 parser and emitter): the front matter of Markdown
    // articles (read) and of Markdown exports (written), through GlossFormats' `YAML`.
    .systemLibrary(
      name: "CYAML",
      path: "Sources/CYAML",
      pkgConfig: yaml.systemPkgConfig,
      providers: [.apt(["libyaml-dev"])]
    ),
    // C: a footnote's label, read from libcmark-gfm's node (its public API has no getter).
    .target(name: "CGlossCMark", dependencies: ["CCMark"]),
    // C: a small view of libxml2's HTML parser, for saved web pages. libxml2 (libxml2.so.2) is
    // opened on first use rather than linked, to keep it and ICU off the reader's start-up.
    .target(name: "CGlossHTML"),
    // Article formats beyond plain text: Markdown (libcmark-gfm, front matter through libyaml)
    // and saved HTML pages (libxml2).
    .target(
      name: "GlossFormats", dependencies: ["GlossModel", "CCMark", "CGlossCMark", "CGlossHTML", "CYAML"],
      linkerSettings: cmark.linkerSettings + yaml.linkerSettings),
    // Articles, paragraphs, titles, display widths and wrapping. No terminal, no files.
    .target(name: "GlossModel", dependencies: ["CGlossText"]),
    // Files on disk: the library folder, reading positions, atomic writes.
    .target(
      name: "GlossStore",
      dependencies: ["GlossModel", "GlossFormats", .product(name: "Crypto", package: "swift-crypto")]
    ),
    // The UI core: state, messages, update, commands, keymap, rendering into a grid of cells,
    // and an in-memory test terminal. Depends on the model only; no I/O.
    .target(name: "GlossTUI", dependencies: ["GlossModel"]),
    // Wires the UI core to the store, the library and a terminal: the run loop that performs
    // effects and feeds their outcomes back as messages.
    .target(name: "GlossApp", dependencies: ["GlossModel", "GlossStore", "GlossTUI"]),
    // The only code that talks to ncurses: keys in, changed cells out.
    .target(
      name: "GlossTerminal", dependencies: ["CNCursesW", "CGlossText", "GlossModel", "GlossTUI"],
      linkerSettings: ncursesw.linkerSettings),
    // The inputs the fuzzers (fuzz/) and the fuzz smoke test drive.
    .target(name: "GlossFuzzing", dependencies: ["GlossModel", "GlossStore", "GlossFormats", "GlossTUI"]),
    .executableTarget(
      name: "gloss",
      dependencies: [
        "GlossModel", "GlossStore", "GlossTUI", "GlossApp", "GlossTerminal",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // Release builds on Linux link the Swift runtime and Foundation in (what
      // `--static-swift-stdlib` does): as shared libraries (~40 MB with ICU) the dynamic loader's
      // relocations alone took longer than less's whole first paint. Compiled with the flag too,
      // so that Foundation's static dependencies (CoreFoundation, ICU) are linked. Debug builds
      // and tests keep the shared libraries (XCTest links them). `unsafeFlags` are allowed in a
      // root package.
      swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
      linkerSettings: [.unsafeFlags(staticRuntime, .when(platforms: [.linux], configuration: .release))]
    ),
    // Benchmarks with fixed, generated inputs (swift run -c release gloss-bench).
    // Linked like `gloss` (the static runtime in release), so that its memory row measures what
    // users run.
    .executableTarget(
      name: "gloss-bench", dependencies: ["GlossModel", "GlossStore", "GlossTUI", "GlossApp"],
      swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
      linkerSettings: [.unsafeFlags(staticRuntime, .when(platforms: [.linux], configuration: .release))]
    ),
    .testTarget(name: "GlossModelTests", dependencies: ["GlossModel"]),
    .testTarget(
      name: "GlossStoreTests", dependencies: ["GlossStore", "CCMark", .product(name: "Yams", package: "Yams")]),
    .testTarget(name: "GlossFormatsTests", dependencies: ["GlossFormats", .product(name: "Yams", package: "Yams")]),
    .testTarget(name: "GlossFuzzSmokeTests", dependencies: ["GlossFuzzing", "GlossModel"]),
    .testTarget(
      name: "GlossTUITests", dependencies: ["GlossTUI", "GlossApp", "GlossStore", "GlossFormats", "GlossTerminal"],
      exclude: ["Snapshots"]),
    .testTarget(name: "GlossEndToEndTests", dependencies: ["gloss"]),
  ]
)

// Extension members come only from the modules a file imports itself (Swift's
// MemberImportVisibility): a `String` method of full Foundation's, visible through a
// dependency's own `import Foundation`, would otherwise link Foundation, CoreFoundation and
// ICU's tables back into the reader (see the README's performance section).
for target in package.targets where target.type == .regular || target.type == .executable {
  target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("MemberImportVisibility")]
}

// Release builds get the metadata of a generic type with concrete arguments (a
// `Dictionary<String, Int>`'s storage, say) from its accessor rather than by demangling the
// type's name at its first use, which also looked up the conformances its arguments need by
// scanning every conformance record in the binary: about a tenth of the reader's start-up.
for target in package.targets where target.type != .system {
  target.swiftSettings =
    (target.swiftSettings ?? []) + [
      .unsafeFlags(
        ["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release))
    ]
}

// swift-tools-version: 6.0
// QuantLab's fuzz targets: one libFuzzer executable per reader of untrusted bytes, built and run
// by `make fuzz` (never by `swift build` or `make test` of the main package). Each folder holds
// one target's entry file and its seed corpus (`corpus/`, small files checked in).
//
// Built with `-Xswiftc -sanitize=fuzzer,address` for every Swift target, so the readers are
// instrumented for coverage and AddressSanitizer and libFuzzer is linked in; each target's
// `main` hands its body to libFuzzer's driver (FuzzSupport). `-enable-testing` lets a target
// reach a reader that is internal to its module (`@testable import`).

import PackageDescription

/// A fuzz target: its entry file and seed corpus in `folder`.
func fuzzTarget(_ name: String, folder: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport", .product(name: "QuantLabReaders", package: "QuantLab")],
        path: folder, exclude: ["corpus"])
}

/// Folder and target of every fuzz target; `make fuzz` runs them in this order.
let targets: [(folder: String, name: String)] = [
    ("npy", "FuzzNPY"), ("safetensors", "FuzzSafetensors"), ("csv", "FuzzCSV"), ("jsonl", "FuzzJSONL"),
    ("manifest", "FuzzManifest"), ("store", "FuzzStore"), ("explain", "FuzzExplain"),
]

let package = Package(
    name: "QuantLabFuzz",
    products: targets.map { .executable(name: "fuzz-\($0.folder)", targets: [$0.name]) },
    dependencies: [.package(name: "QuantLab", path: "../..")],
    targets: [
        // libFuzzer's driver declared for Swift, and the entry every target goes through.
        .target(name: "CFuzzer", path: "Support/C"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzer"], path: "Support/Swift"),
    ] + targets.map { fuzzTarget($0.name, folder: $0.folder) }
)

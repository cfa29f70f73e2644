// swift-tools-version: 6.0
// QuantLab: a reproducible research report on neural-network quantization.
// Targets are listed bottom-up, as in DESIGN.md: nothing depends on a target listed after it.

import PackageDescription

/// Settings every Swift target shares.
let shared: [SwiftSetting] = [
    // `internal import` of the C targets keeps C types out of public signatures.
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "QuantLab",
    products: [
        .executable(name: "quantlab", targets: ["QuantLabCLI"]),
        .executable(name: "quantlab-bench", targets: ["QuantLabBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // MARK: System libraries (a module map and a shim header each)
        .systemLibrary(
            name: "CCairo", pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(
            name: "COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        // Debian ships no .pc file for oneDNN: the module map links `dnnl` by name.
        .systemLibrary(
            name: "CDNNL",
            providers: [.apt(["libdnnl-dev"])]),

        // MARK: Our C intrinsics
        // The instructions Swift cannot spell (streaming stores, AVX2 byte dots). A regular C
        // target: the hot functions are `static inline` in include/CKernels.h, so release builds
        // inline them into the Swift loops; CKernels.c holds the CPU check. No flags: the AVX2
        // functions carry their own `target` attribute.
        .target(name: "CKernels"),

        // MARK: Numerics
        .target(name: "Tensor", dependencies: ["COpenBLAS", "CKernels"], swiftSettings: shared),
        .target(name: "QuantCore", dependencies: ["Tensor"], swiftSettings: shared),
        // Kernels take codes and scales from QuantCore and keep packing, layout and the products.
        .target(name: "Kernels", dependencies: ["Tensor", "QuantCore", "CDNNL", "CKernels"], swiftSettings: shared),
        .target(name: "NN", dependencies: ["Tensor", "QuantCore", "Kernels"], swiftSettings: shared),

        // MARK: Data and results
        .target(name: "Datasets", dependencies: ["Tensor"], swiftSettings: shared),
        // Results records the environment (OpenBLAS core type, oneDNN ISA) next to every run.
        .target(name: "Results", dependencies: ["Tensor", "Kernels", "Datasets"], swiftSettings: shared),

        // MARK: Experiments and analysis
        .target(
            name: "Experiments",
            dependencies: ["Tensor", "QuantCore", "Kernels", "NN", "Datasets", "Results"],
            swiftSettings: shared),
        .target(name: "Analysis", dependencies: ["Results"], swiftSettings: shared),

        // MARK: Presentation
        .target(name: "Charts", dependencies: ["CCairo"], swiftSettings: shared),
        .target(
            name: "Report",
            dependencies: [
                "Analysis", "Charts", "Results", "Experiments", "QuantCore",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
            ],
            swiftSettings: shared),

        // MARK: Executables
        .executableTarget(
            name: "QuantLabCLI",
            dependencies: [
                "Tensor", "QuantCore", "Kernels", "Datasets", "Results", "Experiments",
                "Analysis", "Charts", "Report",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: shared),
        // Benchmarks live apart from tests: speed is measured in release builds (`make bench`).
        .executableTarget(
            name: "QuantLabBench",
            dependencies: ["Tensor", "QuantCore", "Kernels", "Charts", "Results", "Report"],
            swiftSettings: shared),

        // MARK: Tests (one target per source target)
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], swiftSettings: shared),
        .testTarget(name: "QuantCoreTests", dependencies: ["QuantCore", "Tensor"], swiftSettings: shared),
        .testTarget(name: "KernelsTests", dependencies: ["Kernels", "QuantCore", "Tensor"], swiftSettings: shared),
        .testTarget(name: "NNTests", dependencies: ["NN", "Tensor", "QuantCore"], swiftSettings: shared),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Tensor"], swiftSettings: shared),
        .testTarget(name: "ResultsTests", dependencies: ["Results"], swiftSettings: shared),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Results"], swiftSettings: shared),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Results"], swiftSettings: shared),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"], swiftSettings: shared),
        .testTarget(
            name: "ReportTests", dependencies: ["Report", "Analysis", "Results", "Experiments", "Datasets"],
            swiftSettings: shared),
        .testTarget(
            name: "QuantLabCLITests", dependencies: ["QuantLabCLI"],
            swiftSettings: shared),
    ]
)

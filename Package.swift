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
        // The readers that `make fuzz` feeds with random bytes, for the fuzz package in
        // Tests/Fuzz (a package sees another's targets only through a product). A static
        // library product: `swift build` links nothing more for it.
        .library(name: "QuantLabReaders", targets: ["Tensor", "QuantCore", "NN", "Datasets", "Records"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // SHA-256 of the pinned inputs and of the result store (BoringSSL's on Linux).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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

        // MARK: Data and records
        .target(
            name: "Datasets",
            dependencies: ["Tensor", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: shared),
        // Trial records, section schemas, run meta and the result store: what Analysis and
        // Report read. No project dependency, so reading results never links a C library.
        .target(name: "Records", swiftSettings: shared),
        // Running a section: fingerprints, the environment probe (OpenBLAS core, oneDNN ISA),
        // the experiment protocol and the runner.
        .target(name: "Runner", dependencies: ["Records", "Datasets", "Tensor", "Kernels"], swiftSettings: shared),

        // MARK: Experiments and analysis
        .target(
            name: "Experiments",
            dependencies: ["Tensor", "QuantCore", "Kernels", "NN", "Datasets", "Records", "Runner"],
            swiftSettings: shared),
        .target(name: "Analysis", dependencies: ["Records", "Tensor"], swiftSettings: shared),

        // MARK: Presentation
        .target(name: "Charts", dependencies: ["CCairo"], swiftSettings: shared),
        // Renders a document from analysed values; never runs an experiment.
        // Every chart kind drawn from fixed example data, for `quantlab gallery` and its benchmark.
        .target(name: "ChartGallery", dependencies: ["Charts"], swiftSettings: shared),
        .target(
            name: "Report",
            dependencies: [
                "Records", "Analysis", "Charts", "QuantCore",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: shared),

        // MARK: The study
        // The section registry, and stale → run → analyse → draw → render.
        .target(
            name: "Study",
            dependencies: ["Records", "Runner", "Experiments", "Analysis", "Charts", "Report", "Datasets"],
            swiftSettings: shared),

        // MARK: Executables
        .executableTarget(
            name: "QuantLabCLI",
            dependencies: [
                "Tensor", "QuantCore", "Records", "Runner", "Charts", "ChartGallery", "Report", "Study",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: shared),
        // What benchmarks need beside their timings: the line protocol and process of a peer
        // (PyTorch, measured next to ours in one run), round orders, printed rates. Foundation only.
        .target(name: "BenchSupport", swiftSettings: shared),
        // Benchmarks live apart from tests: speed is measured in release builds (`make bench`).
        .executableTarget(
            name: "QuantLabBench",
            dependencies: [
                "Tensor", "QuantCore", "Kernels", "NN", "Datasets", "Experiments", "Analysis", "Charts", "ChartGallery",
                "Records", "Report", "Runner", "Study", "BenchSupport",
            ],
            swiftSettings: shared),

        // MARK: Tests (one target per source target)
        .testTarget(name: "TensorTests", dependencies: ["Tensor"], swiftSettings: shared),
        .testTarget(name: "QuantCoreTests", dependencies: ["QuantCore", "Tensor"], swiftSettings: shared),
        .testTarget(name: "KernelsTests", dependencies: ["Kernels", "QuantCore", "Tensor"], swiftSettings: shared),
        // Finite-difference gradient checks shared by the tests of every layer (NN now, the
        // vision and language layers next); a library target under Tests/, not shipped in NN.
        .target(name: "NNTestSupport", dependencies: ["NN", "Tensor"], path: "Tests/NNTestSupport", swiftSettings: shared),
        .testTarget(name: "NNTests", dependencies: ["NN", "NNTestSupport", "Tensor", "QuantCore"], swiftSettings: shared),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Tensor"], swiftSettings: shared),
        .testTarget(name: "RecordsTests", dependencies: ["Records"], swiftSettings: shared),
        .testTarget(name: "RunnerTests", dependencies: ["Runner", "Records"], swiftSettings: shared),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Runner", "Records"], swiftSettings: shared),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Records"], swiftSettings: shared),
        // The layout tests run over every gallery figure.
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "ChartGallery"], swiftSettings: shared),
        .testTarget(
            name: "ReportTests", dependencies: ["Report", "Analysis", "Records", "Charts"],
            swiftSettings: shared),
        .testTarget(name: "StudyTests", dependencies: ["Study", "Runner", "Records", "Analysis"], swiftSettings: shared),
        .testTarget(name: "BenchSupportTests", dependencies: ["BenchSupport"], swiftSettings: shared),
        .testTarget(
            name: "QuantLabCLITests", dependencies: ["QuantLabCLI"],
            swiftSettings: shared),
    ]
)

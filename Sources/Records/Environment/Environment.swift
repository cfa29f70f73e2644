import Foundation

/// The machine and software a run happened on: recorded in every `meta.json` and printed by
/// `quantlab env`.
public struct Environment: Codable, Equatable, Sendable {
    /// CPU model name from `/proc/cpuinfo`, e.g. `Intel(R) Xeon(R) Platinum 8488C`.
    public var cpuModel: String
    /// The CPU flags of interest that this CPU has, in `Environment.flagsOfInterest` order.
    public var cpuFlags: [String]
    /// Logical processors available to this process.
    public var cores: Int
    /// The operating system, `PRETTY_NAME` of `/etc/os-release`, and the kernel release.
    public var os: String
    /// The Swift compiler that built this binary, from compile-time checks (see `compilerVersion`).
    public var swiftCompiler: String
    /// OpenBLAS's dispatched core type, threads and build configuration.
    public var openBLAS: String
    /// oneDNN's version, dispatched ISA and threads.
    public var oneDNN: String
    /// `OPENBLAS_CORETYPE` as set in the environment, or `unset`.
    public var openBLASCoreTypeVariable: String

    /// CPU features that decide which kernels are real and which are emulated.
    public static let flagsOfInterest = [
        "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16", "avx512_fp16",
        "amx_tile", "amx_int8", "amx_bf16",
    ]

    /// An environment from known values (tests, stored meta).
    public init(
        cpuModel: String, cpuFlags: [String], cores: Int, os: String, swiftCompiler: String,
        openBLAS: String, oneDNN: String, openBLASCoreTypeVariable: String
    ) {
        self.cpuModel = cpuModel
        self.cpuFlags = cpuFlags
        self.cores = cores
        self.os = os
        self.swiftCompiler = swiftCompiler
        self.openBLAS = openBLAS
        self.oneDNN = oneDNN
        self.openBLASCoreTypeVariable = openBLASCoreTypeVariable
    }

    /// The rows of `quantlab env` and the report's environment table, in display order.
    public var rows: [(name: String, value: String)] {
        [
            ("CPU", cpuModel),
            ("CPU flags", cpuFlags.isEmpty ? "none of interest" : cpuFlags.joined(separator: " ")),
            ("logical cores", String(cores)),
            ("OS", os),
            ("Swift compiler", swiftCompiler),
            ("OpenBLAS", openBLAS),
            ("OPENBLAS_CORETYPE", openBLASCoreTypeVariable),
            ("oneDNN", oneDNN),
        ]
    }

    /// The major.minor of the compiler that built this binary.
    ///
    /// Decided at compile time with `#if compiler(>=…)`: the binary records what built it, which
    /// is what matters for reproducing its numbers, and it needs no `swift` on `PATH` at run time
    /// (a run-time `swift --version` may name a different toolchain, or none).
    public static var compilerVersion: String {
        #if compiler(>=7.0)
        "Swift 7.0 or later"
        #elseif compiler(>=6.4)
        "Swift 6.4"
        #elseif compiler(>=6.3)
        "Swift 6.3"
        #elseif compiler(>=6.2)
        "Swift 6.2"
        #elseif compiler(>=6.1)
        "Swift 6.1"
        #else
        "Swift 6.0"
        #endif
    }
}

extension Environment {
    /// Aligned `name  value` lines, as `quantlab env` prints them.
    public var tableText: String {
        let width = rows.map(\.name.count).max() ?? 0
        return rows.map { $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.value + "\n" }.joined()
    }

    /// Pretty JSON with sorted keys, as stored in `meta.json`.
    public var jsonText: String {
        PrettyJSON.text(of: self)
    }
}

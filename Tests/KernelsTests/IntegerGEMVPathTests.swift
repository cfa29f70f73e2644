import Testing
import QuantCore
import Tensor
@testable import Kernels

/// The W8A8 and W4A8 GEMVs on every instruction path this CPU runs (portable, AVX2, AVX-512
/// VNNI 256- and 512-bit) and both INT4 layouts, each path called explicitly.
@Suite("Integer GEMV paths give identical integers")
struct IntegerGEMVPathTests {
    /// Integer-valued W and x whose scales are exactly 1: every group of W reaches ±`qmax` at
    /// its first column and every 128-column block of x reaches 127, so that W's codes are W,
    /// x's codes are x, and y = W·x in integers (|y| < 2²⁴, exact in FP32) on every path.
    private func integerOperands(rows: Int, columns: Int, qmax: Int, group: Int, seed: UInt64) -> (w: Tensor, x: [Float], y: [Float]) {
        var g = SeededGenerator(seed: seed)
        var w = (0..<(rows * columns)).map { _ in Float(Int.random(in: -qmax...qmax, using: &g)) }
        for r in 0..<rows { for c in stride(from: 0, to: columns, by: group) { w[r * columns + c] = Float(qmax) } }
        var x = (0..<columns).map { _ in Float(Int.random(in: -127...127, using: &g)) }
        for c in stride(from: 0, to: columns, by: 128) { x[c] = -127 }
        let y = (0..<rows).map { r in Float((0..<columns).reduce(0) { $0 + Int(w[r * columns + $1]) * Int(x[$1]) }) }
        return (Tensor(shape: [rows, columns], storage: w), x, y)
    }

    /// Row counts below, at and above the row-lane groups of sixteen (and a last partial group).
    private static let shapes: [(rows: Int, columns: Int)] = [(1, 1), (9, 300), (5, 1000), (4, 128), (13, 512), (16, 256), (37, 384)]

    @Test("W8A8: every path and layout equals the integer product exactly", arguments: shapes)
    func w8a8(shape: (rows: Int, columns: Int)) throws {
        let (w, x, y) = integerOperands(rows: shape.rows, columns: shape.columns, qmax: 127, group: shape.columns, seed: 60)
        for layout in Int8Matvec.Layout.allCases {
            for path in IntegerGEMVPath.available {
                let kernel = try Int8Matvec(weights: w, activations: .int8, threads: 2, path: path, layout: layout)
                #expect(kernel.path == path && kernel.instructionPath == path.rawValue && kernel.layout == layout)
                #expect(kernel.apply(x) == y, "W8A8 \(layout) \(path) \(shape)")
            }
        }
    }

    @Test("W4A8: every path and layout equals the integer product exactly", arguments: shapes, [128, 256])
    func w4a8(shape: (rows: Int, columns: Int), group: Int) throws {
        let (w, x, y) = integerOperands(rows: shape.rows, columns: shape.columns, qmax: 7, group: group, seed: 61)
        for layout in Int4Matvec.Layout.allCases {
            for path in IntegerGEMVPath.available {
                let kernel = try Int4Matvec(weights: w, groupSize: group, activations: .int8, threads: 2, layout: layout, path: path)
                #expect(kernel.layout == layout)
                #expect(kernel.apply(x) == y, "W4A8 \(layout) \(path) \(shape) g\(group)")
            }
        }
    }

    @Test("W4A8 and W8A8 on normal data: every path and layout within FP32 rounding of the default")
    func normalData() throws {
        let w = Reference.normal(11, 700, seed: 62)
        let x = Reference.normal(1, 700, seed: 63).storage
        let int8Reference = try Int8Matvec(weights: w, activations: .int8, path: .portable, layout: .rowMajor).apply(x)
        let int4Reference = try Int4Matvec(weights: w, activations: .int8, layout: .lanePacked, path: .portable).apply(x)
        // Same integers per block; the per-block FMAs are spread over 1, 8 or 16 lanes, so the
        // sums differ by at most a few roundings of Σ_b |term_b| (≤ 6 blocks here, |y| ~ √700).
        for path in IntegerGEMVPath.available {
            for layout in Int8Matvec.Layout.allCases {
                let y8 = try Int8Matvec(weights: w, activations: .int8, path: path, layout: layout).apply(x)
                for r in 0..<11 { #expect(abs(y8[r] - int8Reference[r]) <= 1e-4 * max(1, abs(int8Reference[r])), "W8A8 \(layout) \(path) row \(r)") }
            }
            for layout in Int4Matvec.Layout.allCases {
                let y4 = try Int4Matvec(weights: w, activations: .int8, layout: layout, path: path).apply(x)
                for r in 0..<11 { #expect(abs(y4[r] - int4Reference[r]) <= 1e-4 * max(1, abs(int4Reference[r])), "W4A8 \(layout) \(path) row \(r)") }
            }
        }
    }

    @Test("Block dots: the VNNI blocks equal a plain integer loop exactly")
    func vnniBlocks() {
        guard IntegerGEMVPath.available.contains(.vnni256) else { return }
        var g = SeededGenerator(seed: 64)
        for trial in 0..<30 {
            let w4: [UInt8] = trial == 0 ? Array(repeating: 0xFF, count: 64) : (0..<64).map { _ in UInt8.random(in: 0...255, using: &g) }
            let w8: [Int8] = trial == 0 ? Array(repeating: -127, count: 128) : (0..<128).map { _ in Int8.random(in: -127...127, using: &g) }
            let x: [Int8] = trial == 0 ? Array(repeating: -127, count: 128) : (0..<128).map { _ in Int8.random(in: -127...127, using: &g) }
            let offset = Int32.random(in: -100_000...100_000, using: &g)
            #expect(ByteDot.u4s8(w4, x, offset: offset, path: .vnni256) == ByteDot.u4s8(w4, x, offset: offset, path: .portable), "u4s8 trial \(trial)")
            #expect(ByteDot.s8s8(w8, x, path: .vnni256) == Float(zip(w8, x).reduce(Int32(0)) { $0 + Int32($1.0) * Int32($1.1) }), "s8s8 trial \(trial)")
        }
    }

    @Test("A path the CPU lacks is refused; the lane-packed layout caps at 256-bit VNNI")
    func pathChoice() throws {
        let w = Reference.normal(3, 256, seed: 65)
        for path in IntegerGEMVPath.allCases where !IntegerGEMVPath.available.contains(path) {
            #expect(throws: KernelInputError.self) { try Int8Matvec(weights: w, activations: .int8, path: path) }
        }
        if IntegerGEMVPath.available.contains(.vnni512) {
            #expect(try Int4Matvec(weights: w, activations: .int8, layout: .lanePacked, path: .vnni512).path == .vnni256)
        }
        #expect(try FloatMatvec(weights: w).instructionPath == "swift-simd")
        #expect(try Int4Matvec(weights: w).instructionPath == "swift-simd")
    }
}

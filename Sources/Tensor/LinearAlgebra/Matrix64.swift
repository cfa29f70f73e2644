/// A dense, row-major matrix of `Double` values: the FP64 reference type of the experiments.
///
/// Element `(i, j)` lives at `storage[i · cols + j]`. FP64 products and LAPACK routines
/// (least squares, Cholesky, singular values, QR) are extensions of this type, backed by
/// OpenBLAS; they are references against which lower-precision arithmetic is measured.
public struct Matrix64: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let cols: Int
    /// The elements in row-major order; `count == rows · cols`.
    public var storage: [Double]

    /// Creates a matrix from its row-major elements.
    /// - Precondition: `rows, cols ≥ 0` and `storage.count == rows · cols`.
    public init(rows: Int, cols: Int, storage: [Double]) {
        precondition(rows >= 0 && cols >= 0, "Matrix64: negative size \(rows)×\(cols)")
        precondition(
            storage.count == rows * cols,
            "Matrix64: \(rows)×\(cols) needs \(rows * cols) elements, got \(storage.count)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// A `rows × cols` matrix with every element equal to `value`.
    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        self.init(rows: rows, cols: cols, storage: [Double](repeating: value, count: rows * cols))
    }

    /// A matrix from nested rows, for tests and small worked examples.
    /// - Precondition: every row has the same length.
    public init(_ rowList: [[Double]]) {
        let cols = rowList.first?.count ?? 0
        precondition(rowList.allSatisfy { $0.count == cols }, "Matrix64: ragged rows \(rowList.map(\.count))")
        self.init(rows: rowList.count, cols: cols, storage: rowList.flatMap { $0 })
    }

    /// The `n × n` identity.
    public static func identity(_ n: Int) -> Matrix64 {
        diagonal([Double](repeating: 1, count: n))
    }

    /// The square matrix with `values` on its diagonal and zeros elsewhere.
    public static func diagonal(_ values: [Double]) -> Matrix64 {
        var m = Matrix64(rows: values.count, cols: values.count)
        for (i, v) in values.enumerated() { m[i, i] = v }
        return m
    }

    /// The element in row `i`, column `j`.
    public subscript(i: Int, j: Int) -> Double {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "Matrix64: (\(i), \(j)) outside \(rows)×\(cols)")
            return storage[i * cols + j]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "Matrix64: (\(i), \(j)) outside \(rows)×\(cols)")
            storage[i * cols + j] = newValue
        }
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Matrix64: row \(i) outside \(rows) rows")
        return Array(storage[i * cols..<(i + 1) * cols])
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < cols, "Matrix64: column \(j) outside \(cols) columns")
        return (0..<rows).map { storage[$0 * cols + j] }
    }

    /// The transpose, `Aᵀ[j, i] = A[i, j]`.
    public var transposed: Matrix64 {
        var t = Matrix64(rows: cols, cols: rows)
        for i in 0..<rows {
            for j in 0..<cols { t.storage[j * rows + i] = storage[i * cols + j] }
        }
        return t
    }

    /// The Frobenius norm `‖A‖_F = √(Σ aᵢⱼ²)`.
    public var frobeniusNorm: Double {
        storage.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// The largest absolute element, `max |aᵢⱼ|` (0 for an empty matrix).
    public var maxAbs: Double {
        storage.reduce(0) { max($0, abs($1)) }
    }
}

extension Matrix64 {
    /// The FP64 copy of a rank-2 tensor; every `Float` converts exactly.
    /// - Precondition: `tensor.rank == 2`.
    public init(_ tensor: Tensor) {
        precondition(tensor.rank == 2, "Matrix64: needs a rank-2 tensor, got shape \(tensor.shape)")
        self.init(rows: tensor.shape[0], cols: tensor.shape[1], storage: tensor.storage.map(Double.init))
    }
}

extension Tensor {
    /// The FP32 tensor of shape `[rows, cols]` nearest to `matrix`: each element rounds to
    /// nearest, ties to even (IEEE 754); magnitudes beyond `Float.greatestFiniteMagnitude`
    /// become ±∞, NaN stays NaN.
    public init(_ matrix: Matrix64) {
        self.init(shape: [matrix.rows, matrix.cols], storage: matrix.storage.map(Float.init))
    }
}

extension Matrix64: CustomStringConvertible {
    /// Size and the first few elements, for diagnostics.
    public var description: String {
        let head = storage.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Matrix64(\(rows)×\(cols), [\(head)\(storage.count > 8 ? ", …" : "")])"
    }
}

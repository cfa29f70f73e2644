extension Matrix64 {
    /// The elements in column-major order, as LAPACK reads them.
    var columnMajor: [Double] { transposed.storage }

    /// A matrix from column-major elements, as LAPACK writes them.
    init(rows: Int, cols: Int, columnMajor: [Double]) {
        self = Matrix64(rows: cols, cols: rows, storage: columnMajor).transposed
    }
}

import Testing
@testable import Tensor

@Suite struct LAPACKTests {
    /// Line fit through (0, 1), (1, 2), (2, 4): normal equations [[3, 3], [3, 5]]·x = [7, 10]
    /// give x = (5/6, 3/2) by hand (determinant 6).
    @Test func leastSquaresOfAKnownSystem() throws {
        let a = Matrix64([[1, 0], [1, 1], [1, 2]])
        let x = try a.leastSquares([1, 2, 4])
        // QR on a 3×2 system with κ ≈ 4: error a few ulps.
        #expect(abs(x[0] - 5.0 / 6) < 1e-14 && abs(x[1] - 1.5) < 1e-14, "x = \(x)")
    }

    @Test func leastSquaresSquareAndMultipleRightHandSides() throws {
        // [[2, 1], [1, 3]]·X = B with X = [[1, 2], [-1, 0]] → B = [[1, 4], [-2, 2]].
        let a = Matrix64([[2, 1], [1, 3]])
        let x = try a.leastSquares(Matrix64([[1, 4], [-2, 2]]))
        let expected = Matrix64([[1, 2], [-1, 0]])
        #expect(zip(x.storage, expected.storage).allSatisfy { abs($0 - $1) < 1e-14 }, "X = \(x)")
    }

    @Test func leastSquaresRecoversExactWeights() throws {
        var rng = SeededGenerator(seed: 21)
        let a = Matrix64.gaussian(rows: 40, cols: 7, using: &rng)
        let w = (0..<7).map { Double($0) - 3.5 }
        let x = try a.leastSquares(a.product(vector: w))
        // A zero-residual system with κ(A) ≈ 2: forward error ≈ κ·ε.
        #expect(zip(x, w).allSatisfy { abs($0 - $1) < 1e-12 }, "x = \(x)")
    }

    @Test func leastSquaresOfARankDeficientMatrixThrows() {
        let a = Matrix64([[1, 0], [1, 0], [1, 0]])
        #expect {
            _ = try a.leastSquares([1, 2, 3])
        } throws: { error in
            (error as? LAPACKError)?.routine == "dgels" && !String(describing: error).contains("\n")
        }
    }

    /// A = L·Lᵀ with L = [[2, 0, 0], [1, 2, 0], [1, 1, 2]] chosen by hand; b = A·(1, −1, 2).
    @Test func choleskyOfAHandMadeMatrix() throws {
        let a = Matrix64([[4, 2, 2], [2, 5, 3], [2, 3, 6]])
        let cholesky = try Cholesky(a)
        #expect(cholesky.lower == Matrix64([[2, 0, 0], [1, 2, 0], [1, 1, 2]]))
        let x = try cholesky.solve([6, 3, 11])
        #expect(zip(x, [1, -1, 2]).allSatisfy { abs($0 - $1) < 1e-14 }, "x = \(x)")
    }

    /// The same A: A⁻¹ = adj(A)/det(A), det = 64, worked by hand; A·A⁻¹ = I to rounding.
    @Test func inverseFromTheCholeskyFactor() throws {
        let a = Matrix64([[4, 2, 2], [2, 5, 3], [2, 3, 6]])
        let inverse = try Cholesky(a).inverse()
        let expected = Matrix64([[21, -6, -4], [-6, 20, -8], [-4, -8, 16]].map { $0.map { $0 / 64 } })
        #expect(zip(inverse.storage, expected.storage).allSatisfy { abs($0 - $1) < 1e-15 }, "A⁻¹ = \(inverse.storage)")
        let identity = (a * inverse).storage
        #expect(zip(identity, Matrix64.identity(3).storage).allSatisfy { abs($0 - $1) < 1e-14 }, "A·A⁻¹ = \(identity)")
    }

    @Test func choleskyRejectsANonPositiveDefiniteMatrix() {
        // Leading minors 4, 16, then det = −4·... < 0: the third fails.
        let a = Matrix64([[4, 2, 2], [2, 5, 3], [2, 3, -1]])
        #expect(throws: LAPACKError(routine: "dpotrf", info: 3, meaning: "matrix not positive definite", valueName: "leading minor")) {
            _ = try Cholesky(a)
        }
        do {
            _ = try Cholesky(a)
        } catch {
            #expect(String(describing: error) == "dpotrf: matrix not positive definite (leading minor 3)")
        }
        // An indefinite 2×2 block: the second leading minor is 1 − 4 < 0.
        #expect(throws: LAPACKError.self) { _ = try Cholesky(Matrix64([[1, 2], [2, 1]])) }
    }

    @Test func singularValuesOfDiagonalMatrices() throws {
        #expect(try Matrix64.diagonal([3, -5, 1, 0.5]).singularValues() == [5, 3, 1, 0.5])
        // A permuted diagonal goes through Householder and Givens rotations: a few ulps off.
        let permuted = try Matrix64([[0, 2], [3, 0], [0, 0]]).singularValues()
        #expect(zip(permuted, [3.0, 2]).allSatisfy { abs($0 - $1) < 1e-14 }, "σ \(permuted)")
        #expect(try Matrix64.diagonal([2, 4]).conditionNumber() == 2)
        #expect(try Matrix64.diagonal([1, 0]).conditionNumber() == .infinity)
    }

    @Test(arguments: [1.0, 10, 1e3, 1e6])
    func constructedMatrixHasTheChosenConditionNumber(kappa: Double) throws {
        var rng = SeededGenerator(seed: 22)
        let x = try Matrix64.withConditionNumber(rows: 40, cols: 8, kappa: kappa, using: &rng)
        let sigma = try x.singularValues()
        // σ_min is computed to ≈ ε·σ_max = 2e-16 absolute, i.e. ε·κ ≤ 2e-10 relative at κ = 1e6:
        // 1e-8 leaves room for rounding in forming X itself.
        #expect(abs(sigma[0] - 1) < 1e-12, "κ=\(kappa): σ_max \(sigma[0])")
        #expect(abs(try x.conditionNumber() / kappa - 1) < 1e-8, "κ=\(kappa): measured \(sigma[0] / sigma[7])")
        let expected = Matrix64.logSpacedSingularValues(count: 8, kappa: kappa)
        #expect(zip(sigma, expected).allSatisfy { abs($0 / $1 - 1) < 1e-8 }, "κ=\(kappa): σ \(sigma)")
    }

    @Test func logSpacedSingularValuesEndpoints() {
        let sigma = Matrix64.logSpacedSingularValues(count: 4, kappa: 1000)
        #expect(sigma[0] == 1 && sigma[3] == 1e-3)
        #expect(abs(sigma[1] - 0.1) < 1e-15 && abs(sigma[2] - 0.01) < 1e-16)
        #expect(Matrix64.logSpacedSingularValues(count: 1, kappa: 50) == [1])
    }

    @Test(arguments: [(30, 30), (50, 7), (1, 1)])
    func randomOrthogonalHasOrthonormalColumns(rows: Int, cols: Int) throws {
        var rng = SeededGenerator(seed: 23)
        let q = try Matrix64.randomOrthogonal(rows: rows, cols: cols, using: &rng)
        let gram = Matrix64.product(q, q, transposeA: true)
        var residual = gram
        for i in 0..<cols { residual[i, i] -= 1 }
        // Householder QR: ‖QᵀQ − I‖ = O(n·ε) ≈ 1e-14 for n ≤ 50.
        #expect(residual.frobeniusNorm < 1e-12, "\(rows)×\(cols): ‖QᵀQ − I‖ = \(residual.frobeniusNorm)")

        var again = SeededGenerator(seed: 23)
        #expect(try Matrix64.randomOrthogonal(rows: rows, cols: cols, using: &again) == q, "\(rows)×\(cols) determinism")
    }

    @Test func negativeInfoNamesTheArgument() {
        let error = LAPACKError(routine: "dgels", info: -4, meaning: "m", valueName: "column")
        #expect(error.description == "dgels: illegal value in argument 4; a bug in the caller")
    }

    @Test func blasInfoReportsTheLinkedLibrary() {
        let info = BLASInfo.current
        #expect(!info.coreName.isEmpty && info.coreName != "unknown")
        #expect(info.config.contains("OpenBLAS"), "config \(info.config)")
        #expect(info.threadCount >= 1)
    }
}

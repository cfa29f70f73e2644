import Testing
import Tensor
@testable import Datasets

@Suite struct SplitTests {
    @Test func trainTestSplitIsDeterministicDisjointAndCovering() {
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5), c = SeededGenerator(seed: 6)
        let split = TrainTestSplit.shuffled(count: 101, testFraction: 0.2, using: &a)
        #expect(split == TrainTestSplit.shuffled(count: 101, testFraction: 0.2, using: &b))
        #expect(split != TrainTestSplit.shuffled(count: 101, testFraction: 0.2, using: &c))
        // round(101 · 0.2) = round(20.2) = 20.
        #expect(split.test.count == 20 && split.train.count == 81)
        #expect(Set(split.train).isDisjoint(with: split.test))
        #expect(Set(split.train + split.test) == Set(0..<101))
    }

    @Test func tinySplitsKeepBothPartsNonEmpty() {
        var rng = SeededGenerator(seed: 1)
        let low = TrainTestSplit.shuffled(count: 3, testFraction: 0.01, using: &rng)
        let high = TrainTestSplit.shuffled(count: 3, testFraction: 0.99, using: &rng)
        #expect(low.test.count == 1 && high.train.count == 1)
    }

    @Test(arguments: [(10, 3), (442, 5), (7, 7)])
    func kFoldPartitions(count: Int, k: Int) {
        var rng = SeededGenerator(seed: 9)
        let folds = KFold(count: count, k: k, using: &rng)
        var again = SeededGenerator(seed: 9)
        #expect(folds == KFold(count: count, k: k, using: &again), "count \(count), k \(k)")
        let sizes = folds.folds.map(\.count)
        #expect(sizes.reduce(0, +) == count && sizes.max()! - sizes.min()! <= 1, "sizes \(sizes)")
        #expect(Set(folds.folds.flatMap { $0 }) == Set(0..<count), "count \(count), k \(k)")
        for fold in 0..<k {
            let split = folds.split(fold)
            #expect(split.test == folds.folds[fold])
            #expect(Set(split.train).isDisjoint(with: split.test) && split.train.count + split.test.count == count)
        }
    }

    @Test func subsetsFollowTheIndices() throws {
        let data = try Diabetes.load(from: TestData.paths)
        let part = data.subset([3, 0])
        #expect(part.features.row(0) == data.features.row(3) && part.targets == [data.targets[3], data.targets[0]])
        let images = try Digits.load(from: TestData.paths).subset([5, 1, 5])
        #expect(images.images.shape == [3, 1, 8, 8] && images.labels.count == 3)
        #expect(images.images.rows(at: [0]) == images.images.rows(at: [2]))
    }
}

@Suite struct StandardizerTests {
    @Test func trainColumnsHaveMeanZeroAndStdOne() throws {
        let data = try Diabetes.load(from: TestData.paths)
        var rng = SeededGenerator(seed: 3)
        let split = TrainTestSplit.shuffled(count: data.count, testFraction: 0.25, using: &rng)
        let train = data.features.rows(at: split.train)
        let standardizer = Standardizer(fitting: train)
        let z = standardizer.transform(train)
        for j in 0..<z.cols {
            let column = z.column(j)
            let mean = column.reduce(0, +) / Double(column.count)
            let std = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(column.count)).squareRoot()
            // FP64 sums over 331 values of magnitude ≤ 1e3: rounding stays below 1e-12.
            #expect(abs(mean) < 1e-12 && abs(std - 1) < 1e-12, "column \(data.featureNames[j]): mean \(mean), std \(std)")
        }
        // The test split is transformed with the training statistics, not its own.
        let test = data.features.rows(at: split.test)
        let zTest = standardizer.transform(test)
        #expect(zTest[0, 2] == (test[0, 2] - standardizer.mean[2]) / standardizer.std[2])
        let back = standardizer.inverseTransform(zTest)
        #expect(zip(back.storage, test.storage).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
    }

    @Test func knownStatisticsByHand() {
        // Column 0: {1, 3} → μ = 2, σ = 1. Column 1 is constant 5 → σ taken as 1, centred only.
        let x = Matrix64([[1, 5], [3, 5]])
        let s = Standardizer(fitting: x)
        #expect(s.mean == [2, 5] && s.std == [1, 1])
        #expect(s.transform(x) == Matrix64([[-1, 0], [1, 0]]))
        #expect(s.transform(Matrix64([[2, 7]])) == Matrix64([[0, 2]]), "a new value in a constant column passes as its difference")
        let t = s.transform(Tensor(shape: [2, 2], storage: [1, 5, 3, 5]))
        #expect(t == Tensor(shape: [2, 2], storage: [-1, 0, 1, 0]))
    }
}

/// Stratified splits keep each class's share and are fixed by the seed.
@Suite struct StratifiedSplitTests {
    @Test func everyClassKeepsItsShare() {
        let labels = (0..<5000).map { $0 % 10 }
        var rng = SeededGenerator(seed: 1)
        let split = TrainTestSplit.stratified(labels: labels, testFraction: 0.2, using: &rng)
        #expect(split.test.count == 1000 && split.train.count == 4000)
        for c in 0..<10 {
            #expect(split.test.filter { labels[$0] == c }.count == 100, "class \(c)")
        }
        #expect(Set(split.train).union(split.test) == Set(0..<5000))
        var again = SeededGenerator(seed: 1), other = SeededGenerator(seed: 2)
        #expect(TrainTestSplit.stratified(labels: labels, testFraction: 0.2, using: &again) == split)
        #expect(TrainTestSplit.stratified(labels: labels, testFraction: 0.2, using: &other) != split)
    }
}

extension TrainTestSplit {
    /// A seeded stratified split: within each class the indices are shuffled (Fisher–Yates via
    /// `nextIndex(below:)`, classes in label order) and the first
    /// ```
    /// testCountᶜ = round(countᶜ · testFraction)
    /// ```
    /// go to the test part (rounding half away from zero), so every class keeps its share in
    /// both parts; MNIST-5k's 500 images per class split 400/100 at a fraction of 0.2. Each part
    /// lists its indices in increasing order, so the split does not depend on the shuffle order
    /// beyond membership.
    /// - Parameters:
    ///   - labels: the class of every sample.
    ///   - testFraction: the share of each class held out, in (0, 1).
    ///   - rng: the seeded generator.
    public static func stratified(
        labels: [Int], testFraction: Double, using rng: inout some RandomNumberGenerator
    ) -> TrainTestSplit {
        precondition(testFraction > 0 && testFraction < 1, "TrainTestSplit: test fraction \(testFraction) outside (0, 1)")
        var byClass: [Int: [Int]] = [:]
        for (index, label) in labels.enumerated() { byClass[label, default: []].append(index) }
        var train: [Int] = [], test: [Int] = []
        for label in byClass.keys.sorted() {
            var members = byClass[label]!
            rng.shuffle(&members)
            let testCount = Int((Double(members.count) * testFraction).rounded())
            test += members[..<testCount]
            train += members[testCount...]
        }
        return TrainTestSplit(train: train.sorted(), test: test.sorted())
    }
}

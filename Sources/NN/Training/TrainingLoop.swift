public import Tensor

/// Mini-batch training: each epoch shuffles the samples with the seeded generator, then for
/// each batch runs forward, the loss, backward and one optimizer step.
///
/// ```
/// for epoch in 1…E:  for B in shuffled batches:
///     zero gradients;  p = model.forward(X[B]);  (L, ∂L/∂p) = loss(p, Y[B])
///     model.backward(∂L/∂p);  optimizer.step(model)
/// ```
/// The same generator state, model, data and settings give the same parameters bit for bit.
public struct TrainingLoop: Sendable {
    /// Passes over the training set.
    public let epochs: Int
    /// Samples per mini-batch (the last batch of an epoch may be smaller).
    public let batchSize: Int

    /// - Precondition: `epochs ≥ 0`, `batchSize ≥ 1`.
    public init(epochs: Int, batchSize: Int) {
        precondition(epochs >= 0 && batchSize >= 1, "TrainingLoop: epochs \(epochs), batch size \(batchSize)")
        self.epochs = epochs
        self.batchSize = batchSize
    }

    /// Trains `model` in place.
    /// - Parameters:
    ///   - inputs: `[N, …]`, one sample per row.
    ///   - targets: `[N, …]`, the matching targets.
    /// - Returns: the mean batch loss of every epoch (FP64), `epochs` values.
    /// - Precondition: inputs and targets have the same number of rows, at least one.
    @discardableResult
    public func fit(
        _ model: inout some Layer, optimizer: inout some Optimizer, loss: some Loss,
        inputs: Tensor, targets: Tensor, using rng: inout some RandomNumberGenerator
    ) -> [Double] {
        precondition(inputs.rank >= 1 && targets.rank >= 1 && inputs.shape[0] == targets.shape[0] && inputs.shape[0] > 0,
                     "TrainingLoop: inputs \(inputs.shape) and targets \(targets.shape) differ in rows")
        var history: [Double] = []
        history.reserveCapacity(epochs)
        for _ in 0..<epochs {
            var total = 0.0
            let batches = MiniBatches.shuffled(count: inputs.shape[0], batchSize: batchSize, using: &rng)
            for batch in batches {
                model.zeroGradients()
                let prediction = model.forward(inputs.rows(at: batch))
                let (value, gradient) = loss(prediction, targets.rows(at: batch))
                _ = model.backward(gradient)
                optimizer.step(&model)
                total += value
            }
            history.append(total / Double(batches.count))
        }
        return history
    }
}

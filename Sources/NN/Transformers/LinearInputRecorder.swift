import Tensor

/// Records a linear layer's inputs during inference: installed as its input quantizer, it passes
/// values through unchanged and folds each input into `value` (statistics for calibration, a
/// Hessian for GPTQ). A class, so the model's value copies share one record; one model
/// evaluates one batch at a time, so no two calls write at once.
final class LinearInputRecorder<Value>: FakeQuantizer, @unchecked Sendable {
    /// What has been folded in so far.
    var value: Value
    /// Which rows of the current batch are real tokens (the padding rows are never used).
    var rows: [Bool] = []
    /// Folds one input `[rows, features]` with its real-row flags into the value.
    let fold: (inout Value, Tensor, [Bool]) -> Void

    init(_ value: Value, fold: @escaping (inout Value, Tensor, [Bool]) -> Void) {
        self.value = value
        self.fold = fold
    }

    var bits: Int { 32 }
    var method: String { "record" }
    func forward(_ input: Tensor) -> Tensor { self(input) }
    func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }
    func callAsFunction(_ input: Tensor) -> Tensor {
        fold(&value, input, rows)
        return input
    }
    func visitParameters(_ body: (String, inout Parameter) -> Void) {}
}

extension BertEncoder {
    /// Runs `batches` through the model and folds what each selected linear layer sees into a
    /// value per layer.
    /// - Parameters:
    ///   - sites: which layers to record (all by default).
    ///   - start: the empty value of a layer.
    ///   - fold: adds one input (`[B·T, features]`) with its real-token flags (`TokenBatch.mask`).
    func recordLinearInputs<Value>(
        _ batches: [TokenBatch], sites: (BertLinearSite) -> Bool = { _ in true }, start: (Linear) -> Value,
        fold: @escaping (inout Value, Tensor, [Bool]) -> Void
    ) -> [BertLinearSite: Value] {
        var recorders: [BertLinearSite: LinearInputRecorder<Value>] = [:]
        var model = self
        model.updateLinears { site, linear in
            guard sites(site) else { return }
            let r = LinearInputRecorder(start(linear), fold: fold)
            recorders[site] = r
            linear.inputQuantizer = r
        }
        for batch in batches {
            for r in recorders.values { r.rows = batch.mask }
            _ = model.hiddenStates(batch)
        }
        return recorders.mapValues(\.value)
    }
}

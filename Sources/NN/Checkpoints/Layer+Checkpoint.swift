public import Tensor

/// Saving and loading a model's state as a safetensors file: every parameter and buffer under the
/// dotted name `visitParameters` / `visitBuffers` gives it (`0.weight`, `1.runningMean`), so a
/// trained model can be cached and restored, and a PyTorch state dict with the same names and
/// layouts loads as it is.
///
/// Gradients and optimizer moments are not saved: a checkpoint restores what inference and
/// further training start from, not a training run in mid-step. A fake quantizer's parameters
/// (LSQ's step) are saved with the rest; its non-parameter state (an STE observer's running
/// range) is not.
extension Layer {
    /// Every parameter value and buffer by name.
    /// - Precondition: no parameter and buffer share a name.
    public var checkpointTensors: [String: Tensor] {
        var copy = self
        var out: [String: Tensor] = [:]
        copy.visitParameters { name, p in
            precondition(out.updateValue(p.value, forKey: name) == nil, "checkpoint: two parameters named '\(name)'")
        }
        copy.visitBuffers { name, b in
            precondition(out.updateValue(b, forKey: name) == nil, "checkpoint: a buffer and a parameter named '\(name)'")
        }
        return out
    }

    /// Writes `checkpointTensors` and `metadata` to `path` atomically (`SafetensorsWriter`).
    /// - Throws: `SafetensorsError` of kind `unwritable`.
    public func saveCheckpoint(to path: String, metadata: [String: String] = [:]) throws(SafetensorsError) {
        try SafetensorsWriter.write(checkpointTensors, metadata: metadata, to: path)
    }

    /// Replaces every parameter value and buffer with the tensor of the same name in `path`.
    /// - Throws: `SafetensorsError` (see `loadCheckpoint(from reader:)`); the model is unchanged.
    public mutating func loadCheckpoint(from path: String) throws(SafetensorsError) {
        try loadCheckpoint(from: SafetensorsReader(contentsOf: path))
    }

    /// Replaces every parameter value and buffer with the tensor of the same name in `reader`.
    ///
    /// The file must match the model exactly: the same names, each with the same shape, so a
    /// checkpoint of another architecture is refused rather than half-loaded. Any dtype
    /// `SafetensorsReader` converts to `Float` is accepted. Gradients are left as they were.
    /// - Throws: `SafetensorsError`: `missingTensor` for a model name the file lacks,
    ///   `unexpectedTensor` for a file name the model lacks, `shapeMismatch`, or a read error.
    ///   On error the model is unchanged.
    public mutating func loadCheckpoint(from reader: SafetensorsReader) throws(SafetensorsError) {
        let expected = checkpointTensors
        for name in expected.keys.sorted() {
            guard let entry = reader.header.entry(named: name) else {
                throw SafetensorsError(path: reader.path, kind: .missingTensor, detail: "the model's '\(name)' is not in the checkpoint; it was saved from another model")
            }
            guard entry.shape == expected[name]!.shape else {
                throw SafetensorsError(path: reader.path, kind: .shapeMismatch, detail: "'\(name)' has shape \(entry.shape) in the checkpoint and \(expected[name]!.shape) in the model")
            }
        }
        if let extra = reader.names.first(where: { expected[$0] == nil }) {
            throw SafetensorsError(path: reader.path, kind: .unexpectedTensor, detail: "the checkpoint's '\(extra)' is not a parameter or buffer of the model; it was saved from another model")
        }
        var loaded: [String: Tensor] = [:]
        for name in expected.keys { loaded[name] = try reader.tensor(named: name) }
        visitParameters { name, p in p.value = loaded[name]! }
        visitBuffers { name, b in b = loaded[name]! }
    }
}

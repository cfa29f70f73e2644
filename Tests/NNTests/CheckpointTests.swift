import Foundation
import NN
import Tensor
import Testing

/// Saving a model's parameters and buffers to safetensors and loading them back.
@Suite("Checkpoints")
struct CheckpointTests {
    /// A small CNN with every kind of state: conv and linear parameters, batch-norm parameters
    /// and running statistics (moved off their defaults by two training forwards).
    static func model(seed: UInt64) -> Sequential {
        var rng = SeededGenerator(seed: seed)
        var model = Sequential([
            Conv2d(inputChannels: 1, outputChannels: 3, kernelSize: 3, using: &rng), BatchNorm2d(channels: 3), ReLU(), MaxPool2d(),
            Flatten(), Linear(inputs: 12, outputs: 4, using: &rng),
        ])
        for _ in 0..<2 { _ = model.forward(Tensor.normal(shape: [2, 1, 6, 6], using: &rng)) }
        return model
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("quantlab-nn-\(UUID().uuidString).safetensors").path
    }

    @Test("round trip: every parameter and buffer by name, bit for bit, and the same inference")
    func roundTrip() throws {
        let saved = Self.model(seed: 71)
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try saved.saveCheckpoint(to: path, metadata: ["section": "vision", "epochs": "10"])

        let reader = try SafetensorsReader(contentsOf: path)
        #expect(reader.metadata == ["section": "vision", "epochs": "10"])
        #expect(Set(reader.names) == ["0.weight", "0.bias", "1.weight", "1.bias", "1.runningMean", "1.runningVariance", "5.weight", "5.bias"])

        var loaded = Self.model(seed: 72)
        #expect(loaded.checkpointTensors != saved.checkpointTensors, "the fixture must start from other values")
        try loaded.loadCheckpoint(from: path)
        for (name, t) in saved.checkpointTensors {
            #expect(loaded.checkpointTensors[name]?.storage.map(\.bitPattern) == t.storage.map(\.bitPattern), "'\(name)'")
        }
        let x = Fixtures.normal([3, 1, 6, 6], seed: 73)
        #expect(loaded(x) == saved(x))
    }

    @Test("a checkpoint of another model is refused and leaves the model unchanged", arguments: [
        ("a tensor the model lacks", SafetensorsError.Kind.unexpectedTensor),
        ("a tensor the checkpoint lacks", .missingTensor),
        ("a shape that differs", .shapeMismatch),
    ])
    func mismatch(_ label: String, _ kind: SafetensorsError.Kind) throws {
        var tensors = Self.model(seed: 74).checkpointTensors
        switch kind {
        case .unexpectedTensor: tensors["6.weight"] = Tensor(shape: [1], storage: [0])
        case .missingTensor: tensors["1.runningVariance"] = nil
        default: tensors["5.weight"] = Tensor(shape: [12, 4], repeating: 0)
        }
        let reader = try SafetensorsReader(bytes: SafetensorsWriter.encode(tensors), label: "other.safetensors")
        var model = Self.model(seed: 75)
        let before = model.checkpointTensors
        do {
            try model.loadCheckpoint(from: reader)
            Issue.record("\(label): loaded")
        } catch {
            #expect(error.kind == kind && error.description.hasPrefix("other.safetensors: "), "\(label): \(error)")
        }
        #expect(model.checkpointTensors == before, "\(label): the model changed")
    }
}

public import Tensor

/// A feed-forward CNN (convolutions, max pooling, linear layers, fused ReLUs) run for inference
/// on oneDNN's primitives, in FP32 or in INT8: the engine behind the vision chapter's speed table.
///
/// INT8 is the static W8A8 scheme of the PTQ grid, executed rather than simulated:
/// ```
/// x_u8   = clamp(round(x / s_x), 0, 255)                  input of each layer with weights, zero point 0
/// w_s8   = QuantCore's symmetric codes, one scale s_w[o] per output channel
/// acc    = Σ x_u8 · w_s8                                  exact in INT32 (u8 × s8 on VNNI's vpdpbusd)
/// y_next = clamp(round(relu(s_x·s_w[o]/s_next · (acc + b[o]/(s_x·s_w[o])))), 0, 255)
/// ```
/// so every primitive writes the next layer's u8 codes (max pooling commutes with this monotone
/// rounding and runs on the codes); the last layer writes FP32 logits (`s_next` = 1). The scales
/// `s_x` are static, from calibration (QuantCore's affine parameters with zero point 0: every
/// input is an image in [0, 1] or follows a ReLU). Rounding is oneDNN's: to nearest even, saturating.
///
/// Layouts are oneDNN's choice (`format_tag_any`), reached by reorders that the plan holds; the
/// input reorder is also the INT8 engine's quantization of the images. Plans (primitives and
/// memories) are built once per batch size. Not thread-safe: one engine per thread.
public final class ConvNetEngine {
    /// The arithmetic of the engine.
    public enum Precision: Sendable, Equatable {
        /// FP32 weights and activations.
        case fp32
        /// u8 activations and s8 weights with INT32 accumulation; `inputScales` holds the static
        /// scale of the input of each layer with weights, in order (each finite and > 0).
        case int8(inputScales: [Float])
    }

    /// The arithmetic.
    public let precision: Precision
    /// The shape of one image, `[C, H, W]`.
    public let imageShape: [Int]
    /// Outputs per image (the last layer's width).
    public let classes: Int
    /// Bytes of the weights, weight scales and biases as the engine stores them (INT8: one byte
    /// per weight plus an FP32 scale and bias per output channel; FP32: four bytes per value).
    public let weightBytes: Int

    private let stages: [ConvNetStage]
    private let engine: DNNLEngine
    private let stream: DNNLStream
    private var plans: [Int: ConvNetPlan] = [:]

    /// An engine for `layers` over images of `imageShape`.
    /// - Parameters:
    ///   - layers: the inference graph; the last layer must be `.linear` (it writes the logits),
    ///     and in INT8 every other layer with weights must end in a ReLU (its u8 output has no
    ///     negative codes).
    ///   - imageShape: `[C, H, W]` of one image.
    ///   - precision: FP32 or INT8 with one input scale per layer with weights.
    /// - Throws: `KernelInputError` naming the layer or value that does not fit;
    ///   `QuantizationError` for non-finite weights; `DNNLError` when oneDNN fails.
    public init(layers: [ConvNetLayer], imageShape: [Int], precision: Precision) throws {
        guard imageShape.count == 3, imageShape.allSatisfy({ $0 >= 1 }) else {
            throw KernelInputError("ConvNetEngine: image shape \(imageShape); needs [C, H, W], each ≥ 1")
        }
        guard case .linear = layers.last else { throw KernelInputError("ConvNetEngine: the last layer must be linear (it writes the logits)") }
        let weighted = layers.indices.filter { layers[$0].hasWeights }
        var scales: [Float] = []
        if case .int8(let inputScales) = precision {
            guard inputScales.count == weighted.count else {
                throw KernelInputError("ConvNetEngine: \(inputScales.count) input scales for \(weighted.count) layers with weights")
            }
            if let bad = inputScales.first(where: { !($0.isFinite && $0 > 0) }) {
                throw KernelInputError("ConvNetEngine: input scale \(bad); each must be finite and > 0")
            }
            for index in weighted.dropLast() {
                switch layers[index] {
                case .convolution(_, _, let relu), .linear(_, _, let relu):
                    guard relu else { throw KernelInputError("ConvNetEngine layer \(index): INT8 needs a ReLU after every layer with weights but the last (u8 outputs)") }
                case .maxPool: break
                }
            }
            scales = inputScales
        }
        var shape = imageShape
        var stages: [ConvNetStage] = []
        for (index, layer) in layers.enumerated() {
            var stageScales: (input: Float, next: Float?)?
            if !scales.isEmpty, let k = weighted.firstIndex(of: index) {
                stageScales = (scales[k], k + 1 < scales.count ? scales[k + 1] : nil)
            }
            let stage = try ConvNetStage(layer, index: index, inputShape: shape, scales: stageScales)
            stages.append(stage)
            shape = stage.outputShape
        }
        self.precision = precision
        self.imageShape = imageShape
        self.stages = stages
        classes = shape[0]
        weightBytes = stages.reduce(0) { $0 + $1.bytes }
        engine = try DNNLEngine()
        stream = try DNNLStream(engine: engine)
    }

    /// `FP32` or `INT8` with the engine's name, for tables.
    public var label: String { precision == .fp32 ? "oneDNN FP32" : "oneDNN INT8 (u8 activations, s8 weights)" }

    /// The oneDNN implementation of each primitive of the plan for `batch` (reorders included),
    /// e.g. `jit_int8:avx512_core_vnni`; empty before that batch size has run.
    public func implementations(batch: Int) -> [String] {
        plans[batch]?.steps.map(\.primitive.implementation) ?? []
    }

    /// The logits of `images` (`[N, C, H, W]` or `[N, C·H·W]`), `[N, classes]`.
    /// - Throws: `KernelInputError` for a shape that is not `N` images of `imageShape`;
    ///   `DNNLError` when oneDNN fails.
    public func logits(_ images: Tensor) throws -> Tensor {
        let perImage = imageShape.reduce(1, *)
        guard images.shape.count >= 2, images.shape[0] >= 1, images.shape.dropFirst().reduce(1, *) == perImage,
              images.shape.count == 2 || Array(images.shape.dropFirst()) == imageShape else {
            throw KernelInputError("ConvNetEngine: images \(images.shape); needs [N, \(imageShape.map(String.init).joined(separator: ", "))]")
        }
        let n = images.shape[0]
        let plan = try plans[n] ?? ConvNetPlan(stages: stages, batch: n, imageShape: imageShape, int8: precision != .fp32,
                                               inputScale: inputScale, engine: engine, stream: stream)
        plans[n] = plan
        images.storage.withUnsafeBytes { plan.input.data.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        for step in plan.steps { try step.primitive.submit(step.arguments, on: stream) }
        try stream.wait()
        let out = UnsafeBufferPointer(start: plan.output.data.assumingMemoryBound(to: Float.self), count: n * classes)
        return Tensor(shape: [n, classes], storage: Array(out))
    }

    /// Frees the plans of every batch size (they are built again when needed).
    public func removeCachedPlans() { plans.removeAll() }

    /// The scale of the first layer's input (INT8), by which the input reorder divides.
    private var inputScale: Float {
        if case .int8(let scales) = precision { return scales[0] }
        return 1
    }
}

/// The primitives and memories of a `ConvNetEngine` for one batch size: a chain of steps on an
/// in-order stream, from the FP32 images in `input` (NCHW) to the FP32 logits in `output` (`[N, classes]`).
final class ConvNetPlan {
    /// One primitive with the memories it reads and writes.
    struct Step {
        let primitive: DNNLPrimitive
        let arguments: [(DNNLArgument, DNNLMemory)]
    }

    let input: DNNLMemory
    private(set) var output: DNNLMemory
    private(set) var steps: [Step] = []
    /// Memories the steps use that no step argument list owns (weights' user copies).
    private var kept: [AnyObject] = []

    /// Builds the chain; weights and biases are loaded (and reordered to the primitives' layouts) here, once.
    init(
        stages: [ConvNetStage], batch n: Int, imageShape: [Int], int8: Bool, inputScale: Float,
        engine: DNNLEngine, stream: DNNLStream
    ) throws(DNNLError) {
        input = try DNNLMemory(DNNLMemoryDescriptor(dimensions: [n] + imageShape, type: .f32, tag: .nchw), engine: engine)
        output = input
        var current = input
        let activation: DNNLDataType = int8 ? .u8 : .f32
        let weightType: DNNLDataType = int8 ? .s8 : .f32
        for (index, stage) in stages.enumerated() {
            let last = index == stages.count - 1
            switch stage.kind {
            case .maxPool(let size):
                let type = current.descriptor.dataType ?? .f32
                let pool = try DNNLPrimitive.maxPooling(
                    source: current.descriptor,
                    destination: DNNLMemoryDescriptor(dimensions: [n] + stage.outputShape, type: type, tag: .any),
                    size: size, engine: engine)
                let destination = try DNNLMemory(pool.destinationDescriptor(), engine: engine)
                steps.append(Step(primitive: pool, arguments: [(.source, current), (.destination, destination)]))
                current = destination
            case .convolution, .linear:
                let isConvolution: Bool
                if case .convolution = stage.kind { isConvolution = true } else { isConvolution = false }
                let source = try DNNLMemoryDescriptor(dimensions: [n] + stage.inputShape, type: activation, tag: .any)
                let weightDimensions = stage.weightDimensions
                let weights = try DNNLMemoryDescriptor(dimensions: weightDimensions, type: weightType, tag: .any)
                let biasDescriptor = try DNNLMemoryDescriptor(dimensions: [stage.outputShape[0]], type: .f32, tag: .x)
                // The logits (and, simply, every inner product's output) are a plain [N, O] matrix.
                let destinationDescriptor = try DNNLMemoryDescriptor(
                    dimensions: [n] + stage.outputShape, type: last ? .f32 : activation, tag: isConvolution ? .any : .nc)
                let attributes = try DNNLAttributes(outputScales: stage.outputScales, relu: stage.relu)
                let primitive = isConvolution
                    ? try DNNLPrimitive.convolution(source: source, weights: weights, bias: biasDescriptor,
                                                    destination: destinationDescriptor, attributes: attributes, engine: engine)
                    : try DNNLPrimitive.innerProduct(source: source, weights: weights, bias: biasDescriptor,
                                                     destination: destinationDescriptor, attributes: attributes, engine: engine)
                let sourceMemory = try adapt(current, to: primitive.sourceDescriptor(), scale: 1 / inputScale, engine: engine)
                let userTag: DNNLTag = weightDimensions.count == 4 ? .oihw : .nc
                let weightOperand = try DNNLOperand(
                    user: DNNLMemoryDescriptor(dimensions: weightDimensions, type: weightType, tag: userTag),
                    kernel: primitive.weightsDescriptor(), engine: engine)
                if int8 {
                    try stage.codes.withUnsafeBufferPointer { (p) throws(DNNLError) in try weightOperand.load(p, on: stream) }
                } else {
                    try stage.floatWeights.withUnsafeBufferPointer { (p) throws(DNNLError) in try weightOperand.load(p, on: stream) }
                }
                let bias = try DNNLMemory(biasDescriptor, engine: engine)
                stage.bias.withUnsafeBytes { bias.data.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                let destination = try DNNLMemory(primitive.destinationDescriptor(), engine: engine)
                steps.append(Step(primitive: primitive, arguments: [
                    (.source, sourceMemory), (.weights, weightOperand.kernel), (.bias, bias), (.destination, destination),
                ]))
                kept.append(weightOperand)
                current = destination
            }
        }
        output = current
    }

    /// `memory` itself when it already has the layout and type `wanted`, else a new memory and a
    /// reorder step into it; an FP32 → u8 reorder quantizes, `round(scale · x)` saturated to [0, 255].
    private func adapt(_ memory: DNNLMemory, to wanted: DNNLMemoryDescriptor, scale: Float, engine: DNNLEngine) throws(DNNLError) -> DNNLMemory {
        if memory.descriptor.matches(wanted) { return memory }
        let quantizes = memory.descriptor.dataType == .f32 && wanted.dataType == .u8
        let reorder = try DNNLPrimitive.reorder(
            from: memory.descriptor, to: wanted, attributes: quantizes ? DNNLAttributes(outputScales: [scale]) : nil, engine: engine)
        let target = try DNNLMemory(wanted, engine: engine)
        steps.append(Step(primitive: reorder, arguments: [(.from, memory), (.to, target)]))
        return target
    }
}

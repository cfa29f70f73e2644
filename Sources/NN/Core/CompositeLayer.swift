/// A layer made of other layers, such as `Sequential`: quantization hooks recurse into it.
public protocol CompositeLayer: Layer {
    /// Calls `body` on every quantizable layer inside, with its name prefix (`0.`, `1.`, …).
    mutating func visitSublayers(_ body: (_ name: String, _ layer: inout any QuantizableLayer) -> Void)
}

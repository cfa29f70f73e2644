public import Tensor

/// Layers applied one after another: the output of each is the input of the next, and
/// `backward` runs them in reverse.
///
/// Parameters are named by position: `0.weight`, `1.bias`, … (as in PyTorch's `nn.Sequential`).
public struct Sequential: CompositeLayer {
    /// The layers, first applied first.
    public var layers: [any Layer]

    /// A composition of `layers`, applied in order.
    public init(_ layers: [any Layer]) {
        self.layers = layers
    }

    public mutating func forward(_ input: Tensor) -> Tensor {
        var x = input
        for i in layers.indices { x = layers[i].forward(x) }
        return x
    }

    public mutating func backward(_ outputGradient: Tensor) -> Tensor {
        var g = outputGradient
        for i in layers.indices.reversed() { g = layers[i].backward(g) }
        return g
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
    }

    public mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {
        for i in layers.indices {
            layers[i].visitParameters { name, p in body("\(i).\(name)", &p) }
        }
    }

    public mutating func visitBuffers(_ body: (String, inout Tensor) -> Void) {
        for i in layers.indices {
            layers[i].visitBuffers { name, b in body("\(i).\(name)", &b) }
        }
    }

    public mutating func visitSublayers(_ body: (String, inout any QuantizableLayer) -> Void) {
        for i in layers.indices {
            layers[i].visitQuantizableLayers { name, layer in body("\(i).\(name)", &layer) }
        }
    }
}

extension Layer {
    /// Calls `body` on every quantizable layer inside this one (itself included), with the name
    /// prefix of its parameters; `Sequential` recurses into its layers.
    public mutating func visitQuantizableLayers(_ body: (_ name: String, _ layer: inout any QuantizableLayer) -> Void) {
        if var composite = self as? any CompositeLayer {
            composite.visitSublayers(body)
            self = composite as! Self
        } else if var q = self as? any QuantizableLayer {
            body("", &q)
            self = q as! Self
        }
    }
}

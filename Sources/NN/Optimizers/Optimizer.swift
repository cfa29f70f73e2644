/// An update rule that rewrites a model's parameters in place from their gradients.
///
/// Per-parameter state (velocity, moments) is kept in the order `Layer.visitParameters`
/// visits, which is fixed for a model; an optimizer is used with one model.
public protocol Optimizer: Sendable {
    /// Applies one update to every parameter of `model` from its current gradients.
    mutating func step(_ model: inout some Layer)
}

/// The six linear layers of a BERT layer, by their role (and Hugging Face name).
public enum BertLinearRole: String, Sendable, Hashable, CaseIterable, Comparable {
    /// `attention.self.query`: D → D, input the layer's input.
    case query
    /// `attention.self.key`.
    case key
    /// `attention.self.value`.
    case value
    /// `attention.output.dense`: D → D, input the concatenated heads.
    case attentionOutput
    /// `intermediate.dense`: D → 4D, input LN₁'s output.
    case intermediate
    /// `output.dense`: 4D → D, input the FFN intermediate after GELU.
    case output

    /// Declaration order.
    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One linear layer of the encoder: its layer index and role.
public struct BertLinearSite: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 0-based layer index.
    public let layer: Int
    /// The role within the layer.
    public let role: BertLinearRole

    /// A site.
    public init(layer: Int, role: BertLinearRole) {
        self.layer = layer
        self.role = role
    }

    /// By layer, then role.
    public static func < (a: Self, b: Self) -> Bool { (a.layer, a.role) < (b.layer, b.role) }

    /// `3.intermediate`.
    public var description: String { "\(layer).\(role.rawValue)" }
}

import Foundation

/// The git commit a run was made from and whether the working tree had uncommitted changes.
public struct GitInfo: Codable, Equatable, Sendable {
    /// The full commit id, or `unknown` when there is no git or no repository.
    public var commit: String
    /// Whether tracked or untracked files differ from the commit, generated outputs excluded.
    public var dirty: Bool

    /// A record from known values.
    public init(commit: String, dirty: Bool) {
        self.commit = commit
        self.dirty = dirty
    }

    /// Paths a run itself writes; changes there do not make the tree dirty.
    public static let generatedPaths = ["data/results", "figures", "report/quantization.md", "report/quantization.html"]
}

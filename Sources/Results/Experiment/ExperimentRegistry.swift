/// The experiments the CLI knows, in report order, looked up by id.
public struct ExperimentRegistry: Sendable {
    /// Every experiment, in report order.
    public let experiments: [any Experiment]

    /// A registry of `experiments`.
    /// - Precondition: ids are unique.
    public init(_ experiments: [any Experiment]) {
        precondition(Set(experiments.map(\.id)).count == experiments.count, "duplicate experiment id")
        self.experiments = experiments
    }

    /// The section ids, in report order.
    public var ids: [String] { experiments.map(\.id) }

    /// The experiments named by `ids`, in the order given (duplicates dropped).
    /// - Throws: `ResultsError.unknownSection` for the first unknown name, listing the known ones.
    public func experiments(named ids: [String]) throws(ResultsError) -> [any Experiment] {
        var seen = Set<String>()
        var chosen: [any Experiment] = []
        for id in ids where seen.insert(id).inserted {
            guard let e = experiments.first(where: { $0.id == id }) else {
                throw .unknownSection(id, known: self.ids)
            }
            chosen.append(e)
        }
        return chosen
    }
}

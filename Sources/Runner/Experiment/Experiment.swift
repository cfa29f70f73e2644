public import Records
/// One section of the report as an experiment: parameters in, trial records out.
///
/// Each section has one, registered with its chapter in the Study module's registry.
/// Experiments produce raw facts only: no averaging, no prose, no drawing.
///
/// The runner fingerprints a run by the resolved `parameters(for:)`, the profile, the seed, the
/// SHA-256 of every declared input and of every file the experiment's folder runs (the folder
/// and the modules its files import, through the package's `ModuleGraph`), so a change to any
/// of them marks the stored results stale.
public protocol Experiment: Sendable {
    /// The experiment's parameters, resolved for one profile (sizes, repeats, formats, …).
    /// Encoded to JSON (keys sorted) for the fingerprint and `meta.json`.
    associatedtype Parameters: Codable & Sendable

    /// The section id, e.g. `formats`, `matmul`: the results folder name and the CLI argument.
    var id: String { get }

    /// The parameters of `profile`.
    func parameters(for profile: Profile) -> Parameters

    /// Input files read, named as the Datasets module's `DataPaths` names them, relative to
    /// `data/raw/` (e.g. `mnist_5k.csv`); their checksums go into the fingerprint and
    /// `meta.json`, and a missing one fails the run before it starts. Empty by default.
    var inputs: [String] { get }

    /// The folder of the experiment's code, relative to `Sources/` (`Experiments/Matmul`). The
    /// fingerprint covers it and every module its files import, as `Package.swift` links them.
    var sourceFolder: String { get }

    /// Runs every trial and returns their records, in a deterministic order.
    /// - Throws: any error of the world (missing file, C status); the run is then recorded as
    ///   failed and the previous good results are kept.
    func run(_ parameters: Parameters, context: ExperimentContext) throws -> [TrialRecord]
}

extension Experiment {
    /// No inputs: the experiment generates its own data.
    public var inputs: [String] { [] }
}

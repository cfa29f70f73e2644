import ArgumentParser
import Records
import Runner

/// An option value from a fixed list whose spelling is accepted in any case
/// (`--profile Quick`, `--format INT8`): the case of a name carries no meaning here.
protocol CaseInsensitiveChoice: CaseIterable, RawRepresentable, ExpressibleByArgument where RawValue == String {}

extension CaseInsensitiveChoice {
    /// The case whose raw value equals `argument` ignoring case, or nil.
    init?(argument: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == argument.lowercased() }) else {
            return nil
        }
        self = match
    }
}

extension Profile: CaseInsensitiveChoice {}

extension RerunPolicy: CaseInsensitiveChoice {}

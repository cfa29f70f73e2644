import Records

extension LinregChapter {
    /// The decision table's linear-regression column: the test RMSE change of INT8 and INT4
    /// weights (symmetric, per tensor) against the FP64 fit, median over folds with its interval,
    /// per dataset.
    func decisions(_ values: [String: TemplateValue]) -> [DecisionEntry] {
        var entries: [DecisionEntry] = []
        for (bits, row) in [(8, DecisionEntry.Row.int8PerTensor), (4, .int4Group)] {
            let parts = Self.datasets.compactMap { name, display -> String? in
                guard let c = values["\(name)_int\(bits)"]?.printed(), let lo = values["\(name)_int\(bits)_low"]?.printed(),
                      let hi = values["\(name)_int\(bits)_high"]?.printed() else { return nil }
                return "\(display) \(c) [\(lo), \(hi)]"
            }
            guard !parts.isEmpty else { continue }
            entries.append(DecisionEntry(row, .linreg, "RMSE \(bits == 8 ? "" : "(INT4 per tensor) ")" + parts.joined(separator: ", ")))
        }
        return entries
    }
}

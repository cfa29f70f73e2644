public import Results

extension ExperimentRegistry {
    /// Every section of the report, in report order: what `quantlab run`, `quantlab sections`
    /// and the report iterate. A new section adds its experiment here (and its template).
    public static let sections = ExperimentRegistry([FormatsExperiment(), MatmulExperiment(), LinregExperiment()])
}

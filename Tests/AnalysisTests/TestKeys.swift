import Records

/// The parameter keys of the hand-made records of these tests, spelled as a section schema would.
enum TestParameter: String, ParameterKey {
    case format, size
}

/// The measurement keys of the hand-made records of these tests.
enum TestMetric: String, MeasurementKey {
    case time, missing
}

/// The name of a parameter or a measurement in a section's record schema, spelled once: as the
/// raw value of an enum case.
///
/// The raw value is the key stored in `trials.jsonl` and `trials.csv` (`kernel_seconds`,
/// `format`): a case may be renamed freely, but changing its raw value would orphan every
/// stored run, whose records are read back by these same keys.
///
/// Two refinements keep the two vocabularies apart, so a measurement key cannot be used where a
/// parameter is meant: `ParameterKey` (the inputs of a trial) and `MeasurementKey` (its outputs).
/// Every typed accessor of `TrialRecord` is written once, generic over them.
public protocol RecordKey: RawRepresentable<String>, Hashable, Sendable, CaseIterable {}

/// The name of a trial parameter (an input: `size`, `format`, `seed`, …) in a record schema.
public protocol ParameterKey: RecordKey {}

/// The name of a measurement (an output: `kernel_seconds`, `testRMSE`, …) in a record schema.
public protocol MeasurementKey: RecordKey {}

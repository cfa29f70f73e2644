import Runner

/// The random streams of the encoder section.
///
/// ```
/// verses   0   the permutation of the KJV verses that picks calibration, held-out and corpus verses
/// ```
enum EncoderStream: RandomStream {
    case verses

    var index: UInt64 { 0 }
}

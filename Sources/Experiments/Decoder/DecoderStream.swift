import Runner

/// The random streams of the decoder section.
///
/// ```
/// initialisation   0   the GPT's initial weights
/// batches          1   the training windows
/// calibration      2   the calibration windows of the training split
/// sample(k)        16 + k   the draws of generated sample k
/// decodeWeights    3   the synthetic weights of the 7B-shaped block
/// stepTiming       4   the model and windows of the step-timing trial
/// ```
enum DecoderStream: RandomStream {
    case initialisation
    case batches
    case calibration
    case decodeWeights
    case stepTiming
    case sample(Int)

    var index: UInt64 {
        switch self {
        case .initialisation: return 0
        case .batches: return 1
        case .calibration: return 2
        case .decodeWeights: return 3
        case .stepTiming: return 4
        case .sample(let k):
            precondition(k >= 0, "decoder stream: sample \(k)")
            return 16 + UInt64(k)
        }
    }
}

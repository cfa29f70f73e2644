import Runner

/// The random streams of the vision section.
///
/// ```
/// split                       0        the test / training split (the same for every seed)
/// validation                  1        the validation / training split of the training part
/// initialisation(seed: s)     2 + 16·s the model's initial weights of training seed s
/// batches(seed: s)            3 + 16·s the batch order of training seed s
/// qatBatches(seed: s, setting: k)  (1 + k)·2²⁰ + s  the batch order of QAT setting k of seed s
/// digits(stream)              2⁴⁰ + the stream's own number: the same draws for the 8×8 digits MLP
/// ```
enum VisionStream: RandomStream {
    case split
    case validation
    case initialisation(seed: Int)
    case batches(seed: Int)
    case qatBatches(seed: Int, setting: Int)
    indirect case digits(VisionStream)

    var index: UInt64 {
        switch self {
        case .split: return 0
        case .validation: return 1
        case .initialisation(let s):
            precondition(s >= 0, "vision stream: seed \(s)")
            return 2 + 16 * UInt64(s)
        case .batches(let s):
            precondition(s >= 0, "vision stream: seed \(s)")
            return 3 + 16 * UInt64(s)
        case .digits(let stream):
            precondition(stream.index < 1 << 40, "vision stream: nested digits stream")
            return 1 << 40 + stream.index
        case .qatBatches(let s, let k):
            precondition(s >= 0 && s < 1 << 16 && k >= 0, "vision stream: seed \(s), QAT setting \(k)")
            return (1 + UInt64(k)) << 20 + UInt64(s)
        }
    }
}

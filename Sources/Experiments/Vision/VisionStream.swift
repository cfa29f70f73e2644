import Runner

/// The random streams of the vision section.
///
/// ```
/// split                       0        the test / training split (the same for every seed)
/// validation                  1        the validation / training split of the training part
/// initialisation(seed: s)     2 + 16·s the model's initial weights of training seed s
/// batches(seed: s)            3 + 16·s the batch order of training seed s
/// ```
enum VisionStream: RandomStream {
    case split
    case validation
    case initialisation(seed: Int)
    case batches(seed: Int)

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
        }
    }
}

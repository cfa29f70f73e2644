import FuzzSupport
import Tensor

/// A whole `.npy` file image: header parsing, shape and size checks, element decoding.
@main enum FuzzNPY {
    static func main() {
        fuzz { bytes in _ = try? NPYFile.decode(bytes, path: "fuzz.npy") }
    }
}

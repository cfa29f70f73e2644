import FuzzSupport
import NN

/// A whole safetensors file image: the length prefix, the JSON header (offsets, shapes, dtypes)
/// and every tensor it declares, converted to Float.
@main enum FuzzSafetensors {
    static func main() {
        fuzz { bytes in _ = try? SafetensorsReader(bytes: bytes, label: "fuzz.safetensors").tensors() }
    }
}

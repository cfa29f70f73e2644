import Datasets
import FuzzSupport

/// The `data/MANIFEST` parser: pinned packages, archive checksums, extracted files.
@main enum FuzzManifest {
    static func main() {
        fuzz { bytes in _ = try? Manifest(parsing: text(bytes), file: "MANIFEST") }
    }
}

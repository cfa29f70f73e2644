import FuzzSupport
import QuantCore

/// `quantlab explain`'s number parser, and the explanation of what it parsed in every float
/// format (encoding, bit fields, neighbours, the printed text).
@main enum FuzzExplain {
    static func main() {
        fuzz { bytes in
            guard let parsed = NumberText(text(bytes)) else { return }
            for format in FloatFormat.all { _ = FloatExplanation(parsed.value, in: format).text }
        }
    }
}

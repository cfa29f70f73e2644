import NN
import Tensor

/// A pass-through "quantizer" placed on a linear layer's input to collect what the layer sees on
/// the calibration text: GPTQ's Hessians and the static activation ranges are built from it.
///
/// It returns its input unchanged; the tensors go to a shared sink because inference
/// (`callAsFunction`) does not mutate the model. Used on one thread, set and removed by
/// `DecoderQuantization` around one calibration pass.
struct InputRecorder: FakeQuantizer {
    /// Where the inputs go, in call order.
    final class Sink: @unchecked Sendable {
        var inputs: [Tensor] = []
    }

    let sink: Sink
    var bits: Int { 32 }
    var method: String { "record" }

    mutating func forward(_ input: Tensor) -> Tensor { self(input) }
    mutating func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }
    func callAsFunction(_ input: Tensor) -> Tensor {
        sink.inputs.append(input)
        return input
    }
    mutating func visitParameters(_ body: (String, inout Parameter) -> Void) {}
}

import NN
import Tensor
import Testing

/// One or two optimizer steps on a scalar, worked out by hand.
@Suite("Optimizers")
struct OptimizerTests {
    @Test("SGD with momentum: two steps")
    func sgdMomentum() {
        var model = ScalarModel(1)
        var sgd = SGD(learningRate: 0.1, momentum: 0.9)
        // g = 0.5:  v = 0.5,              θ = 1 − 0.1·0.5 = 0.95
        model.setGradient(0.5)
        sgd.step(&model)
        #expect(abs(model.value - 0.95) < 1e-7, "step 1: \(model.value)")
        // g = 0.5:  v = 0.9·0.5 + 0.5 = 0.95,  θ = 0.95 − 0.095 = 0.855
        sgd.step(&model)
        #expect(abs(model.value - 0.855) < 1e-6, "step 2: \(model.value)")
    }

    @Test("Adam: two steps")
    func adam() {
        var model = ScalarModel(1)
        var adam = Adam(learningRate: 0.1)
        // t = 1, g = 0.5:  m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25,
        //   θ = 1 − 0.1 · 0.5 / (0.5 + 1e−8) = 0.9 (to 2e−9)
        model.setGradient(0.5)
        adam.step(&model)
        #expect(abs(model.value - 0.9) < 1e-6, "step 1: \(model.value)")
        // t = 2, g = −1:  m = 0.045 − 0.1 = −0.055, v = 0.00024975 + 0.001 = 0.00124975,
        //   m̂ = −0.055 / 0.19 = −0.2894737, v̂ = 0.00124975 / 0.001999 = 0.6251876, √v̂ = 0.7906880,
        //   θ = 0.9 + 0.1 · 0.2894737 / 0.7906880 = 0.9366107
        model.setGradient(-1)
        adam.step(&model)
        #expect(abs(model.value - 0.9366107) < 2e-6, "step 2: \(model.value)")
    }
}

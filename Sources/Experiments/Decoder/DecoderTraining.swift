#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NN
import Records
import Runner
import Tensor

/// FP32 training of the GPT on the training books: random windows, AdamW with linear warm-up
/// and cosine decay, gradient-norm clipping, a point of the training curve every
/// `curveInterval` steps.
///
/// ```
/// lr(s) = lr₀ · s / W                                    s ≤ W (warm-up)
/// lr(s) = lr₀ · (0.1 + 0.9 · (1 + cos(π (s − W)/(S − W))) / 2)   after
/// ```
struct DecoderTraining {
    let parameters: DecoderParameters
    let corpus: DecoderCorpus

    /// The learning rate of step `s` (from 1).
    func learningRate(step s: Int) -> Float {
        let (w, total, peak) = (parameters.warmupSteps, parameters.steps, parameters.learningRate)
        if s <= w { return peak * Float(s) / Float(max(1, w)) }
        let progress = Double(s - w) / Double(max(1, total - w))
        return peak * Float(0.1 + 0.9 * (1 + cos(Double.pi * progress)) / 2)
    }

    /// The trained model and its `training` and `curve` records.
    func train(context: ExperimentContext) -> (model: GPT, records: [TrialRecord]) {
        let p = parameters, t = p.context
        var initRNG = context.generator(DecoderStream.initialisation)
        var model = GPT(vocabulary: corpus.vocabulary.count, context: t, dimension: p.width, heads: p.heads, layers: p.layers, using: &initRNG)
        var batchRNG = context.generator(DecoderStream.batches)
        var optimizer = Adam(learningRate: p.learningRate, beta1: 0.9, beta2: 0.95, weightDecay: p.weightDecay)
        let loss = SoftmaxCrossEntropy()
        let validation = DecoderWindows(corpus.heldOut, length: t).evenlySpaced(p.curveWindows)
        var records: [TrialRecord] = []
        var stepSeconds: [Double] = []
        var (lossSum, lossCount, elapsed) = (0.0, 0, 0.0)
        for step in 1...p.steps {
            var inputs: [Int] = [], targets: [Float] = []
            for _ in 0..<p.batchSize {
                let start = batchRNG.nextIndex(below: corpus.train.count - t)
                inputs += corpus.train[start..<(start + t)]
                targets += corpus.train[(start + 1)...(start + t)].map(Float.init)
            }
            let rate = learningRate(step: step)
            let ((value, norm), seconds) = context.timed { () -> (Double, Double) in
                model.zeroGradients()
                let (value, gradient) = loss(model.forward(inputs, length: t), Tensor(shape: [targets.count], storage: targets))
                model.backward(gradient)
                let norm = clipGradientNorm(p.clipNorm) { model.visitParameters($0) }
                optimizer.learningRate = rate
                optimizer.step { model.visitParameters($0) }
                return (value, norm)
            }
            stepSeconds.append(seconds)
            elapsed += seconds
            lossSum += value
            lossCount += 1
            if step % p.curveInterval == 0 || step == p.steps {
                let bpc = DecoderEvaluation.bitsPerCharacter(model, validation, length: t)
                records.append(DecoderSchema.record(
                    .curve, [.step: .int(step)],
                    [.trainLoss: Measurement(lossSum / Double(lossCount), unit: "nat"), .validationBPC: Measurement(bpc, unit: "bit/char"),
                     .learningRate: Measurement(Double(rate)), .gradientNorm: Measurement(norm), .seconds: .timing(elapsed, unit: "s")]))
                (lossSum, lossCount) = (0, 0)
            }
            context.progress.advance()
        }
        var counted = model
        var parameterCount = 0
        counted.visitParameters { _, q in parameterCount += q.value.count }
        records.insert(DecoderSchema.record(
            .training,
            [.layers: .int(p.layers), .hidden: .int(p.width), .heads: .int(p.heads), .context: .int(t), .batch: .int(p.batchSize),
             .books: .string(corpus.heldOutNames.joined(separator: ", "))],
            [.parameters: Measurement(Double(parameterCount)), .steps: Measurement(Double(p.steps)),
             .tokensPerStep: Measurement(Double(p.batchSize * t)), .seconds: .timing(elapsed, unit: "s"),
             .stepSeconds: .timing(stepSeconds.sorted()[stepSeconds.count / 2], unit: "s"),
             .vocabulary: Measurement(Double(corpus.vocabulary.count)), .trainCharacters: Measurement(Double(corpus.train.count)),
             .heldOutCharacters: Measurement(Double(corpus.heldOut.count))]), at: 0)
        return (model, records)
    }

    /// Training steps of a fresh model of `stepTimingShape` on random windows, timed one by one
    /// after a warm-up step: the same step as `train` (forward, backward, clipping, AdamW).
    func stepTimings(context: ExperimentContext) -> [TrialRecord] {
        let p = parameters, shape = p.stepTimingShape
        let (width, layers, heads, batch, t) = (shape[0], shape[1], shape[2], shape[3], shape[4])
        var rng = context.generator(DecoderStream.stepTiming)
        var model = GPT(vocabulary: corpus.vocabulary.count, context: t, dimension: width, heads: heads, layers: layers, using: &rng)
        var optimizer = Adam(learningRate: p.learningRate, beta1: 0.9, beta2: 0.95, weightDecay: p.weightDecay)
        var records: [TrialRecord] = []
        for r in -1..<p.stepTimingRepeats {
            var inputs: [Int] = [], targets: [Float] = []
            for _ in 0..<batch {
                let start = rng.nextIndex(below: corpus.train.count - t)
                inputs += corpus.train[start..<(start + t)]
                targets += corpus.train[(start + 1)...(start + t)].map(Float.init)
            }
            let (_, seconds) = context.timed {
                model.zeroGradients()
                let (_, gradient) = SoftmaxCrossEntropy()(model.forward(inputs, length: t), Tensor(shape: [targets.count], storage: targets))
                model.backward(gradient)
                clipGradientNorm(p.clipNorm) { model.visitParameters($0) }
                optimizer.step { model.visitParameters($0) }
            }
            guard r >= 0 else { continue }
            records.append(DecoderSchema.record(
                .stepTiming,
                [.repeatIndex: .int(r), .hidden: .int(width), .layers: .int(layers), .heads: .int(heads), .batch: .int(batch), .context: .int(t)],
                [.seconds: .timing(seconds, unit: "s")]))
        }
        return records
    }
}

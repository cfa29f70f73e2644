import Datasets
import Runner
import Tensor

/// A labelled image set split for the vision section (MNIST-5k, or the 8×8 digits): a stratified test part, then a stratified validation
/// part of the rest (whose first images calibrate activation ranges), the remainder for training.
/// Pixels are in [0, 1], images `[N, 1, 28, 28]`.
struct VisionData {
    let train: LabeledImages
    let validation: LabeledImages
    let test: LabeledImages
    /// The first `calibrationImages` validation images.
    let calibration: Tensor

    /// The split of `images`; `streams` maps the section's split streams to this data set's own.
    init(
        _ images: LabeledImages, parameters p: VisionParameters, context: ExperimentContext,
        streams: (VisionStream) -> VisionStream = { $0 }
    ) {
        var splitRNG = context.generator(streams(.split))
        let outer = TrainTestSplit.stratified(labels: images.labels, testFraction: p.testFraction, using: &splitRNG)
        let rest = images.subset(outer.train)
        var validationRNG = context.generator(streams(.validation))
        let inner = TrainTestSplit.stratified(labels: rest.labels, testFraction: p.validationFraction, using: &validationRNG)
        train = rest.subset(inner.train)
        validation = rest.subset(inner.test)
        test = images.subset(outer.test)
        calibration = validation.images.rows(at: Array(0..<min(p.calibrationImages, validation.count)))
    }
}

extension LabeledImages {
    /// The labels as a `[N]` float tensor, as `SoftmaxCrossEntropy` takes them.
    var labelTensor: Tensor {
        Tensor(shape: [count], storage: labels.map(Float.init))
    }
}

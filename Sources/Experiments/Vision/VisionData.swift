import Datasets
import Runner
import Tensor

/// MNIST-5k split for the vision section: a stratified test part, then a stratified validation
/// part of the rest (whose first images calibrate activation ranges), the remainder for training.
/// Pixels are in [0, 1], images `[N, 1, 28, 28]`.
struct VisionData {
    let train: LabeledImages
    let validation: LabeledImages
    let test: LabeledImages
    /// The first `calibrationImages` validation images.
    let calibration: Tensor

    init(_ images: LabeledImages, parameters p: VisionParameters, context: ExperimentContext) {
        var splitRNG = context.generator(VisionStream.split)
        let outer = TrainTestSplit.stratified(labels: images.labels, testFraction: p.testFraction, using: &splitRNG)
        let rest = images.subset(outer.train)
        var validationRNG = context.generator(VisionStream.validation)
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

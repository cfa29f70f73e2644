public import Tensor

/// Grey-scale images with integer class labels, as the vision chapter consumes them.
public struct LabeledImages: Equatable, Sendable {
    /// Pixels scaled to [0, 1], shape `[N, 1, H, W]` (one channel, NCHW).
    public let images: Tensor
    /// The class of each image, in `0..<classCount`.
    public let labels: [Int]
    /// Number of classes the labels range over.
    public let classCount: Int

    /// Creates a set from images `[N, 1, H, W]` and N labels.
    /// - Precondition: the counts agree and every label is in `0..<classCount`.
    public init(images: Tensor, labels: [Int], classCount: Int) {
        precondition(images.rank == 4 && images.shape[1] == 1, "LabeledImages: needs [N, 1, H, W], got \(images.shape)")
        precondition(images.shape[0] == labels.count, "LabeledImages: \(images.shape[0]) images, \(labels.count) labels")
        precondition(labels.allSatisfy { (0..<classCount).contains($0) }, "LabeledImages: label outside 0..<\(classCount)")
        self.images = images
        self.labels = labels
        self.classCount = classCount
    }

    /// Number of images.
    public var count: Int { labels.count }

    /// How many images each class has, indexed by class.
    public var classCounts: [Int] {
        labels.reduce(into: [Int](repeating: 0, count: classCount)) { $0[$1] += 1 }
    }

    /// The images and labels at `indices`, in that order (a split or a batch).
    public func subset(_ indices: [Int]) -> LabeledImages {
        LabeledImages(images: images.rows(at: indices), labels: indices.map { labels[$0] }, classCount: classCount)
    }

    /// Parses a CSV of `side²` pixel columns (integers in `0...maxPixel`) followed by the label.
    /// Pixels are divided by `maxPixel`, so they land in [0, 1] exactly at both ends.
    /// - Throws: `DataFileError` naming file, line and value for a wrong column count, a
    ///   non-numeric or out-of-range pixel, or a label outside `0..<classCount`.
    static func parse(_ text: DelimitedText, side: Int, maxPixel: Int, classCount: Int) throws -> LabeledImages {
        let pixels = side * side
        var values: [Float] = []
        values.reserveCapacity(text.bytes.count / 2)
        var labels: [Int] = []
        try text.forEachRow(separator: .comma) { row in
            try row.requireCount(pixels + 1)
            for column in 0..<pixels {
                // A true division, not a multiplication by 1/maxPixel: each pixel is then the
                // correctly rounded FP32 value of p/maxPixel.
                values.append(Float(try row.integer(column, in: 0...maxPixel, what: "pixel")) / Float(maxPixel))
            }
            labels.append(try row.integer(pixels, in: 0...(classCount - 1), what: "label"))
        }
        guard !labels.isEmpty else { throw DataFileError(file: text.file, problem: "no rows; run make data") }
        return LabeledImages(
            images: Tensor(shape: [labels.count, 1, side, side], storage: values), labels: labels, classCount: classCount)
    }
}

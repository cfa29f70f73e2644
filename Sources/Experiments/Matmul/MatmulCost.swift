/// The expected cost of each matmul trial, for the progress ETA: the run's trials range from
/// n = 10 to n = 10,000, so counting trials promises seconds where minutes remain.
///
/// The unit is one multiply-add (or one element read, for the memory probes); only the ratios
/// between trials matter. Every product is counted as if it ran at one speed: INT8 and emulated
/// formats differ from FP32 by constant factors, which the ETA absorbs as the run goes.
///
/// ```
/// GEMM timing     (warm-ups + repeats) · n³        for a timed format at size n
/// GEMM error      2 · r · n²                       r rows of C, the FP64 reference and the format
/// schemes         schemes · n³                     one INT8 product per activation scheme
/// peaks           instructions · (2 + repeats) · s³
/// bandwidth       (1 + repeats) · bytes / 4
/// GEMV            (2 + repeats) · kernels · (2 · rows · columns + eviction bytes / 4)
/// ```
struct MatmulCost {
    let parameters: MatmulParameters

    /// The peak-throughput trials together.
    var peaks: Double {
        let s = Double(parameters.peakSize)
        return Double(MatmulInstruction.allCases.count * (2 + parameters.peakRepeats)) * s * s * s
    }

    /// The read-bandwidth probe.
    var bandwidth: Double {
        Double(1 + parameters.bandwidthRepeats) * Double(parameters.bandwidthMebibytes) * 1_048_576 / 4
    }

    /// Timing one format at the `index`-th size (0 when the format is not timed there).
    func gemmTime(_ format: MatmulFormat, sizeIndex index: Int) -> Double {
        let size = parameters.sizes[index]
        guard parameters.isTimed(format, size: size) else { return 0 }
        let n = Double(size)
        return Double(parameters.warmups[index] + parameters.repeats[index]) * n * n * n
    }

    /// Measuring one format's error at `size`.
    func gemmError(size: Int) -> Double {
        let n = Double(size)
        return 2 * Double(parameters.errorRows(size: size)?.count ?? size) * n * n
    }

    /// Every activation scheme at `size`, for one input distribution.
    func schemes(size: Int) -> Double {
        let n = Double(size)
        return Double(parameters.activationSchemes.count) * n * n * n
    }

    /// Every GEMV kernel at one shape.
    func gemv(rows: Int, columns: Int) -> Double {
        let eviction = Double(parameters.gemvEvictionMebibytes) * 1_048_576 / 4
        return Double((2 + parameters.gemvRepeats) * GEMVTrial.weightFormats.count)
            * (2 * Double(rows) * Double(columns) + eviction)
    }

    /// The whole run: the sum of the costs above over the trials `MatmulExperiment` runs.
    var total: Double {
        var total = peaks + bandwidth
        for (index, size) in parameters.sizes.enumerated() {
            total += parameters.formats.reduce(0) { $0 + gemmTime($1, sizeIndex: index) }
            total += Double(parameters.distributions.count * parameters.formats.count) * gemmError(size: size)
            if parameters.schemeSizes.contains(size) { total += Double(parameters.distributions.count) * schemes(size: size) }
        }
        return parameters.gemvShapes.reduce(total) { $0 + gemv(rows: $1[0], columns: $1[1]) }
    }
}

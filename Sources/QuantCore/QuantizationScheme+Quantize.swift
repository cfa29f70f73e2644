public import Tensor

extension QuantizationScheme {
    /// Quantizes a tensor: lays out the groups, calibrates each group's range, derives its
    /// scale (and zero point), codes every element and measures the error.
    ///
    /// Integer targets follow `AffineQuantizer`, float targets `FloatQuantizer`, table targets
    /// `LookupTableQuantizer`; each documents its rounding, saturation and error bound.
    /// - Throws: `QuantizationError.nonFinite` at the first NaN or ±∞ (by row-major index):
    ///   such input is an error, not passed through, since one NaN would make its group's scale
    ///   NaN. `QuantizationError.granularity` when the axis or group size does not fit the shape.
    /// - Complexity: O(n) for min-max and percentile-free paths; percentile sorts each group;
    ///   `.mse` quantizes each group 100 times; `.kl` builds a 2048-bin histogram per group.
    public func quantize(_ tensor: Tensor) throws -> QuantizationResult {
        if let bad = Reductions.firstNonFinite(tensor.storage) {
            throw QuantizationError.nonFinite(index: bad.index, value: bad.value)
        }
        let layout: GroupLayout
        do {
            layout = try GroupLayout(shape: tensor.shape, granularity: granularity)
        } catch let error as GranularityError {
            throw QuantizationError.granularity(error)
        }
        let members: [[Int]] = granularity == .perTensor ? [] : layout.members()
        var codes = [Int32](repeating: 0, count: tensor.count)
        var values = [Float](repeating: 0, count: tensor.count)
        var scales = [Float](), zeroPoints = [Int32](), ranges = [ClippingRange]()
        for group in 0..<layout.groupCount {
            let input = granularity == .perTensor ? tensor.storage : members[group].map { tensor.storage[$0] }
            let coded = quantizeGroup(input)
            scales.append(coded.scale)
            zeroPoints.append(coded.zeroPoint)
            ranges.append(coded.range)
            if granularity == .perTensor {
                codes = coded.codes
                values = coded.values
            } else {
                for (k, i) in members[group].enumerated() {
                    codes[i] = coded.codes[k]
                    values[i] = coded.values[k]
                }
            }
        }
        return QuantizationResult(
            scheme: self, codes: codes, dequantized: Tensor(shape: tensor.shape, storage: values),
            scales: scales, zeroPoints: zeroPoints, ranges: ranges,
            error: ErrorMetrics(reference: tensor.storage, approximation: values),
            storage: StorageCost(
                elements: tensor.count, codeBits: codeBits, groups: hasScales ? layout.groupCount : 0,
                scaleBits: 32, zeroPointBits: hasZeroPoints ? codeBits : 0))
    }

    /// One group's codes, values and parameters.
    private func quantizeGroup(_ x: [Float]) -> (codes: [Int32], values: [Float], scale: Float, zeroPoint: Int32, range: ClippingRange) {
        switch target {
        case .integer(let bits):
            let q = AffineQuantizer(bits: bits, symmetric: symmetric)
            let range = calibration.range(of: x, symmetric: symmetric, levels: 1 << (bits - 1)) { candidate in
                let p = q.parameters(for: candidate)
                return meanSquaredError(x, q.quantize(x, p).map { q.dequantize($0, p) })
            }
            let p = q.parameters(for: range)
            let codes = q.quantize(x, p)
            return (codes, codes.map { q.dequantize($0, p) }, p.scale, p.zeroPoint, range)
        case .float(let format):
            let q = FloatQuantizer(format: format, scaling: floatScaling)
            guard floatScaling == .absmax else {
                let coded = q.quantize(x, scale: 1)
                return (coded.codes, coded.dequantized, 1, 0, MinMax.range(of: x, symmetric: true))
            }
            let range = calibration.range(of: x, symmetric: true, levels: format.distinctFiniteValues / 2) { candidate in
                meanSquaredError(x, q.quantize(x, scale: q.scale(forAbsMax: candidate.absMax)).dequantized)
            }
            let s = q.scale(forAbsMax: range.absMax)
            let coded = q.quantize(x, scale: s)
            return (coded.codes, coded.dequantized, s, 0, range)
        case .table(let format):
            let q = LookupTableQuantizer(format: format)
            let range = calibration.range(of: x, symmetric: true, levels: format.levels.count / 2) { candidate in
                meanSquaredError(x, q.quantize(x, scale: q.scale(forAbsMax: candidate.absMax)).dequantized)
            }
            let s = q.scale(forAbsMax: range.absMax)
            let coded = q.quantize(x, scale: s)
            return (coded.codes, coded.dequantized, s, 0, range)
        }
    }
}

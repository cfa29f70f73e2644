/// Packing of 2-, 4- and 8-bit codes into bytes, lowest code in the lowest bits.
///
/// ```
/// 4 bits: byte k = (c[2k] & 0xF) | (c[2k+1] & 0xF) << 4
/// 2 bits: byte k = c[4k] & 3 | (c[4k+1] & 3) << 2 | (c[4k+2] & 3) << 4 | (c[4k+3] & 3) << 6
/// ```
/// Signed codes are stored in two's complement of the field width and sign-extended on unpacking.
/// A last byte that is only partly used has zero high fields.
public enum BitPacking {
    /// Packs codes of `bits` bits (2, 4 or 8).
    /// - Precondition: `bits` is 2, 4 or 8; every code fits the field (signed or unsigned).
    public static func pack(_ codes: [Int32], bits: Int) -> [UInt8] {
        precondition([2, 4, 8].contains(bits), "BitPacking: \(bits)-bit fields are not supported; use 2, 4 or 8")
        let perByte = 8 / bits
        let mask = UInt8((1 << bits) - 1)
        var bytes = [UInt8](repeating: 0, count: (codes.count + perByte - 1) / perByte)
        for (i, code) in codes.enumerated() {
            precondition(code >= -(1 << (bits - 1)) && code < (1 << bits), "BitPacking: code \(code) does not fit \(bits) bits")
            bytes[i / perByte] |= (UInt8(truncatingIfNeeded: code) & mask) << UInt8((i % perByte) * bits)
        }
        return bytes
    }

    /// Unpacks `count` codes of `bits` bits, sign-extending when `signed`.
    /// - Precondition: `bytes` holds at least `count` fields.
    public static func unpack(_ bytes: [UInt8], bits: Int, count: Int, signed: Bool) -> [Int32] {
        precondition([2, 4, 8].contains(bits), "BitPacking: \(bits)-bit fields are not supported; use 2, 4 or 8")
        let perByte = 8 / bits
        precondition(bytes.count * perByte >= count, "BitPacking: \(bytes.count) bytes hold fewer than \(count) codes")
        let mask = Int32((1 << bits) - 1)
        return (0..<count).map { i in
            let field = Int32(bytes[i / perByte] >> UInt8((i % perByte) * bits)) & mask
            return signed && field >= (1 << (bits - 1)) ? field - (1 << bits) : field
        }
    }
}

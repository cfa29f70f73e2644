/// Reading and writing NumPy .npy files (NumPy Enhancement Proposal 1, "A simple file format
/// for NumPy arrays", format versions 1.0, 2.0 and 3.0).
///
/// Layout: the magic `\x93NUMPY`, a major and minor version byte, the header length (2 bytes
/// little-endian in version 1, 4 bytes in versions 2 and 3), then an ASCII (version 3: UTF-8)
/// Python dict literal `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded with
/// spaces and a newline so the data starts at a multiple of 64 bytes; then the raw data.
/// Only C order is supported; a Fortran-order file is rejected with an error.
public enum NPYFile {
    /// Reads an array.
    /// - Throws: `FileError` naming the file and the problem: unreadable, bad magic, unsupported
    ///   version or dtype, malformed header, Fortran order, or fewer data bytes than the shape needs.
    public static func read(_ path: String) throws -> NPYArray {
        try decode(FileBytes.read(path), path: path)
    }

    /// Reads an array as a `Float` tensor (see `NPYArray.floats()`).
    public static func readTensor(_ path: String) throws -> Tensor {
        try read(path).tensor()
    }

    /// Writes an array atomically (temporary file, then rename), as version 1.0 when the header
    /// fits 65,535 bytes and 2.0 otherwise.
    public static func write(_ array: NPYArray, to path: String) throws {
        try FileBytes.writeAtomically(encode(array), to: path)
    }

    /// Writes a tensor as `<f4`.
    public static func write(_ tensor: Tensor, to path: String) throws {
        try write(NPYArray(tensor), to: path)
    }

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    /// The file bytes of an array.
    public static func encode(_ array: NPYArray) -> [UInt8] {
        let shape = array.shape.count == 1 ? "(\(array.shape[0]),)" : "(\(array.shape.map(String.init).joined(separator: ", ")))"
        var header = "{'descr': '\(array.dtype.rawValue)', 'fortran_order': False, 'shape': \(shape), }"
        let version: UInt8 = header.utf8.count + 1 + 10 + 63 > 65_535 ? 2 : 1
        let prefix = version == 1 ? 10 : 12
        let total = (prefix + header.utf8.count + 1 + 63) / 64 * 64
        header += String(repeating: " ", count: total - prefix - header.utf8.count - 1) + "\n"
        var bytes = magic + [version, 0]
        let length = UInt32(header.utf8.count)
        bytes += version == 1 ? [UInt8(length & 0xFF), UInt8(length >> 8)]
            : [UInt8(length & 0xFF), UInt8((length >> 8) & 0xFF), UInt8((length >> 16) & 0xFF), UInt8(length >> 24)]
        bytes += Array(header.utf8)
        bytes += array.bytes
        return bytes
    }

    /// The bytes of an array of `shape` with elements of `elementSize` bytes, or `nil` when the
    /// count overflows `Int`.
    ///
    /// The product of the non-zero extents is checked, not just the product in order: when it
    /// fits, every partial product in any order fits too, so code that later multiplies the
    /// extents (`NPYArray.count`, `Tensor`) cannot trap, even for a shape like `(2⁶², 2⁶², 0)`.
    static func byteCount(of shape: [Int], elementSize: Int) -> Int? {
        var product = elementSize
        var empty = false
        for extent in shape {
            if extent == 0 { empty = true; continue }
            let (next, overflow) = product.multipliedReportingOverflow(by: extent)
            if overflow { return nil }
            product = next
        }
        return empty ? 0 : product
    }

    /// Parses file bytes; `path` only labels errors. Every size computed from the header is
    /// checked for overflow and against the bytes present, so a crafted header cannot trap or
    /// make the reader allocate more than the file holds.
    public static func decode(_ bytes: [UInt8], path: String) throws -> NPYArray {
        func fail(_ problem: String) -> FileError { FileError(path: path, problem: "not a readable .npy file: \(problem)") }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw fail("missing the \\x93NUMPY magic") }
        let major = bytes[6]
        guard (1...3).contains(major) else { throw fail("format version \(major).\(bytes[7]) is not 1, 2 or 3") }
        let prefix = major == 1 ? 10 : 12
        guard bytes.count >= prefix else { throw fail("truncated before the header length") }
        let length = major == 1
            ? Int(bytes[8]) | Int(bytes[9]) << 8
            : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        guard bytes.count >= prefix + length else { throw fail("truncated header (\(length) bytes announced)") }
        guard let header = String(validating: bytes[prefix..<(prefix + length)], as: UTF8.self) else {
            throw fail("header is not text")
        }
        let fields = try NPYHeader(parsing: header, fail: fail)
        guard !fields.fortranOrder else { throw fail("fortran_order is True; save it in C order (numpy.ascontiguousarray)") }
        guard let dtype = NPYDType(descriptor: fields.descr) else {
            throw fail("dtype '\(fields.descr)' is not one of \(NPYDType.allCases.map(\.rawValue).joined(separator: " "))")
        }
        guard let needed = byteCount(of: fields.shape, elementSize: dtype.size) else {
            throw fail("shape \(fields.shape) of \(dtype.rawValue) has more bytes than a 64-bit size can count")
        }
        let data = prefix + length
        guard bytes.count - data >= needed else {
            throw fail("truncated data: shape \(fields.shape) of \(dtype.rawValue) needs \(needed) bytes, found \(bytes.count - data)")
        }
        return NPYArray(shape: fields.shape, dtype: dtype, bytes: Array(bytes[data..<(data + needed)]))
    }
}

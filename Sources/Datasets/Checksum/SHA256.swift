#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import Crypto

/// SHA-256 (FIPS 180-4, Secure Hash Standard, NIST 2015, §6.2) of messages and files, in the
/// lower-case hexadecimal form `sha256sum` prints.
///
/// The digest itself is swift-crypto's (`Crypto.SHA256`: BoringSSL on Linux, CryptoKit on Apple
/// platforms); this type only adapts it to the byte arrays, text and file paths the data
/// manifest and the result store use, so no swift-crypto type appears in a public signature.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    /// - Parameter bytes: The whole message; contiguous collections are hashed without a copy.
    /// - Returns: The digest, 32 bytes, most significant first.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = Crypto.SHA256()
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            Array(bytes).withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }
        return Array(hasher.finalize())
    }

    /// Lower-case hexadecimal text of `bytes`, two digits per byte (the form `sha256sum` prints).
    /// - Parameter bytes: Any bytes, usually a digest.
    /// - Returns: `2 × bytes.count` characters from `0-9a-f`.
    public static func hex(of bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Lower-case hexadecimal SHA-256 of a file's contents, read in 1 MiB blocks.
    ///
    /// Streaming keeps memory flat for the 87 MB model file.
    /// - Parameter path: The file, absolute or relative to the current directory.
    /// - Returns: 64 hexadecimal digits, equal to the first field `sha256sum` prints.
    /// - Throws: `DataFileError` naming `path` when it cannot be opened or read.
    public static func hex(ofFile path: String) throws -> String {
        try hex(ofFile: path, blockSize: 1 << 20)
    }

    /// `hex(ofFile:)` with a chosen read size, so tests can cross many block boundaries on a
    /// small file.
    /// - Parameters:
    ///   - path: The file.
    ///   - blockSize: Bytes per read, at least 1.
    static func hex(ofFile path: String, blockSize: Int) throws -> String {
        precondition(blockSize > 0, "block size \(blockSize) must be positive")
        guard let file = fopen(path, "rb") else {
            throw DataFileError(file: path, problem: "cannot open for hashing (\(errnoText())); run make data")
        }
        defer { fclose(file) }
        var hasher = Crypto.SHA256()
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let got = fread(buffer, 1, blockSize, file)
            if got > 0 { hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: got)) }
            if got < blockSize {
                if ferror(file) != 0 {
                    throw DataFileError(file: path, problem: "read failed while hashing (\(errnoText()))")
                }
                break
            }
        }
        return hex(of: Array(hasher.finalize()))
    }

    private static func errnoText() -> String {
        guard let text = strerror(errno) else { return "errno \(errno)" }
        return String(cString: text)
    }
}

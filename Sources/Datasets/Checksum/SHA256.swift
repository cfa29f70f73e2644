#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SHA-256 as specified in FIPS 180-4 (Secure Hash Standard, NIST 2015), §6.2.
///
/// Our own implementation, so that checksums of the pinned inputs and of the results store
/// need no crypto library. Each 512-bit block updates eight 32-bit words:
/// ```
/// T₁ = h + Σ₁(e) + Ch(e, f, g) + Kₜ + Wₜ      T₂ = Σ₀(a) + Maj(a, b, c)
/// Σ₀(a) = a ⋙ 2 ⊕ a ⋙ 13 ⊕ a ⋙ 22           Σ₁(e) = e ⋙ 6 ⊕ e ⋙ 11 ⊕ e ⋙ 25
/// ```
/// with all additions modulo 2³². The message is padded with a 1 bit, zeros and its length in
/// bits as a 64-bit big-endian integer (§5.1.1).
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    /// - Parameter bytes: the whole message; contiguous collections are hashed without a copy.
    /// - Returns: the digest, 32 bytes, most significant first.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = Hasher()
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            hasher.update(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            Array(bytes).withUnsafeBytes { hasher.update($0) }
        }
        return hasher.finalize()
    }

    /// Lower-case hexadecimal text of `bytes`, two digits per byte (the form `sha256sum` prints).
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
    /// - Parameter path: the file, absolute or relative to the current directory.
    /// - Returns: 64 hexadecimal digits, equal to the first field `sha256sum` prints.
    /// - Throws: `DataFileError` naming `path` when it cannot be opened or read.
    public static func hex(ofFile path: String) throws -> String {
        guard let file = fopen(path, "rb") else {
            throw DataFileError(file: path, problem: "cannot open for hashing (\(errnoText())); run make data")
        }
        defer { fclose(file) }
        var hasher = Hasher()
        let blockSize = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let got = fread(buffer, 1, blockSize, file)
            if got > 0 { hasher.update(UnsafeRawBufferPointer(start: buffer, count: got)) }
            if got < blockSize {
                if ferror(file) != 0 {
                    throw DataFileError(file: path, problem: "read failed while hashing (\(errnoText()))")
                }
                break
            }
        }
        return hex(of: hasher.finalize())
    }

    private static func errnoText() -> String {
        guard let text = strerror(errno) else { return "errno \(errno)" }
        return String(cString: text)
    }
}

extension SHA256 {
    /// Incremental SHA-256 state: feed bytes with `update`, then take the digest once.
    struct Hasher {
        /// H⁽⁰⁾ of FIPS 180-4 §5.3.3: the first 32 bits of the fractional parts of the square
        /// roots of the first eight primes.
        private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
            0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
        )
        /// Bytes of an incomplete block, waiting for more input.
        private var pending = [UInt8](repeating: 0, count: 64)
        private var pendingCount = 0
        /// Message length so far, in bytes.
        private var length: UInt64 = 0

        /// Absorbs `bytes`: completes a pending block first, then compresses whole blocks
        /// straight from the caller's memory, and keeps the tail.
        mutating func update(_ bytes: UnsafeRawBufferPointer) {
            guard var source = bytes.baseAddress, bytes.count > 0 else { return }
            var remaining = bytes.count
            length &+= UInt64(remaining)
            if pendingCount > 0 {
                let take = min(64 - pendingCount, remaining)
                pending.withUnsafeMutableBytes { $0.baseAddress!.advanced(by: pendingCount).copyMemory(from: source, byteCount: take) }
                pendingCount += take
                source += take
                remaining -= take
                guard pendingCount == 64 else { return }
                pending.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: 1) }
                pendingCount = 0
            }
            let whole = remaining / 64
            if whole > 0 {
                compress(blocks: source, count: whole)
                source += whole * 64
                remaining -= whole * 64
            }
            if remaining > 0 {
                pending.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: source, byteCount: remaining) }
                pendingCount = remaining
            }
        }

        /// Pads the message (§5.1.1) and returns the 32-byte digest.
        consuming func finalize() -> [UInt8] {
            let bitLength = length &* 8
            var padding = [UInt8](repeating: 0, count: pendingCount < 56 ? 64 - pendingCount : 128 - pendingCount)
            padding[0] = 0x80
            for i in 0..<8 { padding[padding.count - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i))) }
            padding.withUnsafeBytes { update($0) }
            var digest = [UInt8]()
            digest.reserveCapacity(32)
            for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
                for shift in stride(from: 24, through: 0, by: -8) { digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
            }
            return digest
        }

        /// The compression function (§6.2.2) over `count` consecutive 64-byte blocks.
        ///
        /// Shaped for speed: the working variables live in locals, the schedule Wₜ in a stack
        /// buffer, the round constants are read through an unsafe pointer (no bounds checks) and
        /// every addition wraps (`&+`, no overflow traps). Measured on the 91 MB MiniLM model file
        /// (release, `-target-cpu haswell`, one core of a shared machine): 210–280 MB/s, on par
        /// with coreutils `sha256sum` here (0.43 s for that file).
        private mutating func compress(blocks: UnsafeRawPointer, count: Int) {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                SHA256.roundConstants.withUnsafeBufferPointer { k in
                    var (h0, h1, h2, h3, h4, h5, h6, h7) = state
                    for block in 0..<count {
                        let base = blocks + block * 64
                        for t in 0..<16 {
                            w[t] = UInt32(bigEndian: base.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))
                        }
                        for t in 16..<64 {
                            let x = w[t - 15], y = w[t - 2]
                            let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                            let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                        }
                        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                        for t in 0..<64 {
                            let bigSigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                            let choose = (e & f) ^ (~e & g)
                            let t1 = h &+ bigSigma1 &+ choose &+ k[t] &+ w[t]
                            let bigSigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                            let majority = (a & b) ^ (a & c) ^ (b & c)
                            let t2 = bigSigma0 &+ majority
                            h = g
                            g = f
                            f = e
                            e = d &+ t1
                            d = c
                            c = b
                            b = a
                            a = t1 &+ t2
                        }
                        h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
                        h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
                    }
                    state = (h0, h1, h2, h3, h4, h5, h6, h7)
                }
            }
        }
    }

    /// Rotation right by `n` bits (ROTRⁿ of FIPS 180-4 §3.2); compiles to one `ror`/`rorx`.
    @inline(__always)
    static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }

    /// K₀…K₆₃ of FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots
    /// of the first 64 primes.
    static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}

import Foundation
import Testing
@testable import Datasets

@Suite struct SHA256Tests {
    /// The NIST examples of FIPS 180-4 (CSRC "Examples with intermediate values", SHA-256) and
    /// the million-'a' vector of FIPS 180-2 Appendix B.3.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func nistVectors(message: String, expected: String) {
        #expect(SHA256.hex(of: SHA256.hash(Array(message.utf8))) == expected, "message \"\(message)\"")
    }

    @Test func oneMillionA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(of: SHA256.hash(message))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// A non-contiguous sequence takes the copying path and must agree with the contiguous one.
    @Test func nonContiguousSequenceAgrees() {
        let lazy = (0..<1000).lazy.map { UInt8(truncatingIfNeeded: $0 &* 7) }
        #expect(SHA256.hash(lazy) == SHA256.hash(Array(lazy)))
    }

    /// Files whose lengths sit around the padding boundary (55, 56, 63, 64, 65 bytes), read in
    /// blocks of 1, 3, 13, 64 and 65 bytes so that streaming crosses SHA-256's 64-byte blocks at
    /// many offsets; each must hash as the whole message does.
    @Test(arguments: [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000])
    func streamedFileEqualsOneShot(length: Int) throws {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 5) }
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("quantlab-sha256-\(getpid())-\(length).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(message).write(to: URL(fileURLWithPath: path))
        for blockSize in [1, 3, 13, 64, 65] {
            #expect(
                try SHA256.hex(ofFile: path, blockSize: blockSize) == SHA256.hex(of: SHA256.hash(message)),
                "length \(length), block size \(blockSize)")
        }
    }

    @Test func hexDigits() {
        #expect(SHA256.hex(of: [0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
    }

    /// A file larger than one 1 MiB read block, compared with the system's `sha256sum`.
    @Test func fileMatchesSha256sum() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("quantlab-sha256-\(getpid()).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<(3 << 19) + 17).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let ours = try SHA256.hex(ofFile: path)
        #expect(ours == SHA256.hex(of: SHA256.hash(bytes)))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sha256sum must be installed (coreutils)")
        let theirs = String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
        #expect(ours == theirs)
    }

    @Test func missingFileThrowsOneLineErrorNamingIt() {
        let path = "no/such/dir/quantlab-missing.bin"
        do {
            _ = try SHA256.hex(ofFile: path)
            Issue.record("expected an error for \(path)")
        } catch {
            let text = String(describing: error)
            #expect(text.hasPrefix(path + ": "), "\(text)")
            #expect(!text.contains("\n"), "\(text)")
        }
    }
}

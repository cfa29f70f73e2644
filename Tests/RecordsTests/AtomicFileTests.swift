import Foundation
import Testing
@testable import Records

/// Issue 16, case 6: an atomic write respects what sits at the path.
@Suite struct AtomicFileTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func text(_ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func symlinkIsFollowedToItsTarget() throws {
        try "old".write(to: dir.appendingPathComponent("target.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.txt").path, withDestinationPath: "target.txt")
        try AtomicFile.write("new", to: dir.appendingPathComponent("link.txt"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("link.txt").path) == "target.txt",
                "the link stays a link")
        #expect(try text("target.txt") == "new")
        // A dangling link creates its target.
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("dangling").path, withDestinationPath: "sub/made.txt")
        try AtomicFile.write("made", to: dir.appendingPathComponent("dangling"))
        #expect(try text("sub/made.txt") == "made")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix(".") }, "no temporary left")
    }

    @Test func nonRegularTargetsAreRefused() throws {
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let folder = dir.appendingPathComponent("folder")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("to-null").path, withDestinationPath: "/dev/null")
        for (path, kind) in [("/dev/null", "a character device"), (fifo, "a FIFO"), (folder.path, "a directory"),
                             (dir.appendingPathComponent("to-null").path, "a character device")] {
            do {
                try AtomicFile.write("x", to: URL(fileURLWithPath: path))
                Issue.record("\(path): no error")
            } catch {
                let shown = path.hasSuffix("to-null") ? "/dev/null" : path
                #expect(error == .notRegularFile(path: shown, kind: kind), "\(path)")
                #expect(error.description == "\(shown): is \(kind), not a regular file; refusing to replace it (give a file path)")
            }
        }
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix(".") }, "no temporary left")
    }

    /// Two files as one step: when the second cannot be written, the first is not replaced.
    @Test func filesWrittenTogetherOrNotAtAll() throws {
        try "old npy".write(to: dir.appendingPathComponent("w.npy"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("w.json"), withIntermediateDirectories: true)
        #expect(throws: ResultsError.self) {
            try AtomicFile.write([
                (dir.appendingPathComponent("w.npy"), Array("new npy".utf8)), (dir.appendingPathComponent("w.json"), Array("{}".utf8)),
            ])
        }
        #expect(try text("w.npy") == "old npy")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("w.json"))
        try AtomicFile.write([
            (dir.appendingPathComponent("w.json"), Array("{}".utf8)), (dir.appendingPathComponent("w.npy"), Array("new npy".utf8)),
        ])
        #expect(try text("w.npy") == "new npy" && text("w.json") == "{}")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["w.json", "w.npy"])
    }
}

import BenchSupport
import Foundation
import Testing

@Suite("PeerProcess: a line-at-a-time subprocess")
struct PeerProcessTests {
    /// `cat` answers each command with itself: the round trip of `request`; a reply that is off
    /// protocol throws. `deinit` sends `quit`, which cat echoes, then closes its input: cat exits.
    @Test("request sends a line and parses the reply line")
    func roundTrip() throws {
        let peer = try PeerProcess(executable: "/bin/cat", arguments: [], directory: FileManager.default.currentDirectoryPath)
        let reply = try peer.request("time variant=fp32 seconds=0.5")
        let seconds = try reply.number("seconds")
        #expect(reply.kind == "time" && seconds == 0.5)
        #expect(throws: PeerProtocolError.self) { try peer.request("oops=1") }
    }

    @Test("a peer that exits without a reply gives nil, and a missing executable throws")
    func exits() throws {
        let peer = try PeerProcess(executable: "/bin/sh", arguments: ["-c", "printf 'unavailable reason=no_torch'"], directory: "/")
        #expect(peer.readLine() == "unavailable reason=no_torch")
        #expect(peer.readLine() == nil)
        #expect(throws: (any Error).self) { try PeerProcess(executable: "/no/such/python", arguments: [], directory: "/") }
    }
}

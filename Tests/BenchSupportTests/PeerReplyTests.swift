import BenchSupport
import Testing

@Suite("PeerReply: the peer's line protocol")
struct PeerReplyTests {
    @Test("a time line: kind, text and number fields")
    func time() throws {
        let reply = try PeerReply(parsing: "time variant=int8 seconds=0.7863158419986576 sentences=32")
        #expect(reply.kind == "time")
        #expect(try reply.text("variant") == "int8")
        #expect(try reply.number("seconds") == 0.7863158419986576)
        #expect(try reply.number("sentences") == 32)
    }

    @Test("runs of spaces, a trailing carriage return, '=' inside a value and an empty value")
    func spacing() throws {
        let reply = try PeerReply(parsing: "ready  torch=1.13.0a0   flags=a=b empty= threads=2\r")
        #expect(reply.kind == "ready")
        #expect(reply.fields == ["torch": "1.13.0a0", "flags": "a=b", "empty": "", "threads": "2"], "\(reply.fields)")
    }

    @Test("unavailable: the reason reads back with spaces")
    func unavailable() throws {
        let reply = try PeerReply(parsing: "unavailable reason=ModuleNotFoundError:_No_module_named_'torch'")
        #expect(reply.reason == "ModuleNotFoundError: No module named 'torch'")
        #expect(try PeerReply(parsing: "unavailable").reason == "no reason given")
    }

    @Test("off-protocol lines are errors that name the line", arguments: [
        ("", "no reply kind"), ("   ", "no reply kind"), ("seconds=1", "no reply kind"),
        ("time variant", "field 'variant' is not key=value"), ("time =1", "field '=1' is not key=value"),
    ])
    func malformed(line: String, problem: String) {
        #expect(throws: PeerProtocolError(line: line, problem: problem), "line '\(line)'") { try PeerReply(parsing: line) }
    }

    @Test("a missing, non-numeric or non-finite number is an error", arguments: ["", "seconds=", "seconds=fast", "seconds=nan", "seconds=inf"])
    func badNumber(fields: String) throws {
        let reply = try PeerReply(parsing: "time \(fields)")
        #expect(throws: PeerProtocolError.self, "fields '\(fields)'") { try reply.number("seconds") }
    }
}

import Foundation
import Testing
@testable import Records
@testable import Runner

@Suite struct EnvironmentTests {
    @Test func parsesCPUInfoAndOSRelease() {
        let cpuinfo = "processor\t: 0\nmodel name\t: Test CPU 9000\nflags\t\t: fpu avx2 fma avx512f avx512_bf16 sse2\n"
        #expect(Environment.firstValue(of: "model name", inCPUInfo: cpuinfo) == "Test CPU 9000")
        #expect(Environment.interestingFlags(inCPUInfo: cpuinfo) == ["avx2", "fma", "avx512f", "avx512_bf16"])
        #expect(Environment.value(of: "PRETTY_NAME", inOSRelease: "NAME=x\nPRETTY_NAME=\"Debian 12\"\n") == "Debian 12")
    }

    @Test func currentEnvironmentIsFilled() {
        let env = Environment.current()
        #expect(env.cores >= 1)
        #expect(env.swiftCompiler.hasPrefix("Swift 6"))
        #expect(env.oneDNN.hasPrefix("oneDNN "))
        #expect(env.tableText.split(separator: "\n").count == env.rows.count)
    }
}

@Suite struct GitInfoTests {
    @Test func commitOfThisCheckout() {
        // This file sits at Tests/RunnerTests/: the package root is two folders up.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let git = GitInfo.current(at: root)
        #expect(git.commit.count == 40 && git.commit.allSatisfy(\.isHexDigit), "commit \(git.commit)")
        #expect(GitInfo.current(at: FileManager.default.temporaryDirectory).commit == "unknown", "not a repository")
    }
}

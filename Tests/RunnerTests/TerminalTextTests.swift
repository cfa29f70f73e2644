import Testing
@testable import Records
@testable import Runner

/// Issue 16: what the runner and the CLI print fits the terminal's width.
@Suite struct TerminalTextTests {
    @Test func truncation() {
        #expect(TerminalText.truncated("matmul  [####]  3/9  int8 n=1000", width: 20) == "matmul  [####]  3/9…")
        #expect(TerminalText.truncated("short", width: 20) == "short")
        #expect(TerminalText.truncated("exactly five", width: 12) == "exactly five")
        #expect(TerminalText.truncated("ab", width: 1) == "a")
    }

    @Test func wrappingAtSpaces() {
        #expect(TerminalText.wrapped("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(TerminalText.wrapped("one two three four", width: 9, indent: 2) == ["one two", "  three", "  four"])
        #expect(TerminalText.wrapped("", width: 9) == [""])
        #expect(TerminalText.wrapped("fits", width: 9) == ["fits"])
    }

    @Test func aWordWiderThanTheLineIsSplitNotLost() {
        let checksum = String(repeating: "0123456789", count: 2)
        let lines = TerminalText.wrapped("sha256 \(checksum) ok", width: 8)
        #expect(lines == ["sha256", "01234567", "89012345", "6789 ok"])
        #expect(TerminalText.wrapped("see data/results/full/matmul now", width: 16)
            == ["see", "data/results/", "full/matmul now"], "a long path starts a line and breaks after a slash")
        #expect(lines.allSatisfy { $0.count <= 8 })
    }

    @Test func widthComesFromColumnsThenTheTerminalThen80() {
        #expect(TerminalWidth.resolve(columns: "132", terminal: 100) == 132)
        #expect(TerminalWidth.resolve(columns: nil, terminal: 100) == 100)
        #expect(TerminalWidth.resolve(columns: "0", terminal: nil) == 80)
        #expect(TerminalWidth.resolve(columns: "wide", terminal: nil) == 80)
    }

    /// A stale section with many changed files, as `quantlab sections` lists it.
    static let stale = SectionStatus(
        section: "matmul",
        state: .stale([.code(["Sources/Kernels/GEMM/Int8GEMM.swift", "Sources/Kernels/GEMV/ByteDot.swift",
                              "Sources/Runner/Progress/ProgressReporter.swift", "Sources/Tensor/Tensor.swift"])]),
        lastGood: nil, lastFailure: nil, staleReasons: [], notes: [])

    @Test func sectionsReasonColumnWrapsWithinTheWidth() {
        let text = SectionListing.text([Self.stale], width: 80)
        // The reason column starts at 44, leaving 36: paths longer than that break after a `/`.
        #expect(text == """
            section  state  last run  duration  trials  reason
            matmul   stale  -         -         -       code changed
                                                        (Sources/Kernels/GEMM/
                                                        Int8GEMM.swift,
                                                        Sources/Kernels/GEMV/ByteDot.swift,
                                                        Sources/Runner/Progress/
                                                        ProgressReporter.swift, +1 more)

            """)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "every line fits")
    }

    @Test func aNarrowTerminalPutsTheReasonUnderItsRow() {
        let text = SectionListing.text([Self.stale], width: 60)
        // 16 columns would be left beside the others: the reason goes under its row instead.
        #expect(text == """
            section  state  last run  duration  trials
                reason
            matmul   stale  -         -         -
                code changed (Sources/Kernels/GEMM/Int8GEMM.swift,
                Sources/Kernels/GEMV/ByteDot.swift,
                Sources/Runner/Progress/ProgressReporter.swift, +1 more)

            """)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 60 }, "every line fits")
    }
}

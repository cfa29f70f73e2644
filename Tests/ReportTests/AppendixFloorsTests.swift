import Foundation
import Testing
import Analysis

@testable import Report

/// A section's acceptance targets are listed in the appendix under the section, not in the chapter.
@Suite("Appendix floors")
struct AppendixFloorsTests {
    static func appendix(_ floors: [FloorCheck]) -> Appendix {
        Appendix(
            commands: ["make report"], environment: [], inputs: [],
            sections: [
                Appendix.Section(id: "formats", fingerprint: nil, status: .missing, runDate: nil),
                Appendix.Section(id: "matmul", fingerprint: "ab", status: .fresh, runDate: nil, floors: floors),
            ])
    }

    @Test func listedPerSection() throws {
        let markdown = try Self.appendix([
            FloorCheck(name: "INT8 kernel speedup at n = 4096", measured: 3.61, required: 3.5, isShare: false),
            FloorCheck(name: "GEMV INT4 share of read bandwidth", measured: 0.62, required: 0.7, isShare: true),
        ]).markdown()
        #expect(markdown.hasSuffix("""
            ### Checks against the targets

            Our own acceptance targets for each section, checked on the results shown. They are targets for this code on this class of machine, not findings.

            `matmul`:

            - INT8 kernel speedup at n = 4096: 3.61× (target 3.50×): met.
            - GEMV INT4 share of read bandwidth: 62.0 % (target 70.0 %): not met.
            """))
    }

    @Test func absentWithoutFloors() throws {
        #expect(try !Self.appendix([]).markdown().contains("Checks against the targets"))
    }
}

import Report
import Testing

@testable import Study

/// The preamble's link to the appendix uses the appendix's anchor (the builder checks that the
/// anchor exists in the document it builds: `ReportError.brokenLink`).
@Suite("Preamble")
struct PreambleTests {
    @Test func linksToTheAppendix() {
        #expect(StudyReport.preamble.contains("[the appendix](#\(Appendix.anchor))"))
    }
}

import Foundation
import Report
import Records
import Testing

/// The `formats` chapter rendered from a recorded quick-profile run of its experiment, compared with
/// a recorded snapshot (`RECORD_GOLDEN=1` re-records it). Every number in it is fixed by the
/// profile and seed, so any change to QuantCore, the experiment, the analysis or the template
/// shows up here.
@Suite struct FormatsChapterTests {
    static func records() throws -> [TrialRecord] { try Fixture.records("formats") }

    @Test func chapterMatchesSnapshot() throws {
        let output = try FormatsChapter().build(Self.records())
        let markdown = try Fixture.render(output, template: "01-formats.md.mustache", title: "Formats")
        try Golden.check(markdown, "formats-chapter.md")
    }

    @Test func findingsCiteMeasuredNumbers() throws {
        let output = try FormatsChapter().build(Self.records())
        #expect(Set(output.findings.keys).isSubset(of: Set(FormatsChapter().findingNames)))
        guard case .record(let memory)? = output.findings["formats_memory"] else {
            Issue.record("formats_memory finding missing")
            return
        }
        // 16 bits against 4 + 16/128 bits per weight: 16 / 4.125 = 3.878…
        #expect(memory["ratio"] == .number(16 / 4.125, .ratio))
    }

    @Test func missingRecordsNameTheSection() {
        #expect(throws: ChapterError.self) { try FormatsChapter().build([]) }
        do { _ = try FormatsChapter().build([]) } catch {
            #expect("\(error)".hasPrefix("formats records: no trial with "))
        }
    }
}

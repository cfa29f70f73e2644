import Analysis
import Charts
import Foundation
@testable import Report
import Records
import Testing

/// The `linreg` chapter rendered from a recorded quick-profile run of its experiment, compared
/// with a recorded snapshot (`RECORD_GOLDEN=1` re-records it). Every number is fixed by the
/// recorded trials.
@Suite("Linreg chapter")
struct LinregChapterTests {
    /// The recorded quick-profile run.
    static let records = Result { try Fixture.records("linreg") }
    /// The chapter built once from them (building runs a few hundred bootstrap intervals).
    static let output = Result { try LinregChapter().build(records.get()) }

    @Test func chapterMatchesSnapshot() throws {
        let output = try Self.output.get()
        let markdown = try Fixture.render(output, template: "03-linreg.md.mustache", title: "Linreg")
        try Golden.check(markdown, "linreg-chapter.md")
    }

    @Test("every table, chart and finding is built; every number is finite")
    func build() throws {
        let chapter = LinregChapter()
        let output = try Self.output.get()
        #expect(output.tables.map(\.label) == ["linreg-arithmetic", "linreg-ptq", "linreg-inputs", "linreg-best"])
        #expect(output.charts.map(\.label) == ["linreg-kappa", "linreg-curves", "linreg-bits"])
        #expect(Set(output.findings.keys).isSubset(of: chapter.findingNames))
        func finite(_ value: TemplateValue, _ path: String) {
            switch value {
            case .number(let x, _): #expect(x.isFinite, "\(path) = \(x)")
            case .list(let items): for (i, item) in items.enumerated() { finite(item, "\(path)[\(i)]") }
            case .record(let r): for (k, v) in r { finite(v, "\(path).\(k)") }
            case .text, .flag: break
            }
        }
        for (name, value) in output.values { finite(value, name) }
        for (name, value) in output.findings { finite(value, name) }
    }

    /// The 8-bit input sentence is computed over exactly the settings of the input table at
    /// that width: both datasets, both grids, every calibration.
    @Test("the widest-input sentence covers exactly the table's cells at that width")
    func inputSentence() throws {
        let records = try Self.records.get()
        let output = try Self.output.get()
        var worst = 0.0, settings = 0
        for dataset in ["diabetes", "autompg"] {
            for symmetric in [true, false] {
                for calibration in ["minmax", "percentile", "mse", "dynamic"] {
                    let c = try #require(LinregAnalysis.change(records, candidate: LinregSchema.parameters(.inputQuantization, [
                        .dataset: .string(dataset), .bits: 8, .symmetric: .bool(symmetric), .calibration: .string(calibration),
                    ])))
                    worst = max(worst, abs(c.change.estimate))
                    settings += 1
                }
            }
        }
        #expect(output.values["inputs_wide_settings"] == .number(Double(settings), .count))
        #expect(output.values["inputs_wide_worst"] == .number(worst, .percent))
    }

    /// One statistic everywhere: Table 11's cells, Table 13's changes and the bits figure's
    /// points are the analysis' paired change of the configuration they name.
    @Test("Tables 11 and 13 and the bits figure print the same paired change")
    func oneStatistic() throws {
        let records = try Self.records.get()
        let output = try Self.output.get()
        func change(_ family: LinregSchema.Family, _ filter: [LinregSchema.Parameter: ParameterValue]) throws -> PairedChange {
            try #require(LinregAnalysis.change(records, candidate: LinregSchema.parameters(family, filter)), "\(filter)")
        }
        // The figure: the QAT (LSQ) line of each dataset's weights-only panel.
        let figure = try #require(output.charts.first { $0.label == "linreg-bits" }).chart
        for (panel, dataset) in [(0, "diabetes"), (3, "autompg")] {
            let line = try #require(figure.panels[panel].marks.compactMap { mark -> Line? in
                if case .line(let l) = mark, l.label == "QAT (LSQ)" { return l }
                return nil
            }.first)
            for (x, y) in zip(line.x, line.y) {
                let c = try change(.qat, [.dataset: .string(dataset), .targets: "weights", .method: "qat-lsq", .bits: .int(Int(x.rounded()))])
                #expect(y == 100 * c.change.estimate, "\(dataset), \(x) bits")
            }
        }
        // Table 11: the INT8 symmetric change on diabetes.
        let ptq = try #require(output.tables.first { $0.label == "linreg-ptq" }).table
        let int8 = try #require(ptq.rows.first { $0.first == .text("INT8 symmetric") })
        let c = try change(.ptqWeights, [.dataset: "diabetes", .format: "int8", .symmetric: true])
        #expect(int8[1] == .text(LinregChapter.percentWithInterval(c.change)))
        // Table 13: every row's lowest configuration and its change.
        let best = try #require(output.tables.first { $0.label == "linreg-best" }).table
        let datasets = ["Diabetes": "diabetes", "Auto MPG": "autompg"]
        for row in best.rows {
            guard case .text(let display) = row[0], let dataset = datasets[display], case .number(let bits) = row[1],
                  case .text(let name) = row[2] else { Issue.record("row \(row)"); continue }
            let label = name.replacingOccurrences(of: " (best)", with: "")
            let b = Int(bits)
            let filter: (LinregSchema.Family, [LinregSchema.Parameter: ParameterValue])
            switch label {
            case "QAT (LSQ)": filter = (.qat, [.targets: "weights", .method: "qat-lsq", .bits: .int(b)])
            case "QAT (STE)": filter = (.qat, [.targets: "weights", .method: "qat-ste", .bits: .int(b)])
            case "PTQ NF4": filter = (.ptqWeights, [.format: "nf4"])
            case "PTQ FP8 E4M3": filter = (.ptqWeights, [.format: "fp8-e4m3"])
            default:
                filter = (.ptqWeights, [.format: .string("int\(b)"), .symmetric: .bool(label.hasSuffix(" symmetric"))])
            }
            let c = try change(filter.0, filter.1.merging([.dataset: .string(dataset)]) { $1 })
            #expect(row[3] == .text(LinregChapter.percentWithInterval(c.change)), "\(display) \(b) bits \(label)")
        }
    }

    @Test func missingRecordsNameTheSection() {
        #expect(throws: ChapterError.self) { try LinregChapter().build([]) }
        do { _ = try LinregChapter().build([]) } catch {
            #expect("\(error)".hasPrefix("linreg records: ") && "\(error)".hasSuffix("rerun with quantlab run linreg"))
        }
    }
}

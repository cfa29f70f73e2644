public import Foundation
public import Analysis

/// The appendix "Reproducing this report": commands, environment, pinned inputs and the state
/// of every section, from plain values.
public struct Appendix: Sendable, Equatable {
    /// A pinned input: what was read, from which package, and its checksum.
    public struct Input: Sendable, Equatable {
        /// The file name (`mnist_5k.csv`).
        public var name: String
        /// The registry package it comes from.
        public var package: String
        /// The pinned package version.
        public var version: String
        /// SHA-256 of the file, hexadecimal.
        public var sha256: String
        /// The data's licence (`CC BY-SA 3.0`).
        public var licence: String

        /// A pinned input.
        public init(name: String, package: String, version: String, sha256: String, licence: String) {
            self.name = name
            self.package = package
            self.version = version
            self.sha256 = sha256
            self.licence = licence
        }
    }

    /// The state of one section in this report.
    public struct Section: Sendable, Equatable {
        /// The state of the section's stored results against the code and settings of this report.
        public enum Status: Sendable, Equatable {
            /// The results match the current parameters, inputs and code.
            case fresh
            /// The results are shown, but no longer match: why.
            case stale(String)
            /// The latest run failed with this error; older results (if any) are stale.
            case failed(String)
            /// The section has never run.
            case missing
        }

        /// The section id (`matmul`).
        public var id: String
        /// The fingerprint of the results shown, hexadecimal; `nil` when there are none.
        public var fingerprint: String?
        /// The status.
        public var status: Status
        /// When the results shown were made; `nil` when there are none.
        public var runDate: Date?
        /// The section's own acceptance targets checked on the results shown (`ChapterOutput.floors`).
        public var floors: [FloorCheck]

        /// A section row.
        public init(id: String, fingerprint: String?, status: Status, runDate: Date?, floors: [FloorCheck] = []) {
            self.id = id
            self.fingerprint = fingerprint
            self.status = status
            self.runDate = runDate
            self.floors = floors
        }
    }

    /// Shell commands that rebuild the report, in order (`make report PROFILE=full SEED=42`).
    public var commands: [String]
    /// Environment facts as key and value (`OpenBLAS core`, `Haswell`), in display order.
    public var environment: [(key: String, value: String)]
    /// The pinned inputs.
    public var inputs: [Input]
    /// Every section, in report order.
    public var sections: [Section]

    /// An appendix.
    public init(
        commands: [String], environment: [(key: String, value: String)], inputs: [Input], sections: [Section]
    ) {
        self.commands = commands
        self.environment = environment
        self.inputs = inputs
        self.sections = sections
    }

    /// Equal when every part is equal (tuples are not `Equatable`, so this is written out).
    public static func == (lhs: Appendix, rhs: Appendix) -> Bool {
        lhs.commands == rhs.commands && lhs.inputs == rhs.inputs && lhs.sections == rhs.sections
            && lhs.environment.map(\.key) == rhs.environment.map(\.key)
            && lhs.environment.map(\.value) == rhs.environment.map(\.value)
    }

    /// The appendix heading.
    static let title = "Reproducing this report"

    /// The appendix heading's anchor (GitHub's slug of `title`), for links such as the preamble's.
    public static let anchor = "reproducing-this-report"

    /// "Checks against the targets": each section's floors under its id; nothing when no
    /// section has any (the quick profile measures none of the target sizes).
    private var floorsMarkdown: [String] {
        let checked = sections.filter { !$0.floors.isEmpty }
        guard !checked.isEmpty else { return [] }
        let intro = "Our own acceptance targets for each section, checked on the results shown. They are targets for this code on this class of machine, not findings."
        return ["### Checks against the targets", intro]
            + checked.map { "`\($0.id)`:\n\n" + $0.floors.map(\.markdown).joined(separator: "\n") }
    }

    /// The appendix as Markdown: a level-2 heading, then level-3 parts. No trailing newline.
    func markdown() throws -> String {
        let fence = "```"
        let environmentTable = Table(
            columns: [Table.Column("key"), Table.Column("value")],
            rows: environment.map { [.text($0.key), .text($0.value)] })
        let inputTable = Table(
            columns: ["input", "package", "version", "sha256", "licence"].map { Table.Column($0) },
            rows: inputs.map { [.text($0.name), .text($0.package), .text($0.version), .text("`\($0.sha256)`"), .text($0.licence)] })
        let sectionTable = Table(
            columns: ["section", "fingerprint", "status", "run"].map { Table.Column($0) },
            rows: sections.map { section in
                [
                    .text(section.id),
                    section.fingerprint.map { .text("`\($0)`") } ?? .text("—"),
                    .text(section.status.text),
                    section.runDate.map { .text(UTCDate.minutes($0)) } ?? .text("—"),
                ]
            })
        return ([
            "## \(Self.title)",
            "### Commands",
            "\(fence)sh\n" + commands.joined(separator: "\n") + "\n\(fence)",
            "### Environment",
            try environmentTable.markdown(location: "appendix environment"),
            "### Pinned inputs",
            try inputTable.markdown(location: "appendix inputs"),
            "### Sections",
            try sectionTable.markdown(location: "appendix sections"),
        ] + floorsMarkdown).joined(separator: "\n\n")
    }
}

extension Appendix.Section.Status {
    /// `fresh`, `stale: reason`, `failed: error`, `missing`.
    var text: String {
        switch self {
        case .fresh: "fresh"
        case .stale(let reason): "stale: \(Provenance.oneLine(reason))"
        case .failed(let error): "failed: \(Provenance.oneLine(error))"
        case .missing: "missing"
        }
    }
}

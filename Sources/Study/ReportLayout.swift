public import Foundation
public import Records

/// Where the report of one profile goes: the full profile's report is the study
/// (`report/quantization.md`, `figures/`); the quick profile's sits beside it
/// (`report/quick/quantization.md`, `figures/quick/`), so a quick look never overwrites it.
public struct ReportLayout: Sendable, Equatable {
    /// The Markdown report; the HTML page is written beside it.
    public let reportFile: URL
    /// The folder the charts are drawn into.
    public let figuresDirectory: URL
    /// The folder of the chapter templates (`report/src`), shared by every profile.
    public let templateDirectory: URL
    /// The figures folder as the report links it, relative to the report's folder (`../figures`).
    public let figureLink: String

    /// The layout of `profile`'s report under the package root `root`.
    public init(root: URL, profile: Profile) {
        let report = root.appendingPathComponent("report")
        templateDirectory = report.appendingPathComponent("src")
        switch profile {
        case .full:
            reportFile = report.appendingPathComponent("quantization.md")
            figuresDirectory = root.appendingPathComponent("figures")
            figureLink = "../figures"
        case .quick:
            reportFile = report.appendingPathComponent("quick/quantization.md")
            figuresDirectory = root.appendingPathComponent("figures/quick")
            figureLink = "../../figures/quick"
        }
    }
}

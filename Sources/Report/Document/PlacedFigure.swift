import Foundation

/// A chart a chapter shows: where its image is, what it shows in words, and its caption.
///
/// A template places it with `{{{figure.LABEL}}}` and refers to it with `{{ref.figure.LABEL}}`,
/// which becomes `[Figure 3](#figure-3)`; numbers follow the order of placement in the report.
public struct PlacedFigure: Sendable, Equatable {
    /// The label templates use: letters, digits, `_` and `-` (`matmul-error`).
    public var label: String
    /// The image path relative to the report file (`../figures/matmul-error.svg`), with `/`.
    public var image: String
    /// The chart's alt text: what it shows, for readers who cannot see it.
    public var altText: String
    /// The caption printed under the image after `Figure N.`.
    public var caption: String

    /// A figure.
    /// - Parameters:
    ///   - label: Letters, digits, `_` and `-` (a programmer error otherwise).
    ///   - image: Path relative to the report file, so links work on GitHub and in editors.
    ///   - altText: The chart's alt text; one line.
    ///   - caption: One line of Markdown.
    public init(label: String, image: String, altText: String, caption: String) {
        precondition(TemplateValue.isValidKey(label), "figure label \(label) must use letters, digits, _ and -")
        precondition(!altText.contains("\n") && !caption.contains("\n"), "figure \(label): alt text and caption are one line")
        precondition(
            !image.isEmpty && !image.contains { $0.isWhitespace || $0 == "(" || $0 == ")" },
            "figure \(label): image path \(image) must not contain spaces or parentheses (Markdown link target)")
        self.label = label
        self.image = image
        self.altText = altText
        self.caption = caption
    }

    /// The Markdown block for figure `number`: the anchored image, then the caption line.
    ///
    /// ```
    /// <a id="figure-3"></a>![alt text](../figures/matmul-error.svg)
    ///
    /// **Figure 3.** *caption*
    /// ```
    ///
    /// The anchor sits before the image, so a link to the figure scrolls to its top, not to its
    /// caption under it. The HTML page turns the pair into `<figure id>` and `<figcaption>`.
    func markdown(number: Int) -> String {
        let alt = altText.replacingOccurrences(of: "]", with: "\\]")
        return "\(Self.anchorTag(number))![\(alt)](\(image))\n\n**\(FloatKind.figure.name) \(number).** *\(caption)*"
    }

    /// `<a id="figure-3"></a>`: the anchor that opens figure `number`'s image line.
    static func anchorTag(_ number: Int) -> String { "<a id=\"\(FloatKind.figure.anchor(number))\"></a>" }
}

/// A table a chapter shows, with its label and caption.
///
/// A template places it with `{{{table.LABEL}}}` and refers to it with `{{ref.table.LABEL}}`.
public struct CaptionedTable: Sendable, Equatable {
    /// The label templates use: letters, digits, `_` and `-`.
    public var label: String
    /// The caption printed above the table after `Table N.`; one line of Markdown.
    public var caption: String
    /// The data.
    public var table: Table

    /// A captioned table.
    /// - Parameters:
    ///   - label: Letters, digits, `_` and `-` (a programmer error otherwise).
    ///   - caption: One line of Markdown.
    ///   - table: The data.
    public init(label: String, caption: String, table: Table) {
        precondition(TemplateValue.isValidKey(label), "table label \(label) must use letters, digits, _ and -")
        precondition(!caption.contains("\n"), "table \(label): the caption is one line")
        self.label = label
        self.caption = caption
        self.table = table
    }

    /// The Markdown block for table `number`: an anchored caption line, then the table.
    /// - Parameters:
    ///   - number: The table's number in the report.
    ///   - file: The template that places it, for error messages.
    /// - Throws: `ReportError.nonFiniteNumber` for a NaN or ±∞ cell.
    func markdown(number: Int, file: String) throws -> String {
        "<a id=\"\(FloatKind.table.anchor(number))\"></a>**\(FloatKind.table.name) \(number).** *\(caption)*\n\n"
            + (try table.markdown(location: "\(file): table.\(label)"))
    }
}

/// Figures and tables: the two numbered kinds of float.
enum FloatKind: String, Sendable, CaseIterable {
    case figure
    case table

    /// The word before the number: `Figure`, `Table`.
    var name: String { self == .figure ? "Figure" : "Table" }

    /// The HTML anchor of float `number`: `figure-3`.
    func anchor(_ number: Int) -> String { "\(rawValue)-\(number)" }

    /// The Markdown link to float `number`: `[Figure 3](#figure-3)`.
    func link(_ number: Int) -> String { "[\(name) \(number)](#\(anchor(number)))" }
}

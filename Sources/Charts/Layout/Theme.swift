/// Sizes in points that every figure shares; near matplotlib's defaults, which readers know.
enum Theme {
    static let outerPadding = 6.0
    static let titleSize = 12.5
    static let panelTitleSize = 10.5
    static let axisLabelSize = 10.0
    static let tickLabelSize = 9.0
    static let legendSize = 9.0
    static let annotationSize = 8.5
    static let tickLength = 3.5
    static let minorTickLength = 2.0
    /// Gap between a tick's end and its label.
    static let tickLabelGap = 2.5
    /// Gap between tick labels and the axis title.
    static let axisLabelGap = 4.0
    /// Smallest clear space between neighbouring tick labels.
    static let labelSpacing = 4.0
    static let panelGap = 10.0
    static let frameWidth = 0.8
    static let gridWidth = 0.6
    static let colorBarWidth = 11.0
    static let colorBarGap = 10.0
    static let legendPadding = 5.0
    static let legendSwatch = 22.0
    static let legendInset = 6.0
}

/// Categorical colours, markers and dash patterns that tell series apart in colour and in greyscale.
///
/// Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which stays
/// distinguishable under the common colour-vision deficiencies. Yellow comes late: thin yellow
/// lines vanish on white, so it is Okabe–Ito's yellow darkened to #A08C00, whose contrast with
/// white is 3.4:1 (WCAG 2.1 §1.4.11 asks 3:1 of graphics; #F0E442 has 1.2:1). Series `i` gets colour `i`, marker `i` and dash `i` (each cycling), so
/// two series never share all three even when printed in grey.
public enum Palette {
    /// Okabe–Ito in the order series receive them: blue, vermillion, bluish green, orange,
    /// reddish purple, sky blue, dark yellow, black.
    public static let okabeIto: [Color] = [
        Color(hex: 0x0072B2), Color(hex: 0xD55E00), Color(hex: 0x009E73), Color(hex: 0xE69F00),
        Color(hex: 0xCC79A7), Color(hex: 0x56B4E9), Color(hex: 0xA08C00), Color(hex: 0x000000),
    ]

    /// The colour of series `index` (cycling through Okabe–Ito).
    public static func color(_ index: Int) -> Color { okabeIto[index % okabeIto.count] }

    /// The marker of series `index` (cycling through every `MarkerShape`).
    public static func marker(_ index: Int) -> MarkerShape {
        MarkerShape.allCases[index % MarkerShape.allCases.count]
    }

    /// The dash pattern of series `index` (cycling through every `DashPattern`).
    public static func dash(_ index: Int) -> DashPattern {
        DashPattern.allCases[index % DashPattern.allCases.count]
    }
}

import Testing
import Charts

@Suite struct PaletteTests {
    /// The first five default styles differ pairwise in marker, dash and hatch, not only in
    /// colour, so series stay apart in greyscale.
    @Test func defaultStylesDifferBeyondColour() {
        for i in 0..<5 {
            for j in (i + 1)..<5 {
                let (a, b) = (SeriesStyle.series(i), SeriesStyle.series(j))
                #expect(a.marker != b.marker && a.dash != b.dash && a.hatch != b.hatch, "series \(i) and \(j)")
                #expect(a.color != b.color, "series \(i) and \(j)")
            }
        }
    }

    @Test func okabeItoStartsWithBlueAndVermillion() {
        #expect(Palette.color(0) == Color(hex: 0x0072B2))
        #expect(Palette.color(1) == Color(hex: 0xD55E00))
        #expect(Palette.color(8) == Palette.color(0), "cycles after eight")
    }

    /// Ends of viridis are matplotlib's first and last table entries; the middle interpolates
    /// entries 127 and 128 halfway.
    @Test func viridisMatchesMatplotlibTable() {
        let tolerance = 1e-12
        let low = Colormap.viridis.color(at: 0)
        let high = Colormap.viridis.color(at: 1)
        let mid = Colormap.viridis.color(at: 0.5)
        #expect(abs(low.red - 0.267004) < tolerance && abs(low.green - 0.004874) < tolerance && abs(low.blue - 0.329415) < tolerance)
        #expect(abs(high.red - 0.993248) < tolerance && abs(high.green - 0.906157) < tolerance && abs(high.blue - 0.143936) < tolerance)
        #expect(abs(mid.red - (0.128729 + 0.127568) / 2) < 1e-9 && abs(mid.green - (0.563265 + 0.566949) / 2) < 1e-9)
        #expect(Colormap.viridis.color(at: -3) == low && Colormap.viridis.color(at: 7) == high, "clamped")
    }

    /// The diverging map is blue at the low end, near-white (#F7F7F7) at the centre, red at the top.
    @Test func divergingIsCentredOnWhite() {
        #expect(Colormap.diverging.color(at: 0.5) == Color(hex: 0xF7F7F7))
        let low = Colormap.diverging.color(at: 0)
        let high = Colormap.diverging.color(at: 1)
        #expect(low.blue > low.red && high.red > high.blue)
    }
}

import Testing
@testable import Charts

/// Extended Wilkinson and log ticks on ranges whose answers are worked out by hand from the
/// scoring formula (weights 0.25 simplicity, 0.2 coverage, 0.5 density, 0.05 legibility).
@Suite struct TickTests {
    /// Compares tick lists to 1e−12 relative (the ticks are built exactly as integer × step).
    func expectTicks(_ got: [Double], _ want: [Double], _ label: String) {
        #expect(got.count == want.count, "\(label): got \(got), want \(want)")
        for (g, w) in zip(got, want) {
            #expect(abs(g - w) <= 1e-12 * max(1, abs(w)), "\(label): got \(got), want \(want)")
        }
    }

    /// [0, 1], m = 5: step 0.2 (q = 2) gives 6 ticks 0…1: simplicity 1 − 2/5 − 1 + 1 = 0.6,
    /// coverage 1, density 2 − (5/1)/(4/1) = 0.75, score 0.15 + 0.2 + 0.375 + 0.05 = 0.775;
    /// step 0.25 (q = 2.5, 5 ticks) scores 0.1 + 0.2 + 0.5 + 0.05 = 0.85; step 0.5 (q = 5,
    /// 3 ticks) 0.2 + 0.2 + 0 + 0.05 = 0.45. So 0, 0.25, 0.5, 0.75, 1.
    @Test func unitInterval() {
        expectTicks(ExtendedWilkinson.ticks(from: 0, to: 1, count: 5), [0, 0.25, 0.5, 0.75, 1], "[0, 1]")
        #expect(TickLabelFormat.linear([0, 0.25, 0.5, 0.75, 1]) == ["0.00", "0.25", "0.50", "0.75", "1.00"])
    }

    /// [3, 97], m = 5: 0…100 by 25 scores 0.25·0.4 + 0.2·(1 − ½·18/88.36) + 0.5·1 + 0.05 = 0.830;
    /// 0…100 by 20 scores 0.15 + 0.180 + 0.375 + 0.05 = 0.755; 0…100 by 50: 0.430.
    @Test func threeToNinetySeven() {
        expectTicks(ExtendedWilkinson.ticks(from: 3, to: 97, count: 5), [0, 25, 50, 75, 100], "[3, 97]")
    }

    /// [−1e−6, 1e−6], m = 5: step 5e−7 (q = 5) hits both ends and 0: 0.25·0.8 + 0.2 + 0.5 + 0.05
    /// = 0.95, the best possible score for q ≠ 1; step 1e−6 (3 ticks) scores only 0.5.
    @Test func tinySymmetricRange() {
        let ticks = ExtendedWilkinson.ticks(from: -1e-6, to: 1e-6, count: 5)
        expectTicks(ticks, [-1e-6, -5e-7, 0, 5e-7, 1e-6], "[−1e−6, 1e−6]")
        #expect(TickLabelFormat.linear(ticks) == ["−1e−6", "−5e−7", "0", "5e−7", "1e−6"])
    }

    /// [−35, 60], m = 5: −40…60 by 20 (6 ticks, with 0): simplicity 0.6, coverage
    /// 1 − ½·25/90.25 = 0.861, density 2 − (5/100)/(4/100) = 0.75 → 0.747; −25…50 by 25 misses 60
    /// (coverage −0.108) → 0.60; −50…100 by 50 covers too much (coverage −0.80).
    @Test func rangeCrossingZero() {
        let ticks = ExtendedWilkinson.ticks(from: -35, to: 60, count: 5)
        expectTicks(ticks, [-40, -20, 0, 20, 40, 60], "[−35, 60]")
        #expect(TickLabelFormat.linear(ticks) == ["−40", "−20", "0", "20", "40", "60"])
    }

    /// A single value has no range to tick: the algorithm returns the value itself, and an axis
    /// holding one point widens to ±10 % (here [4.5, 5.5]), where 4.5…5.5 by 0.25 scores
    /// 0.25·(1 − 3/5 − 1) + 0.2 + 0.5 + 0.05 = 0.6, above 4.6…5.4 by 0.2 (0.325).
    @Test func singleValue() throws {
        #expect(ExtendedWilkinson.ticks(from: 5, to: 5, count: 5) == [5])
        let figure = Figure(altText: "one point", panel: Panel(marks: [.scatter(Scatter(x: [5], y: [5]))]))
        let panel = try ChartRenderer().layout(figure).panels[0]
        #expect(panel.x.domain == 4.5...5.5)
        expectTicks(ExtendedWilkinson.ticks(from: 4.5, to: 5.5, count: 5), [4.5, 4.75, 5, 5.25, 5.5], "[4.5, 5.5]")
        let p = panel.point(x: 5, y: 5)
        #expect(abs(p.x - panel.plotArea.midX) < 1e-9 && abs(p.y - panel.plotArea.midY) < 1e-9)
    }

    /// [0.001, 1000] on log10 with room for every decade: seven decades labelled compactly,
    /// and minor ticks at 2…9 × 10ᵉ for the six decades between them (48).
    @Test func logDecades() {
        let ticks = AxisTicks.make(scale: .log10, domain: 0.001...1000, count: 10)
        expectTicks(ticks.major, [1e-3, 1e-2, 0.1, 1, 10, 100, 1000], "log10 [1e−3, 1e3]")
        #expect(ticks.labels == ["1e−3", "0.01", "0.1", "1", "10", "100", "1k"])
        #expect(ticks.minor.count == 48)
        #expect(ticks.minor.contains { abs($0 - 0.002) < 1e-15 } && ticks.minor.contains { abs($0 - 900) < 1e-9 })
    }

    /// Too many decades for the space: every other decade (exponents divisible by 2) is
    /// labelled and the rest become minor ticks.
    @Test func logDecadesThinned() {
        let ticks = AxisTicks.make(scale: .log10, domain: 0.001...1000, count: 4)
        expectTicks(ticks.major, [0.01, 1, 100], "log10 thinned")
        expectTicks(ticks.minor, [1e-3, 0.1, 10, 1000], "log10 thinned minor")
    }

    /// Under two decades, 1-2-5 multiples are labelled.
    @Test func logShortRange() {
        let ticks = AxisTicks.make(scale: .log10, domain: 1.5...30, count: 6)
        expectTicks(ticks.major, [2, 5, 10, 20], "log10 [1.5, 30]")
    }

    @Test func log2Powers() {
        let ticks = AxisTicks.make(scale: .log2, domain: 0.25...70_000, count: 20)
        #expect(ticks.labels.first == "0.25")
        #expect(ticks.labels.contains("1024"))
        #expect(ticks.labels.last == "2¹⁶")
    }

    /// Symlog: 0 and ±decades from the threshold up.
    @Test func symlogTicks() {
        let ticks = AxisTicks.make(scale: .symlog(linearThreshold: 0.01), domain: -0.5...100, count: 10)
        expectTicks(ticks.major, [-0.1, -0.01, 0, 0.01, 0.1, 1, 10, 100], "symlog")
        #expect(ticks.labels == ["−0.1", "−0.01", "0", "0.01", "0.1", "1", "10", "100"])
    }

    @Test(arguments: [
        (1000.0, "1k"), (10_000, "10k"), (1500, "1.5k"), (2_500_000, "2.5M"), (0.001, "1e−3"),
        (0.25, "0.25"), (-2, "−2"), (0, "0"), (3e9, "3e9"), (-0.0025, "−2.5e−3"), (40, "40"),
    ])
    func compactLabels(value: Double, text: String) {
        #expect(TickLabelFormat.compact(value) == text, "compact(\(value))")
    }

    @Test func linearLabelsShareDecimals() {
        #expect(TickLabelFormat.linear([0, 0.5, 1, 1.5]) == ["0.0", "0.5", "1.0", "1.5"])
        #expect(TickLabelFormat.linear([0, 2000, 4000]) == ["0", "2k", "4k"])
        #expect(TickLabelFormat.linear([-1, 0, 1]) == ["−1", "0", "1"])
    }
}

/// Integer ticks for counts, and axis titles that name a logarithmic scale.
@Suite struct AxisRuleTests {
    /// [2, 8] with m = 10 gives Wilkinson's 2, 2.5, …, 8 (step 0.5): with `integer` the step
    /// rounds up to 1, so 2, 3, …, 8.
    @Test func integerTicksForBits() {
        let fractional = AxisTicks.make(scale: .linear, domain: 2...8, count: 10)
        #expect(fractional.major.contains { $0 != $0.rounded() }, "the case must start from fractional ticks: \(fractional.major)")
        #expect(AxisTicks.make(scale: .linear, domain: 2...8, count: 10, integer: true).major == [2, 3, 4, 5, 6, 7, 8])
        // Integer ticks already: unchanged.
        #expect(AxisTicks.make(scale: .linear, domain: 0...100, count: 5, integer: true).major == [0, 25, 50, 75, 100])
    }

    @Test func logAxesSaySo() {
        #expect(Axis("Time [ms]", scale: .log10).displayLabel == "Time [ms] (log)")
        #expect(Axis("n", scale: .log2).displayLabel == "n (log)")
        #expect(Axis("Error", scale: .symlog(linearThreshold: 1e-3)).displayLabel == "Error (log)")
        #expect(Axis("log2 of the gap", scale: .log10).displayLabel == "log2 of the gap")
        #expect(Axis("Bits").displayLabel == "Bits")
        #expect(Axis(nil, scale: .log10).displayLabel == nil)
    }
}

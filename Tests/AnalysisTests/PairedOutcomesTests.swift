import Analysis
import Testing

/// The paired comparison of a quantized classifier with its FP32 parent.
@Suite struct PairedOutcomesTests {
    /// b = 1, c = 9: p = 2 · (C(10,0) + C(10,1)) / 2¹⁰ = 22/1024, worked by hand.
    @Test func mcNemarExactValue() {
        let table = PairedOutcomes(bothRight: 80, parentOnly: 1, childOnly: 9, bothWrong: 10)
        #expect(abs(table.mcNemarPValue - 22.0 / 1024) < 1e-12)
        #expect(table.parentAccuracy == 0.81 && table.childAccuracy == 0.89)
        #expect(abs(table.difference - 0.08) < 1e-15 && abs(table.discordance - 0.10) < 1e-15)
    }

    /// No discordant image: nothing to tell the models apart, p = 1 and a zero-width interval.
    @Test func identicalAnswers() {
        let table = PairedOutcomes(bothRight: 970, parentOnly: 0, childOnly: 0, bothWrong: 30)
        #expect(table.mcNemarPValue == 1)
        let interval = table.differenceInterval(resamples: 200)
        #expect(interval.lower == 0 && interval.upper == 0 && interval.estimate == 0)
    }

    /// A balanced table has p = 1 (capped) and an interval around 0; a lopsided one excludes 0.
    @Test func intervalsFollowTheDiscordantCells() {
        let balanced = PairedOutcomes(bothRight: 900, parentOnly: 20, childOnly: 20, bothWrong: 60)
        #expect(balanced.mcNemarPValue == 1)
        let around = balanced.differenceInterval(resamples: 500)
        #expect(around.lower < 0 && around.upper > 0)
        let worse = PairedOutcomes(bothRight: 900, parentOnly: 40, childOnly: 2, bothWrong: 58)
        let below = worse.differenceInterval(resamples: 500)
        #expect(below.upper < 0 && below.contains(worse.difference), "\(below)")
        #expect(worse.mcNemarPValue < 1e-6)
        #expect(worse.differenceInterval(resamples: 500) == below, "seeded: the same interval twice")
    }
}

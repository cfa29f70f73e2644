import BenchSupport
import Testing

@Suite("roundOrder: rotated interleaving")
struct RoundOrderTests {
    @Test("each round starts one later, wrapping round")
    func rotation() {
        let v = ["a", "b", "c"]
        #expect(roundOrder(v, round: 0) == ["a", "b", "c"])
        #expect(roundOrder(v, round: 1) == ["b", "c", "a"])
        #expect(roundOrder(v, round: 2) == ["c", "a", "b"])
        #expect(roundOrder(v, round: 3) == ["a", "b", "c"])
        #expect(roundOrder([Int](), round: 4) == [])
    }

    @Test("over n rounds every variant takes every position once", arguments: [1, 2, 5, 6])
    func positions(n: Int) {
        let v = Array(0..<n)
        for position in 0..<n {
            let seen = Set((0..<n).map { roundOrder(v, round: $0)[position] })
            #expect(seen.count == n, "n \(n), position \(position): \(seen)")
        }
    }
}

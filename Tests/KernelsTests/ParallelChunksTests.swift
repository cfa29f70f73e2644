import Dispatch
import Testing
@testable import Kernels

/// `forEachChunk` on CKernels' spinning worker pool: every index exactly once, whatever the
/// count, thread count, nesting or number of concurrent callers, and no call left waiting.
@Suite("Parallel chunks on the worker pool", .timeLimit(.minutes(1)))
struct ParallelChunksTests {
    /// How many times each index of `0..<count` was visited by one `forEachChunk` call.
    private func visits(count: Int, threads: Int) -> [Int] {
        let seen = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
        defer { seen.deallocate() }
        seen.initialize(repeating: 0)
        // Chunks are disjoint, so each index is written by one worker only.
        nonisolated(unsafe) let shared = seen
        forEachChunk(of: count, threads: threads) { range in
            for i in range { shared[i] += 1 }
        }
        return Array(seen)
    }

    @Test("Every index is visited exactly once", arguments: [1, 2, 7, 16, 17, 1000, 4099], [1, 2, 4])
    func coverage(count: Int, threads: Int) {
        #expect(visits(count: count, threads: threads) == Array(repeating: 1, count: count))
    }

    @Test("Back-to-back calls all complete and cover their range (a lost job would hang or skip)")
    func backToBack() {
        var wrong = 0
        for call in 0..<20_000 {
            let count = 1 + call % 97
            if visits(count: count, threads: 2) != Array(repeating: 1, count: count) { wrong += 1 }
        }
        #expect(wrong == 0)
    }

    @Test("A chunk body that calls forEachChunk runs its inner loop on the caller")
    func nested() {
        let inner = UnsafeMutableBufferPointer<Int>.allocate(capacity: 64 * 32)
        defer { inner.deallocate() }
        inner.initialize(repeating: 0)
        nonisolated(unsafe) let shared = inner
        forEachChunk(of: 64, threads: 2) { outer in
            for o in outer {
                forEachChunk(of: 32, threads: 2) { range in
                    for i in range { shared[o * 32 + i] += 1 }
                }
            }
        }
        #expect(Array(inner) == Array(repeating: 1, count: 64 * 32))
    }

    @Test("Concurrent callers on several threads each get their own complete result")
    func concurrentCallers() {
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: 8)
        defer { results.deallocate() }
        results.initialize(repeating: false)
        nonisolated(unsafe) let shared = results
        DispatchQueue.concurrentPerform(iterations: 8) { caller in
            var ok = true
            for call in 0..<500 {
                let count = 50 + (call + caller) % 200
                ok = ok && visits(count: count, threads: 2) == Array(repeating: 1, count: count)
            }
            shared[caller] = ok
        }
        #expect(Array(results) == Array(repeating: true, count: 8))
    }
}

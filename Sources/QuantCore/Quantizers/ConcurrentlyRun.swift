import Dispatch

/// Runs `body(0..<count)` on up to `count` threads and returns when all are done; `count == 1`
/// runs inline. For data-parallel kernels whose iterations touch disjoint memory: the caller
/// guarantees that, which is why `body` need not be `@Sendable` (it is only ever run during
/// this call, never after, so it does not escape).
func concurrentlyRun(_ count: Int, _ body: (Int) -> Void) {
    if count == 1 {
        body(0)
        return
    }
    withoutActuallyEscaping(body) { escapable in
        let sendable = unsafeBitCast(escapable, to: (@Sendable (Int) -> Void).self)
        DispatchQueue.concurrentPerform(iterations: count, execute: sendable)
    }
}

/// One `Float` result slot per concurrent iteration; each iteration writes only its own slot,
/// through raw memory (an `Array` written from several threads would race on its buffer).
final class SliceResults: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Float>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: 0)
    }

    deinit { slots.deallocate() }

    subscript(i: Int) -> Float {
        get { slots[i] }
        set { slots[i] = newValue }
    }

    var values: [Float] { Array(slots) }
}

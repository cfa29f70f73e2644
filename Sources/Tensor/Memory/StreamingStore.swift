// `public import`: the functions below are `@inlinable`, so their bodies, which call CKernels,
// are part of Tensor's interface. A call per 16 bytes across modules would cost more than the
// store saves. This file holds every call into CKernels' streaming stores.
public import CKernels

/// Non-temporal stores: writes that skip the cache.
///
/// An ordinary store to a line not in cache first reads that line from memory (write-allocate),
/// so writing N bytes of a large output moves 2N bytes over the memory bus, and the output evicts
/// data still to be read. A streaming store writes whole lines directly. Use it only for outputs
/// larger than the last-level cache that are not read back soon. Measured on the INT8
/// per-tensor quantization of 64M floats (two threads): 54 % → 60 % of a one-thread plain read.
public enum StreamingStore {
    /// Stores 16 bytes at `address` without reading or keeping its cache line.
    /// - Precondition: `address` is 16-byte aligned (the instruction faults otherwise).
    @inlinable @inline(__always)
    public static func store(_ bytes: SIMD16<UInt8>, at address: UnsafeMutableRawPointer) {
        ql_stream_store16(address, bytes)
    }

    /// Makes every earlier streaming store of this thread ordered before its later stores. Call
    /// it when a streaming loop ends, before other threads may read what it wrote: streaming
    /// stores are weakly ordered and not covered by the usual release semantics.
    @inlinable @inline(__always)
    public static func fence() {
        ql_stream_fence()
    }

    /// Bytes to skip from `address` to the next 16-byte boundary (0 when aligned).
    @inlinable
    public static func bytesToAlignment(_ address: UnsafeRawPointer) -> Int {
        (16 &- Int(bitPattern: address) & 15) & 15
    }
}

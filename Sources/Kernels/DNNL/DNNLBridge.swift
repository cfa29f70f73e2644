// Every call into oneDNN's C API lives in this file (swift-system's `Syscalls.swift` pattern):
// the rest of the module sees only the final classes below, which own one C handle each and
// release it in `deinit`, and Swift enums in place of C enums. Every status is checked and
// thrown, except those of the `*_destroy` calls in `deinit`, which cannot throw and which oneDNN
// fails only for invalid handles (these classes hold only handles that were created successfully).
internal import CDNNL

/// Throws a `DNNLError` naming `call` unless `status` is `dnnl_success`.
private func check(_ status: dnnl_status_t, _ call: StaticString) throws(DNNLError) {
    guard status == dnnl_success else { throw DNNLError(call: "\(call)", status: Int(status.rawValue)) }
}

/// Element types the kernels use, mapped to oneDNN's `dnnl_data_type_t`.
enum DNNLDataType {
    case f32, bf16, s8, u8, s32

    fileprivate var c: dnnl_data_type_t {
        switch self {
        case .f32: dnnl_f32
        case .bf16: dnnl_bf16
        case .s8: dnnl_s8
        case .u8: dnnl_u8
        case .s32: dnnl_s32
        }
    }
}

/// Memory layouts of a 2-D operand: row-major, column-major, or the primitive's choice (a blocked
/// layout reached by a reorder at prepare time).
enum DNNLLayout {
    case rowMajor, columnMajor, any

    fileprivate var c: dnnl_format_tag_t {
        switch self {
        case .rowMajor: dnnl_ab
        case .columnMajor: dnnl_ba
        case .any: dnnl_format_tag_any
        }
    }
}

/// A 2-D memory descriptor (a value: oneDNN's descriptor is a plain struct).
struct DNNLMemoryDescriptor {
    fileprivate var c: dnnl_memory_desc_t

    /// A `rows × columns` descriptor of the given type and layout.
    init(rows: Int, columns: Int, type: DNNLDataType, layout: DNNLLayout) throws(DNNLError) {
        var md = dnnl_memory_desc_t()
        // dnnl_dims_t is a fixed C array (a 12-tuple in Swift); only the first two entries are read.
        // A pointer to `dims.0` would cover that element only (the optimizer may copy it alone).
        let dims: dnnl_dims_t = (dnnl_dim_t(rows), dnnl_dim_t(columns), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let status = withUnsafeBytes(of: dims) { raw in
            dnnl_memory_desc_init_by_tag(&md, 2, raw.baseAddress!.assumingMemoryBound(to: dnnl_dim_t.self), type.c, layout.c)
        }
        try check(status, "dnnl_memory_desc_init_by_tag")
        c = md
    }

    fileprivate init(_ c: dnnl_memory_desc_t) { self.c = c }

    /// Bytes a memory of this descriptor occupies (blocked layouts include padding and compensation).
    var byteCount: Int {
        var md = c
        return dnnl_memory_desc_get_size(&md)
    }

    /// Whether two descriptors describe the same layout (then no reorder is needed).
    func matches(_ other: DNNLMemoryDescriptor) -> Bool {
        var a = c, b = other.c
        return dnnl_memory_desc_equal(&a, &b) != 0
    }
}

/// A CPU engine: the device every primitive and memory is created on.
final class DNNLEngine {
    fileprivate let handle: dnnl_engine_t

    init() throws(DNNLError) {
        var engine: dnnl_engine_t?
        try check(dnnl_engine_create(&engine, dnnl_cpu, 0), "dnnl_engine_create")
        handle = engine!
    }

    deinit { dnnl_engine_destroy(handle) }
}

/// An in-order execution stream on an engine.
final class DNNLStream {
    fileprivate let handle: dnnl_stream_t
    /// Kept alive: a stream must not outlive its engine.
    let engine: DNNLEngine

    init(engine: DNNLEngine) throws(DNNLError) {
        var stream: dnnl_stream_t?
        try check(dnnl_stream_create(&stream, engine.handle, dnnl_stream_default_flags.rawValue), "dnnl_stream_create")
        handle = stream!
        self.engine = engine
    }

    /// Blocks until every primitive submitted to the stream has finished.
    func wait() throws(DNNLError) { try check(dnnl_stream_wait(handle), "dnnl_stream_wait") }

    deinit { dnnl_stream_destroy(handle) }
}

/// A memory object whose buffer oneDNN allocates (64-byte aligned) and frees with the object.
final class DNNLMemory {
    fileprivate let handle: dnnl_memory_t
    let descriptor: DNNLMemoryDescriptor
    /// The buffer; valid while this object lives.
    let data: UnsafeMutableRawPointer
    let engine: DNNLEngine

    init(_ descriptor: DNNLMemoryDescriptor, engine: DNNLEngine) throws(DNNLError) {
        var memory: dnnl_memory_t?
        var md = descriptor.c
        // DNNL_MEMORY_ALLOCATE is `(void *)(size_t)-1`, a macro Swift cannot import.
        let allocate = UnsafeMutableRawPointer(bitPattern: -1)
        try check(dnnl_memory_create(&memory, &md, engine.handle, allocate), "dnnl_memory_create")
        handle = memory!
        var pointer: UnsafeMutableRawPointer?
        do {
            try check(dnnl_memory_get_data_handle(handle, &pointer), "dnnl_memory_get_data_handle")
        } catch {
            dnnl_memory_destroy(handle)
            throw error
        }
        data = pointer!
        self.descriptor = descriptor
        self.engine = engine
    }

    deinit { dnnl_memory_destroy(handle) }
}

/// Argument roles passed to `DNNLPrimitive.execute`.
enum DNNLArgument {
    case source, weights, destination, from, to

    fileprivate var c: Int32 {
        switch self {
        case .source, .from: DNNL_ARG_SRC
        case .weights: DNNL_ARG_WEIGHTS
        case .destination, .to: DNNL_ARG_DST
        }
    }
}

/// A primitive together with its primitive descriptor (kept to query the layouts it chose).
final class DNNLPrimitive {
    private let descriptor: dnnl_primitive_desc_t
    private let handle: dnnl_primitive_t
    let engine: DNNLEngine

    private init(descriptor: dnnl_primitive_desc_t, engine: DNNLEngine) throws(DNNLError) {
        var primitive: dnnl_primitive_t?
        do {
            try check(dnnl_primitive_create(&primitive, descriptor), "dnnl_primitive_create")
        } catch {
            dnnl_primitive_desc_destroy(descriptor)
            throw error
        }
        self.descriptor = descriptor
        self.handle = primitive!
        self.engine = engine
    }

    /// A matmul `dst = src · weights` (2-D, no bias, default attributes).
    static func matmul(
        source: DNNLMemoryDescriptor, weights: DNNLMemoryDescriptor, destination: DNNLMemoryDescriptor, engine: DNNLEngine
    ) throws(DNNLError) -> DNNLPrimitive {
        var op = dnnl_matmul_desc_t()
        var src = source.c, wei = weights.c, dst = destination.c
        try check(dnnl_matmul_desc_init(&op, &src, &wei, nil, &dst), "dnnl_matmul_desc_init")
        var pd: dnnl_primitive_desc_t?
        try check(dnnl_primitive_desc_create(&pd, &op, nil, engine.handle, nil), "dnnl_primitive_desc_create(matmul)")
        return try DNNLPrimitive(descriptor: pd!, engine: engine)
    }

    /// A reorder (layout change and/or type conversion, round to nearest even) from one memory to another.
    static func reorder(from source: DNNLMemoryDescriptor, to destination: DNNLMemoryDescriptor, engine: DNNLEngine) throws(DNNLError) -> DNNLPrimitive {
        var pd: dnnl_primitive_desc_t?
        var src = source.c, dst = destination.c
        try check(
            dnnl_reorder_primitive_desc_create(&pd, &src, engine.handle, &dst, engine.handle, nil),
            "dnnl_reorder_primitive_desc_create")
        return try DNNLPrimitive(descriptor: pd!, engine: engine)
    }

    /// The weights layout the primitive chose (when created with `.any`).
    func weightsDescriptor() throws(DNNLError) -> DNNLMemoryDescriptor {
        // The query returns NULL on error rather than a status.
        guard let md = dnnl_primitive_desc_query_md(descriptor, dnnl_query_weights_md, 0) else {
            throw DNNLError(call: "dnnl_primitive_desc_query_md(weights)", status: Int(dnnl_invalid_arguments.rawValue))
        }
        return DNNLMemoryDescriptor(md.pointee)
    }

    /// The implementation oneDNN picked, e.g. `brg:avx512_core_vnni` (its `impl_info_str`).
    var implementation: String {
        var name: UnsafePointer<CChar>?
        guard dnnl_primitive_desc_query(descriptor, dnnl_query_impl_info_str, 0, &name) == dnnl_success, let name else { return "unknown" }
        return String(cString: name)
    }

    /// Runs the primitive on `stream` and waits for it.
    func execute(_ arguments: [(DNNLArgument, DNNLMemory)], on stream: DNNLStream) throws(DNNLError) {
        let args = arguments.map { dnnl_exec_arg_t(arg: $0.0.c, memory: $0.1.handle) }
        try check(dnnl_primitive_execute(handle, stream.handle, Int32(args.count), args), "dnnl_primitive_execute")
        try stream.wait()
    }

    deinit {
        dnnl_primitive_destroy(handle)
        dnnl_primitive_desc_destroy(descriptor)
    }
}

/// oneDNN's row-major single-precision GEMM, `C = alpha·op(A)·op(B) + beta·C`.
func dnnlSgemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
) throws(DNNLError) {
    let ta = CChar(UInt8(ascii: transposeA ? "T" : "N")), tb = CChar(UInt8(ascii: transposeB ? "T" : "N"))
    try check(
        dnnl_sgemm(ta, tb, dnnl_dim_t(m), dnnl_dim_t(n), dnnl_dim_t(k), alpha, a, dnnl_dim_t(lda), b, dnnl_dim_t(ldb),
                   beta, c, dnnl_dim_t(ldc)),
        "dnnl_sgemm")
}

/// oneDNN's row-major signed 8-bit GEMM with 32-bit accumulation, `C = A·B` (no offsets).
func dnnlGemmS8S8S32(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    a: UnsafePointer<Int8>, lda: Int, b: UnsafePointer<Int8>, ldb: Int,
    c: UnsafeMutablePointer<Int32>, ldc: Int
) throws(DNNLError) {
    let ta = CChar(UInt8(ascii: transposeA ? "T" : "N")), tb = CChar(UInt8(ascii: transposeB ? "T" : "N"))
    var zero: Int32 = 0
    try check(
        dnnl_gemm_s8s8s32(ta, tb, CChar(UInt8(ascii: "F")), dnnl_dim_t(m), dnnl_dim_t(n), dnnl_dim_t(k), 1,
                          a, dnnl_dim_t(lda), 0, b, dnnl_dim_t(ldb), 0, 0, c, dnnl_dim_t(ldc), &zero),
        "dnnl_gemm_s8s8s32")
}

/// The library version as `major.minor.patch`.
func dnnlVersionString() -> String {
    let v = dnnl_version().pointee
    return "\(v.major).\(v.minor).\(v.patch)"
}

/// The instruction set oneDNN dispatches to, in oneDNN's own spelling.
func dnnlEffectiveISAName() -> String {
    switch dnnl_get_effective_cpu_isa() {
    case dnnl_cpu_isa_sse41: "sse41"
    case dnnl_cpu_isa_avx: "avx"
    case dnnl_cpu_isa_avx2: "avx2"
    case dnnl_cpu_isa_avx2_vnni: "avx2_vnni"
    case dnnl_cpu_isa_avx512_mic: "avx512_mic"
    case dnnl_cpu_isa_avx512_mic_4ops: "avx512_mic_4ops"
    case dnnl_cpu_isa_avx512_core: "avx512_core"
    case dnnl_cpu_isa_avx512_core_vnni: "avx512_core_vnni"
    case dnnl_cpu_isa_avx512_core_bf16: "avx512_core_bf16"
    case dnnl_cpu_isa_avx512_core_amx: "avx512_core_amx"
    case dnnl_cpu_isa_all: "all"
    case let other: "unknown(0x\(String(other.rawValue, radix: 16)))"
    }
}

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

/// Plain layouts of an N-d tensor by oneDNN's format tag, or the primitive's choice.
enum DNNLTag {
    /// Images `[N, C, H, W]` in row-major order.
    case nchw
    /// Channels last, `[N, C, H, W]` stored as N, H, W, C.
    case nhwc
    /// Convolution weights `[O, I, KH, KW]` in row-major order (also inner-product weights over 4-D inputs).
    case oihw
    /// A row-major matrix `[N, C]` (`ab`): inner-product inputs, outputs and weights.
    case nc
    /// A vector (biases).
    case x
    /// The primitive picks (a blocked layout reached by a reorder).
    case any

    fileprivate var c: dnnl_format_tag_t {
        switch self {
        case .nchw: dnnl_nchw
        case .nhwc: dnnl_nhwc
        case .oihw: dnnl_oihw
        case .nc: dnnl_nc
        case .x: dnnl_x
        case .any: dnnl_format_tag_any
        }
    }
}

/// An N-d memory descriptor (a value: oneDNN's descriptor is a plain struct).
struct DNNLMemoryDescriptor {
    fileprivate var c: dnnl_memory_desc_t

    /// A descriptor of `dimensions` (1 to 12 of them, each ≥ 1) with one type and tag.
    init(dimensions: [Int], type: DNNLDataType, tag: DNNLTag) throws(DNNLError) {
        precondition((1...12).contains(dimensions.count), "DNNLMemoryDescriptor: \(dimensions.count) dimensions")
        var md = dnnl_memory_desc_t()
        let dims = dimensions.map { dnnl_dim_t($0) }
        try check(dnnl_memory_desc_init_by_tag(&md, Int32(dims.count), dims, type.c, tag.c), "dnnl_memory_desc_init_by_tag")
        c = md
    }

    /// The element type.
    var dataType: DNNLDataType? {
        switch c.data_type {
        case dnnl_f32: .f32
        case dnnl_bf16: .bf16
        case dnnl_s8: .s8
        case dnnl_u8: .u8
        case dnnl_s32: .s32
        default: nil
        }
    }

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
    case source, weights, bias, destination, from, to

    fileprivate var c: Int32 {
        switch self {
        case .source, .from: DNNL_ARG_SRC
        case .weights: DNNL_ARG_WEIGHTS
        case .bias: DNNL_ARG_BIAS
        case .destination, .to: DNNL_ARG_DST
        }
    }
}

/// Primitive attributes: output scales and a fused ReLU (oneDNN 2.x's INT8 quantization model).
///
/// ```
/// dst = post-op( scale[c] · (Σ src · weights + bias[c]) )     (rounded to nearest even, saturated, for integer dst)
/// ```
/// The scales apply per element of dimension `scaleDimension` of the destination (one scale per
/// output channel) or, when a single scale is given, to every element.
final class DNNLAttributes {
    fileprivate let handle: dnnl_primitive_attr_t

    /// - Parameters:
    ///   - outputScales: one scale, or one per index of `scaleDimension`; empty for none.
    ///   - scaleDimension: the destination dimension the scales run along (1: channels).
    ///   - relu: whether a ReLU follows the scaling (an eltwise post-op).
    init(outputScales: [Float] = [], scaleDimension: Int = 1, relu: Bool = false) throws(DNNLError) {
        var attr: dnnl_primitive_attr_t?
        try check(dnnl_primitive_attr_create(&attr), "dnnl_primitive_attr_create")
        handle = attr!
        if !outputScales.isEmpty {
            let mask: Int32 = outputScales.count == 1 ? 0 : 1 << Int32(scaleDimension)
            try check(dnnl_primitive_attr_set_output_scales(handle, dnnl_dim_t(outputScales.count), mask, outputScales),
                      "dnnl_primitive_attr_set_output_scales")
        }
        if relu {
            var ops: dnnl_post_ops_t?
            try check(dnnl_post_ops_create(&ops), "dnnl_post_ops_create")
            // The attribute keeps its own copy of the post-ops, so they are destroyed here.
            defer { dnnl_post_ops_destroy(ops) }
            try check(dnnl_post_ops_append_eltwise(ops, 1, dnnl_eltwise_relu, 0, 0), "dnnl_post_ops_append_eltwise")
            try check(dnnl_primitive_attr_set_post_ops(handle, ops), "dnnl_primitive_attr_set_post_ops")
        }
    }

    deinit { dnnl_primitive_attr_destroy(handle) }
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

    /// A reorder (layout change and/or type conversion, round to nearest even, saturating) from one
    /// memory to another; with `attributes`' output scale, `dst = saturate(round(scale · src))`.
    static func reorder(
        from source: DNNLMemoryDescriptor, to destination: DNNLMemoryDescriptor, attributes: DNNLAttributes? = nil,
        engine: DNNLEngine
    ) throws(DNNLError) -> DNNLPrimitive {
        var pd: dnnl_primitive_desc_t?
        var src = source.c, dst = destination.c
        try check(
            dnnl_reorder_primitive_desc_create(&pd, &src, engine.handle, &dst, engine.handle, attributes?.handle),
            "dnnl_reorder_primitive_desc_create")
        return try DNNLPrimitive(descriptor: pd!, engine: engine)
    }

    /// A direct 2-D convolution for inference, `dst[n][o] = Σ_{i,kh,kw} src[n][i][h+kh][w+kw] · w[o][i][kh][kw] + bias[o]`,
    /// stride 1 and no padding, then `attributes` (scales, ReLU).
    static func convolution(
        source: DNNLMemoryDescriptor, weights: DNNLMemoryDescriptor, bias: DNNLMemoryDescriptor,
        destination: DNNLMemoryDescriptor, attributes: DNNLAttributes, engine: DNNLEngine
    ) throws(DNNLError) -> DNNLPrimitive {
        var op = dnnl_convolution_desc_t()
        var src = source.c, wei = weights.c, b = bias.c, dst = destination.c
        let strides: [dnnl_dim_t] = [1, 1], padding: [dnnl_dim_t] = [0, 0]
        try check(
            dnnl_convolution_forward_desc_init(
                &op, dnnl_forward_inference, dnnl_convolution_direct, &src, &wei, &b, &dst, strides, padding, padding),
            "dnnl_convolution_forward_desc_init")
        return try create(&op, attributes, engine, "convolution")
    }

    /// Max pooling for inference over non-overlapping `size × size` windows (stride `size`, no padding).
    static func maxPooling(
        source: DNNLMemoryDescriptor, destination: DNNLMemoryDescriptor, size: Int, engine: DNNLEngine
    ) throws(DNNLError) -> DNNLPrimitive {
        var op = dnnl_pooling_desc_t()
        var src = source.c, dst = destination.c
        let window: [dnnl_dim_t] = [dnnl_dim_t(size), dnnl_dim_t(size)], padding: [dnnl_dim_t] = [0, 0]
        try check(
            dnnl_pooling_forward_desc_init(&op, dnnl_forward_inference, dnnl_pooling_max, &src, &dst, window, window, padding, padding),
            "dnnl_pooling_forward_desc_init")
        return try create(&op, nil, engine, "pooling")
    }

    /// An inner product for inference, `dst[n][o] = Σ_i src[n][i] · w[o][i] + bias[o]` (over all
    /// non-batch dimensions of `src`), then `attributes` (scales, ReLU).
    static func innerProduct(
        source: DNNLMemoryDescriptor, weights: DNNLMemoryDescriptor, bias: DNNLMemoryDescriptor,
        destination: DNNLMemoryDescriptor, attributes: DNNLAttributes, engine: DNNLEngine
    ) throws(DNNLError) -> DNNLPrimitive {
        var op = dnnl_inner_product_desc_t()
        var src = source.c, wei = weights.c, b = bias.c, dst = destination.c
        try check(dnnl_inner_product_forward_desc_init(&op, dnnl_forward_inference, &src, &wei, &b, &dst),
                  "dnnl_inner_product_forward_desc_init")
        return try create(&op, attributes, engine, "inner product")
    }

    /// A primitive from an operation descriptor (`op` points at one of oneDNN's `*_desc_t`).
    private static func create(
        _ op: UnsafeRawPointer, _ attributes: DNNLAttributes?, _ engine: DNNLEngine, _ kind: String
    ) throws(DNNLError) -> DNNLPrimitive {
        var pd: dnnl_primitive_desc_t?
        let status = dnnl_primitive_desc_create(&pd, op, attributes?.handle, engine.handle, nil)
        guard status == dnnl_success else {
            throw DNNLError(call: "dnnl_primitive_desc_create(\(kind))", status: Int(status.rawValue))
        }
        return try DNNLPrimitive(descriptor: pd!, engine: engine)
    }

    /// The weights layout the primitive chose (when created with `.any`).
    func weightsDescriptor() throws(DNNLError) -> DNNLMemoryDescriptor { try query(dnnl_query_weights_md, "weights") }

    /// The source layout the primitive chose.
    func sourceDescriptor() throws(DNNLError) -> DNNLMemoryDescriptor { try query(dnnl_query_src_md, "src") }

    /// The destination layout the primitive chose.
    func destinationDescriptor() throws(DNNLError) -> DNNLMemoryDescriptor { try query(dnnl_query_dst_md, "dst") }

    private func query(_ what: dnnl_query_t, _ name: String) throws(DNNLError) -> DNNLMemoryDescriptor {
        // The query returns NULL on error rather than a status.
        guard let md = dnnl_primitive_desc_query_md(descriptor, what, 0) else {
            throw DNNLError(call: "dnnl_primitive_desc_query_md(\(name))", status: Int(dnnl_invalid_arguments.rawValue))
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
        try submit(arguments, on: stream)
        try stream.wait()
    }

    /// Submits the primitive to `stream` without waiting (an in-order stream runs a chain of
    /// primitives in submission order; `DNNLStream.wait()` ends it).
    func submit(_ arguments: [(DNNLArgument, DNNLMemory)], on stream: DNNLStream) throws(DNNLError) {
        let args = arguments.map { dnnl_exec_arg_t(arg: $0.0.c, memory: $0.1.handle) }
        try check(dnnl_primitive_execute(handle, stream.handle, Int32(args.count), args), "dnnl_primitive_execute")
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

/// One matmul operand as the caller writes it (row-major, user type) and as the primitive reads it
/// (its chosen type and layout), with the reorder between them when they differ.
///
/// Kept per shape so that repeated prepares reuse the memories and the reorder primitive.
final class DNNLOperand {
    /// Where the caller writes the operand, row-major.
    let user: DNNLMemory
    /// What the primitive reads: `user` itself when layouts and types agree.
    let kernel: DNNLMemory
    private let reorder: DNNLPrimitive?

    init(user userDescriptor: DNNLMemoryDescriptor, kernel kernelDescriptor: DNNLMemoryDescriptor, engine: DNNLEngine) throws(DNNLError) {
        user = try DNNLMemory(userDescriptor, engine: engine)
        if userDescriptor.matches(kernelDescriptor) {
            kernel = user
            reorder = nil
        } else {
            kernel = try DNNLMemory(kernelDescriptor, engine: engine)
            reorder = try DNNLPrimitive.reorder(from: userDescriptor, to: kernelDescriptor, engine: engine)
        }
    }

    /// Copies `values` into the user memory and reorders it into the kernel memory.
    func load<T>(_ values: UnsafeBufferPointer<T>, on stream: DNNLStream) throws(DNNLError) {
        precondition(values.count * MemoryLayout<T>.stride <= user.descriptor.byteCount,
                     "DNNLOperand.load: \(values.count) elements overflow a \(user.descriptor.byteCount)-byte memory")
        if let base = values.baseAddress { user.data.copyMemory(from: base, byteCount: values.count * MemoryLayout<T>.stride) }
        try reorderIntoKernel(on: stream)
    }

    /// Reorders the user memory (already written) into the kernel memory.
    func reorderIntoKernel(on stream: DNNLStream) throws(DNNLError) {
        try reorder?.execute([(.from, user), (.to, kernel)], on: stream)
    }
}

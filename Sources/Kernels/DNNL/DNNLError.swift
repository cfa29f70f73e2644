/// A oneDNN C call that returned a status other than `dnnl_success`.
///
/// The text is one line naming the call and the status, e.g.
/// `oneDNN dnnl_primitive_desc_create(matmul) failed with status 3 (unimplemented); …`.
public struct DNNLError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The C function that failed.
    public let call: String
    /// The raw `dnnl_status_t` value.
    public let status: Int

    /// Creates an error for `call` returning `status`.
    public init(call: String, status: Int) {
        self.call = call
        self.status = status
    }

    /// oneDNN's name for the status (dnnl_types.h).
    public var statusName: String {
        switch status {
        case 0: "success"
        case 1: "out_of_memory"
        case 2: "invalid_arguments"
        case 3: "unimplemented"
        case 4: "iterator_ends"
        case 5: "runtime_error"
        case 6: "not_required"
        default: "unknown"
        }
    }

    public var description: String {
        "oneDNN \(call) failed with status \(status) (\(statusName)); check the shapes and data types passed to the kernel and that libdnnl 2.x is installed"
    }
}

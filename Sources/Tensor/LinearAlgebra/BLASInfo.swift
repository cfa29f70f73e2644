/// What OpenBLAS reports about itself: recorded next to every result (`quantlab env`).
///
/// The core name is the kernel family OpenBLAS dispatched; this environment sets
/// `OPENBLAS_CORETYPE=Haswell`, which forces it (DESIGN.md, "Facts of this machine").
public struct BLASInfo: Equatable, Sendable, Codable {
    /// The dispatched core type, e.g. "Haswell" (`openblas_get_corename`).
    public let coreName: String
    /// The build configuration string (`openblas_get_config`), e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH …".
    public let config: String
    /// Threads OpenBLAS uses (`openblas_get_num_threads`).
    public let threadCount: Int

    /// Creates a record from known values (tests, stored results).
    public init(coreName: String, config: String, threadCount: Int) {
        self.coreName = coreName
        self.config = config
        self.threadCount = threadCount
    }

    /// The values of the OpenBLAS linked into this process.
    public static var current: BLASInfo {
        BLASInfo(coreName: OpenBLAS.coreName, config: OpenBLAS.config, threadCount: OpenBLAS.threadCount)
    }
}

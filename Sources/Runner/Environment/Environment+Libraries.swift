import Kernels
import Records
import Tensor

extension Environment {
    /// OpenBLAS as this process loaded it: `Haswell core, 2 threads (OpenBLAS 0.3.21 …)`,
    /// from the Tensor module's `BLASInfo`.
    static func openBLASDescription() -> String {
        let info = BLASInfo.current
        return "\(info.coreName) core, \(info.threadCount) thread(s) (\(info.config.trimmingCharacters(in: .whitespaces)))"
    }

    /// oneDNN as this process loaded it: `oneDNN 2.6.3, ISA avx512_core_amx, 2 thread(s)`,
    /// from the Kernels module's `DNNLInfo`.
    static func oneDNNDescription() -> String {
        DNNLInfo().description
    }
}

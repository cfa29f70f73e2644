import Testing
@testable import Kernels

@Suite("oneDNN information")
struct DNNLInfoTests {
    @Test("Version, ISA and thread count are reported")
    func info() {
        let info = DNNLInfo()
        #expect(info.version.hasPrefix("2."), "version \(info.version)")
        #expect(!info.isa.isEmpty && !info.isa.hasPrefix("unknown"), "isa \(info.isa)")
        #expect(info.threads >= 1)
    }

    @Test("OMP_NUM_THREADS sets the thread count; garbage falls back to the processor count")
    func threads() {
        #expect(DNNLInfo.openMPThreads(environment: ["OMP_NUM_THREADS": "3"]) == 3)
        #expect(DNNLInfo.openMPThreads(environment: ["OMP_NUM_THREADS": "4,2"]) == 4)
        let fallback = DNNLInfo.openMPThreads(environment: [:])
        #expect(DNNLInfo.openMPThreads(environment: ["OMP_NUM_THREADS": "zero"]) == fallback)
        #expect(DNNLInfo.openMPThreads(environment: ["OMP_NUM_THREADS": "0"]) == fallback)
    }

    @Test("A failed call reads as one line naming the call and the status")
    func errorText() {
        let error = DNNLError(call: "dnnl_matmul_desc_init", status: 2)
        #expect(error.description.contains("dnnl_matmul_desc_init"))
        #expect(error.description.contains("invalid_arguments"))
        #expect(!error.description.contains("\n"))
    }
}

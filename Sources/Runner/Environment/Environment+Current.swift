import Foundation
public import Records

extension Environment {
    /// The environment of this process.
    public static func current() -> Environment {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let osRelease = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        let kernel = (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let osName = value(of: "PRETTY_NAME", inOSRelease: osRelease) ?? "unknown"
        return Environment(
            cpuModel: firstValue(of: "model name", inCPUInfo: cpu) ?? "unknown",
            cpuFlags: interestingFlags(inCPUInfo: cpu),
            cores: ProcessInfo.processInfo.activeProcessorCount,
            os: kernel.map { "\(osName), Linux \($0)" } ?? osName,
            swiftCompiler: compilerVersion,
            openBLAS: openBLASDescription(),
            oneDNN: oneDNNDescription(),
            openBLASCoreTypeVariable: ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "unset")
    }

    static func firstValue(of key: String, inCPUInfo text: String) -> String? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    static func interestingFlags(inCPUInfo text: String) -> [String] {
        let present = Set((firstValue(of: "flags", inCPUInfo: text) ?? "").split(separator: " ").map(String.init))
        return flagsOfInterest.filter(present.contains)
    }

    static func value(of key: String, inOSRelease text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(key + "=") {
            return String(line.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return nil
    }
}

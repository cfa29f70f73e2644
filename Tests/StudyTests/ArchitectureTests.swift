import Foundation
import Runner
import Testing

/// The module graph of `Package.swift` against the rules of docs/architecture.md.
@Suite struct ArchitectureTests {
    static let graph = ModuleGraph.load(packageRoot: RegistryTests.root)

    /// The table in docs/architecture.md is the graph of Package.swift, edge for edge.
    @Test func documentedGraphMatchesThePackage() throws {
        let graph = try #require(Self.graph)
        let text = try String(
            contentsOf: RegistryTests.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        var documented: [String: [String]] = [:]
        for match in text.matches(of: /(?m)^\| `(\w+)` \| ([^|]*) \|/) {
            documented[String(match.1)] = match.2.matches(of: /`(\w+)`/).map { String($0.1) }
        }
        #expect(documented.keys.sorted() == graph.dependencies.keys.sorted())
        for (module, dependencies) in graph.dependencies {
            #expect(Set(documented[module] ?? []) == Set(dependencies), "\(module)")
        }
    }

    /// The edges the design forbids: the report never runs, the analysis links no C library,
    /// charts know only Cairo, records depend on nothing.
    @Test func forbiddenEdgesAreAbsent() throws {
        let graph = try #require(Self.graph)
        let report = graph.closure(of: ["Report"])
        #expect(!report.contains("Experiments") && !report.contains("Runner"), "\(report)")
        let analysis = graph.closure(of: ["Analysis"])
        #expect(!analysis.contains("Kernels") && !analysis.contains("Datasets"), "\(analysis)")
        #expect(graph.dependencies["Charts"] == ["CCairo"])
        #expect(graph.dependencies["Records"] == [])
    }
}

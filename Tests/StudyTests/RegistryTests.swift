import Foundation
import Records
import Runner
import Study
import Testing

/// The registry and the module graph that fingerprints each section's code.
@Suite struct RegistryTests {
    /// The package root: this file sits at Tests/StudyTests/.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every registered section's fingerprint covers its folder and the modules it runs, so a
    /// wrong folder cannot silently turn code-change detection off.
    @Test func everySectionFingerprintsItsSources() throws {
        let sources = Workspace(root: Self.root).sourcesDirectory
        let graph = try #require(ModuleGraph.load(packageRoot: Self.root))
        for section in Study.registry.sections {
            let experiment = section.experiment
            let paths = try #require(graph.sourcePaths(of: experiment.sourceFolder, in: sources), "\(section.id)")
            #expect(paths.first == experiment.sourceFolder)
            #expect(paths.contains("Records") && paths.contains("Tensor"), "\(section.id): \(paths)")
            #expect(!paths.contains("Report") && !paths.contains("Charts"), "\(section.id) runs no presentation code: \(paths)")
            #expect(SourceHashes.of(paths, in: sources) != nil, "\(section.id): \(paths)")
            #expect(section.id.allSatisfy { $0.isLowercase || $0.isNumber }, "\(section.id) is a folder and CLI name")
        }
    }

    /// Matmul times oneDNN kernels: its fingerprint reaches the C shim of oneDNN through Kernels,
    /// and it does not cover another section's folder.
    @Test func matmulReachesItsCLibrariesAndNotOtherSections() throws {
        let graph = try #require(ModuleGraph.load(packageRoot: Self.root))
        let paths = try #require(graph.sourcePaths(of: "Experiments/Matmul", in: Workspace(root: Self.root).sourcesDirectory))
        #expect(paths.contains("Kernels") && paths.contains("CDNNL") && paths.contains("QuantCore"), "\(paths)")
        #expect(!paths.contains("Experiments") && !paths.contains("Experiments/Linreg"), "\(paths)")
    }

    /// The manifest reader takes local dependencies and skips external products.
    @Test func manifestReaderSkipsProducts() {
        let graph = ModuleGraph(manifest: """
            targets: [
                .systemLibrary(name: "CLib", pkgConfig: "lib"),
                .target(name: "Low", dependencies: ["CLib"], swiftSettings: shared),
                .target(
                    name: "High",
                    dependencies: [
                        "Low",
                        .product(name: "Mustache", package: "swift-mustache"),
                    ]),
                .target(name: "Alone"),
            ]
            """)
        #expect(graph.dependencies == ["CLib": [], "Low": ["CLib"], "High": ["Low"], "Alone": []])
        #expect(graph.closure(of: ["High", "Foundation"]) == ["High", "Low", "CLib"])
    }

    /// Every section has a template file, each a distinct one.
    @Test func everySectionHasItsTemplate() {
        for section in Study.registry.sections {
            let file = Self.root.appendingPathComponent("report/src/\(section.template)")
            #expect(FileManager.default.fileExists(atPath: file.path), "\(section.id): \(section.template)")
        }
    }

    /// An unknown id is one line naming the known ones; duplicates are dropped, order kept.
    @Test func registryNamesUnknownSections() {
        let study = Study.registry
        #expect(throws: ResultsError.unknownSection("nope", known: study.ids)) { try study.sections(named: ["matmul", "nope"]) }
        #expect(ResultsError.unknownSection("c", known: ["a", "b"]).description == "unknown section 'c'; known sections: a, b")
        #expect((try? study.sections(named: ["linreg", "formats", "linreg"]).map(\.id)) == ["linreg", "formats"])
    }
}

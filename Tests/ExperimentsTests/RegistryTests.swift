import Foundation
import Testing
import Experiments
import Results

@Suite struct RegistryTests {
    /// Every registered section declares source paths that exist, so its fingerprint covers its
    /// code (a wrong path would silently turn code-change detection off).
    @Test func everySectionFingerprintsItsSources() {
        // This file sits at Tests/ExperimentsTests/: the package root is two folders up.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let sources = Workspace(root: root).sourcesDirectory
        for experiment in ExperimentRegistry.sections.experiments {
            #expect(!experiment.sourcePaths.isEmpty, "\(experiment.id) declares no sources")
            #expect(SourceHashes.of(experiment.sourcePaths, in: sources) != nil, "\(experiment.id): \(experiment.sourcePaths)")
            #expect(experiment.id.allSatisfy { $0.isLowercase || $0.isNumber }, "\(experiment.id) is a folder and CLI name")
        }
    }
}

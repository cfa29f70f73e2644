public import Foundation

/// The package's target graph as `Package.swift` declares it: which of our targets each target
/// depends on. A section's source fingerprint is read from it, so that no experiment lists the
/// modules it runs by hand.
///
/// The manifest is read as text, not evaluated: every `.target`, `.executableTarget` and
/// `.systemLibrary` call contributes its `name:` and the quoted names in its `dependencies:`
/// list; `.product(…)` entries (external packages, pinned by version) are skipped. Targets live
/// at SwiftPM's default path, `Sources/<name>`.
public struct ModuleGraph: Sendable, Equatable {
    /// Our targets' direct dependencies on our other targets, by target name.
    public let dependencies: [String: [String]]

    /// The graph declared by `manifest`, the text of a `Package.swift`.
    public init(manifest: String) {
        var dependencies: [String: [String]] = [:]
        let text = Array(manifest.utf8)
        let call = try! Regex(#"\.(?:target|executableTarget|systemLibrary)\(\s*name:\s*"([A-Za-z0-9_]+)""#)
        for match in manifest.matches(of: call) {
            guard let name = match.output[1].substring.map(String.init) else { continue }
            let start = manifest.utf8.distance(from: manifest.utf8.startIndex, to: match.range.lowerBound)
            guard let open = text[start...].firstIndex(of: UInt8(ascii: "(")) else { continue }
            let body = Self.balanced(text, from: open, open: UInt8(ascii: "("), close: UInt8(ascii: ")"))
            dependencies[name] = Self.dependencyNames(in: body)
        }
        self.dependencies = dependencies
    }

    /// The graph of the package at `root`, or `nil` when it has no readable `Package.swift`
    /// (a binary run away from its package).
    public static func load(packageRoot root: URL) -> ModuleGraph? {
        guard let text = try? String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        else { return nil }
        return ModuleGraph(manifest: text)
    }

    /// `modules` and every target they depend on, directly or not; names that are not targets
    /// of the graph are dropped (Foundation, Testing, external products).
    public func closure(of modules: some Sequence<String>) -> Set<String> {
        var seen = Set<String>()
        var stack = modules.filter { dependencies[$0] != nil }
        while let module = stack.popLast() {
            guard seen.insert(module).inserted else { continue }
            stack += dependencies[module] ?? []
        }
        return seen
    }

    /// The source paths, relative to `sources`, that code in `folder` (`Experiments/Matmul`)
    /// runs: the folder itself and every module its Swift files import, with those modules'
    /// own dependencies, transitively; sorted.
    /// - Returns: `nil` when the folder does not exist or cannot be read.
    public func sourcePaths(of folder: String, in sources: URL) -> [String]? {
        guard let imports = Self.imports(in: sources.appendingPathComponent(folder)) else { return nil }
        return [folder] + closure(of: imports).sorted()
    }

    /// The modules imported by the Swift files under `folder`; `nil` when it cannot be listed.
    static func imports(in folder: URL) -> Set<String>? {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return nil }
        let statement = try! Regex(
            #"(?m)^\s*(?:@\w+\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z0-9_]+)"#)
        var modules = Set<String>()
        for case let file as String in walker where file.hasSuffix(".swift") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else { return nil }
            for match in text.matches(of: statement) {
                if let name = match.output[1].substring { modules.insert(String(name)) }
            }
        }
        return modules
    }

    /// The bytes between the bracket at `start` and its matching close (exclusive), as text.
    private static func balanced(_ text: [UInt8], from start: Int, open: UInt8, close: UInt8) -> String {
        var depth = 0
        var inString = false
        var index = start
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "\"") { inString.toggle() }
            if !inString {
                if byte == open { depth += 1 }
                if byte == close {
                    depth -= 1
                    if depth == 0 { return String(decoding: text[(start + 1)..<index], as: UTF8.self) }
                }
            }
            index += 1
        }
        return String(decoding: text[(start + 1)...], as: UTF8.self)
    }

    /// The quoted target names of the `dependencies: [...]` list in a target call's arguments.
    private static func dependencyNames(in arguments: String) -> [String] {
        guard let label = arguments.range(of: "dependencies:") else { return [] }
        let bytes = Array(arguments.utf8)
        let afterLabel = arguments.utf8.distance(from: arguments.utf8.startIndex, to: label.upperBound)
        guard let open = bytes[afterLabel...].firstIndex(of: UInt8(ascii: "[")) else { return [] }
        var list = balanced(bytes, from: open, open: UInt8(ascii: "["), close: UInt8(ascii: "]"))
        // `.product(name: "X", package: "y")` names an external product, not one of our targets.
        while let product = list.range(of: ".product(") {
            let listBytes = Array(list.utf8)
            let parenthesis = list.utf8.distance(from: list.utf8.startIndex, to: product.upperBound) - 1
            let inner = balanced(listBytes, from: parenthesis, open: UInt8(ascii: "("), close: UInt8(ascii: ")"))
            let end = parenthesis + inner.utf8.count + 2
            list = String(decoding: listBytes[..<list.utf8.distance(from: list.utf8.startIndex, to: product.lowerBound)] + listBytes[end...], as: UTF8.self)
        }
        return list.matches(of: try! Regex(#""([A-Za-z0-9_]+)""#)).compactMap { $0.output[1].substring.map(String.init) }
    }
}

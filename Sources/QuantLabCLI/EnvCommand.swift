import ArgumentParser
import Records
import Runner

/// `quantlab env`: the machine and libraries every run records in its meta.json.
struct Env: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the CPU, OS, compiler, OpenBLAS and oneDNN recorded with every run.")

    @Flag(help: "Print JSON, as stored in meta.json.")
    var json = false

    func run() {
        let environment = Environment.current()
        print(json ? environment.jsonText : environment.tableText, terminator: "")
    }
}

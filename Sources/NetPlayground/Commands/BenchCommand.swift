import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure training and inference speed.")

    func run() throws {
        throw ValidationError("'bench' is not built yet")
    }
}

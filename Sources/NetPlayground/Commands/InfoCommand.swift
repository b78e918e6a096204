import ArgumentParser

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Print a saved model's architecture and metrics.")

    func run() throws {
        throw ValidationError("'info' is not built yet")
    }
}

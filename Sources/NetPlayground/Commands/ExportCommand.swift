import ArgumentParser

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a saved model to ONNX.")

    func run() throws {
        throw ValidationError("'export' is not built yet")
    }
}

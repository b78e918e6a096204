import ArgumentParser

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate a saved model on its dataset.")

    func run() throws {
        throw ValidationError("'eval' is not built yet")
    }
}

import ArgumentParser

struct TUIDemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui-demo", abstract: "Show every widget animating with fake data.")

    func run() throws {
        throw ValidationError("'tui-demo' is not built yet")
    }
}

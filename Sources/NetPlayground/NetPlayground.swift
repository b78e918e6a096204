import ArgumentParser

/// The `netplayground` command: the playground by default, plus headless tools.
@main
struct NetPlaygroundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netplayground",
        abstract: "An interactive terminal course and playground for neural networks.",
        subcommands: [
            PlayCommand.self, TrainCommand.self, BenchCommand.self, TUIDemoCommand.self,
            ExportCommand.self, InfoCommand.self, EvalCommand.self,
        ],
        defaultSubcommand: PlayCommand.self)
}

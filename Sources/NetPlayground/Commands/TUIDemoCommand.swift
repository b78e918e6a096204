import ArgumentParser
import Foundation
import TUI

extension GlyphSet: ExpressibleByArgument {}
extension TerminalBackground: ExpressibleByArgument {}

struct TUIDemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui-demo", abstract: "Show every widget animating with fake data.",
        discussion: "Colors follow the terminal; NO_COLOR=1 or --no-color turns them off. "
            + "Glyphs: --glyphs or NETPLAYGROUND_GLYPHS=braille|blocks|ascii (ASCII when the locale is not UTF-8). "
            + "Background: --background or NETPLAYGROUND_BACKGROUND=dark|light, else COLORFGBG, else dark.")

    @Flag(name: .long, help: "Draw without colors (like NO_COLOR=1).")
    var noColor = false

    @Option(name: .long, help: "Glyphs for charts and borders: braille, blocks or ascii.")
    var glyphs: GlyphSet?

    @Option(name: .long, help: ArgumentHelp("The terminal's background: dark or light.", valueName: "dark|light"))
    var background: TerminalBackground?

    @Flag(name: .long, help: "Scroll the About panel with the mouse wheel (takes over text selection).")
    var mouse = false

    @Option(name: .long, help: "Frames per second while animating (1–60).")
    var fps = 30

    func validate() throws {
        guard (1...60).contains(fps) else { throw ValidationError("--fps must be between 1 and 60, got \(fps)") }
        if background == nil, let problem = TerminalBackground.environmentProblem(ProcessInfo.processInfo.environment) {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        let options = CursesOptions(colors: noColor ? ColorCapability.none : nil, glyphs: glyphs, mouse: mouse, background: background)
        do {
            try TerminalSession.run(TUIDemoApp(), options: options, framesPerSecond: fps)
        } catch let error as TerminalError {
            throw ValidationError(error.description)
        }
    }
}

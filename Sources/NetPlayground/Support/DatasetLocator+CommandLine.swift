import Foundation
import ArgumentParser
import MiniNN

extension DatasetLocator {
    /// Where the command line looks for data: `--data-dir` if given, else
    /// `NETPLAYGROUND_DATA`, else a `datasets/` folder above the executable
    /// (so `.build/release/netplayground` finds the repository's) or above
    /// the current directory. An empty `--data-dir ""` (a variable that was
    /// not set) is refused rather than read as "look everywhere".
    static func commandLine(dataDirectory: String?) throws(ValidationError) -> DatasetLocator {
        if let dataDirectory, dataDirectory.isEmpty {
            throw ValidationError("--data-dir is empty; give the folder that holds mnist/ and iris/, or leave the option out")
        }
        return DatasetLocator(dataDirectory: dataDirectory, environment: ProcessInfo.processInfo.environment,
                       executablePath: currentExecutablePath(),
                       currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// The running binary's real path: `/proc/self/exe` resolves symbolic links
    /// and works when the program was found through `PATH`, where `argv[0]`
    /// is only a bare name.
    private static func currentExecutablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return Bundle.main.executablePath ?? CommandLine.arguments.first
    }
}

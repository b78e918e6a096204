import Foundation

/// Finds the folders that hold the datasets.
///
/// Where it looks, in order of precedence:
/// 1. an explicit data directory (`--data-dir`), if given: only there;
/// 2. otherwise the `NETPLAYGROUND_DATA` environment variable, if set: only there;
/// 3. otherwise a `datasets/` folder in the executable's directory or any of
///    its ancestors (the repository, seen from `.build/release/`), then in
///    the current directory or any of its ancestors.
///
/// An explicit place is authoritative: when the data is not there, the
/// error says so instead of quietly training on other files. Each place may
/// be the folder holding `mnist/` and `iris/`, or the dataset's own folder.
public struct DatasetLocator: Sendable, Equatable {
    /// Name of the environment variable that points at the data.
    public static let environmentVariable = "NETPLAYGROUND_DATA"
    /// Name of the repository's data folder.
    public static let repositoryFolder = "datasets"
    /// How many ancestors of a starting directory are searched.
    static let maximumWalkUp = 8

    /// Folders that may hold dataset folders, in the order they are tried.
    public let roots: [String]

    /// Search roots for an explicit directory, the environment and the
    /// executable's and current directory's ancestors (see the type's summary).
    public init(dataDirectory: String?, environment: [String: String],
                executablePath: String?, currentDirectory: String) {
        if let dataDirectory, !dataDirectory.isEmpty {
            roots = [Self.absolute(dataDirectory, relativeTo: currentDirectory)]
        } else if let fromEnvironment = environment[Self.environmentVariable], !fromEnvironment.isEmpty {
            roots = [Self.absolute(fromEnvironment, relativeTo: currentDirectory)]
        } else {
            var found: [String] = []
            var starts: [String] = []
            if let executablePath {
                starts.append(URL(fileURLWithPath: Self.absolute(executablePath, relativeTo: currentDirectory))
                    .deletingLastPathComponent().path)
            }
            starts.append(Self.absolute(currentDirectory, relativeTo: "/"))
            for start in starts {
                var directory = URL(fileURLWithPath: start, isDirectory: true).standardizedFileURL
                for _ in 0..<Self.maximumWalkUp {
                    let candidate = directory.appendingPathComponent(Self.repositoryFolder).path
                    if !found.contains(candidate) { found.append(candidate) }
                    let parent = directory.deletingLastPathComponent()
                    if parent.path == directory.path { break }
                    directory = parent
                }
            }
            roots = found
        }
    }

    /// Search roots given directly (tests, or a caller with its own rules).
    public init(roots: [String]) { self.roots = roots }

    /// The folder that holds every file in `files` for the dataset `name`
    /// (e.g. "mnist" and its four `.gz` files): `root/name` or `root` itself,
    /// for the first root that has them all. The error lists every place tried.
    public func directory(for name: String, containing files: [String]) throws(DatasetError) -> String {
        var searched: [String] = []
        for root in roots {
            let rootURL = URL(fileURLWithPath: root, isDirectory: true)
            for folder in [rootURL.appendingPathComponent(name), rootURL] {
                let path = folder.path
                if searched.contains(path) { continue }
                searched.append(path)
                let complete = files.allSatisfy {
                    FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
                }
                if complete { return path }
            }
        }
        throw .notFound(dataset: name, searched: searched)
    }

    /// The folder with the four MNIST `.gz` files.
    public func mnistDirectory() throws(DatasetError) -> String {
        try directory(for: "mnist", containing: MNIST.fileNames)
    }

    /// The folder with `iris.csv`.
    public func irisDirectory() throws(DatasetError) -> String {
        try directory(for: "iris", containing: [Iris.fileName])
    }

    private static func absolute(_ path: String, relativeTo base: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL.path }
        return URL(fileURLWithPath: base, isDirectory: true).appendingPathComponent(expanded)
            .standardizedFileURL.path
    }
}

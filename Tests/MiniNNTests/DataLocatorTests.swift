import Foundation
import Testing
@testable import MiniNN

@Suite("Finding the datasets")
struct DataLocatorTests {
    /// A scratch tree with `datasets/iris/iris.csv` under `repository/` and an
    /// executable path three folders below it.
    private func makeTree() throws -> (root: URL, repository: URL, executable: String) {
        let root = try DataFiles.makeScratchFolder()
        let repository = root.appendingPathComponent("repository")
        try DataFiles.write([], to: "datasets/iris/iris.csv", in: repository)
        let executable = repository.appendingPathComponent(".build/x86_64/release/netplayground").path
        return (root, repository, executable)
    }

    @Test("walking up from the executable finds the repository's datasets/")
    func fromExecutable() throws {
        let tree = try makeTree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let locator = DatasetLocator(dataDirectory: nil, environment: [:], executablePath: tree.executable,
                                     currentDirectory: "/")
        #expect(try locator.irisDirectory() == tree.repository.appendingPathComponent("datasets/iris").path)
    }

    @Test("walking up from the current directory")
    func fromCurrentDirectory() throws {
        let tree = try makeTree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let inside = tree.repository.appendingPathComponent("Sources/Deep").path
        let locator = DatasetLocator(dataDirectory: nil, environment: [:], executablePath: "/usr/bin/netplayground",
                                     currentDirectory: inside)
        #expect(try locator.irisDirectory() == tree.repository.appendingPathComponent("datasets/iris").path)
    }

    @Test("--data-dir wins over the environment, which wins over the repository")
    func precedence() throws {
        let tree = try makeTree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let other = tree.root.appendingPathComponent("elsewhere")
        try DataFiles.write([], to: "iris/iris.csv", in: other)
        let environment = [DatasetLocator.environmentVariable: other.path]

        let fromEnvironment = DatasetLocator(dataDirectory: nil, environment: environment,
                                             executablePath: tree.executable, currentDirectory: "/")
        #expect(try fromEnvironment.irisDirectory() == other.appendingPathComponent("iris").path)

        let explicit = DatasetLocator(dataDirectory: tree.repository.appendingPathComponent("datasets").path,
                                      environment: environment, executablePath: nil, currentDirectory: "/")
        #expect(try explicit.irisDirectory() == tree.repository.appendingPathComponent("datasets/iris").path)
    }

    @Test("a directory given relative to the current one, pointing at the dataset folder itself")
    func relativeDatasetFolder() throws {
        let tree = try makeTree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let locator = DatasetLocator(dataDirectory: "datasets/iris", environment: [:], executablePath: nil,
                                     currentDirectory: tree.repository.path)
        #expect(try locator.irisDirectory() == tree.repository.appendingPathComponent("datasets/iris").path)
    }

    @Test("an explicit directory without the data fails and lists where it looked")
    func explicitMissing() throws {
        let tree = try makeTree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let empty = tree.root.appendingPathComponent("empty").path
        let locator = DatasetLocator(dataDirectory: empty, environment: [:], executablePath: tree.executable,
                                     currentDirectory: "/")
        let searched = [empty + "/mnist", empty]
        #expect(throws: DatasetError.notFound(dataset: "mnist", searched: searched)) { try locator.mnistDirectory() }
        let message = DatasetError.notFound(dataset: "mnist", searched: searched).description
        #expect(searched.allSatisfy { message.contains($0) })
        #expect(message.contains("--data-dir") && message.contains("NETPLAYGROUND_DATA"))
    }

    @Test("a missing dataset lists every ancestor folder tried")
    func everyPlace() throws {
        let tree = try makeTree()
        defer { try? FileManager.default.removeItem(at: tree.root) }
        let locator = DatasetLocator(dataDirectory: nil, environment: [:], executablePath: tree.executable,
                                     currentDirectory: tree.root.path)
        do {
            _ = try locator.mnistDirectory()
            Issue.record("found MNIST in a scratch tree")
        } catch {
            guard case .notFound(_, let searched) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(searched.contains(tree.repository.appendingPathComponent("datasets/mnist").path))
            #expect(searched.contains(tree.root.appendingPathComponent("datasets/mnist").path))
        }
    }
}

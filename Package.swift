// swift-tools-version:6.1
import PackageDescription

/// NetPlayground: a terminal course and playground for neural networks.
///
/// Dependencies point one way: NetPlayground → Lessons → MiniNN, NetPlayground → TUI.
/// MiniNN knows nothing of the UI; TUI knows nothing of MiniNN.
let package = Package(
    name: "NetPlayground",
    products: [
        .executable(name: "netplayground", targets: ["NetPlayground"]),
        .library(name: "MiniNN", targets: ["MiniNN"]),
        .library(name: "TUI", targets: ["TUI"]),
        .library(name: "Lessons", targets: ["Lessons"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // System libraries, found with pkg-config; `make` installs the Debian packages.
        .systemLibrary(
            name: "CNCurses", path: "Sources/CNCurses", pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        .target(name: "MiniNN", dependencies: ["COpenBLAS", "CZlib"]),
        // ONNX export lives apart from MiniNN so the core builds without protobuf.
        .target(
            name: "ONNXExport",
            dependencies: ["MiniNN", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["README.md"]),
        .target(name: "TUI", dependencies: ["CNCurses"]),
        .target(name: "Lessons", dependencies: ["MiniNN"]),
        .executableTarget(
            name: "NetPlayground",
            dependencies: [
                "MiniNN", "TUI", "Lessons", "ONNXExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        .testTarget(name: "MiniNNTests", dependencies: ["MiniNN"], resources: [.copy("Fixtures")]),
        // Golden files are read from the source tree, where UPDATE_SNAPSHOTS=1 writes them.
        .testTarget(name: "TUITests", dependencies: ["TUI"], exclude: ["Snapshots"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons", "MiniNN"]),
        .testTarget(name: "ExportTests", dependencies: ["ONNXExport", "MiniNN", "Lessons"]),
        .testTarget(name: "EndToEndTests", dependencies: []),
        // The playground's screens, imported from the executable (@testable; the release build uses -enable-testing).
        .testTarget(name: "PlaygroundTests", dependencies: ["NetPlayground", "Lessons", "TUI", "MiniNN", "ONNXExport"],
                    exclude: ["Snapshots", "Fixtures"]),
    ]
)

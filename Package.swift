// swift-tools-version:6.0
import PackageDescription

// One folder = one module = one stage; see ../shared/DESIGN.md for the map.
let package = Package(
    name: "mooring",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mooring", targets: ["mooring"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    ],
    targets: [
        // C libraries from Debian's -dev packages. Their pointers never leave the wrapping module.
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),

        // Running programs (kustomize, exec credential plugins; servers and tools in tests).
        .target(name: "ChildProcess", dependencies: [.product(name: "Subprocess", package: "swift-subprocess")]),

        .target(name: "Manifests", dependencies: ["CYAML"], resources: [.copy("Resources/schema-1.32.json")]),
        // Merge patch, strategic merge patch, JSON patch and server-side apply: the local cluster's patch engines.
        .target(name: "MergePatch", dependencies: ["Manifests"]),
        .target(name: "GitSource", dependencies: ["CGit2"]),
        .target(name: "KubeAPI", dependencies: ["CCurl", "Manifests"]),
        .target(name: "LuaSandbox", dependencies: ["CLua", "Manifests"]),
        .target(name: "LocalCluster", dependencies: [
            "Manifests", "MergePatch",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], exclude: ["README.md"], resources: [.copy("Protobuf/protobuf-fields-1.32.json")]),
        .target(name: "Reconciler", dependencies: ["Manifests", "GitSource", "KubeAPI", "LuaSandbox", "ChildProcess"]),
        .target(name: "Reports", dependencies: ["Reconciler", "Manifests"]),
        .executableTarget(name: "mooring", dependencies: [
            "Manifests", "GitSource", "KubeAPI", "LocalCluster", "Reconciler", "Reports",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Running real programs from tests, shared so each target doesn't carry its own copy.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess"]),
        .testTarget(name: "ManifestsTests", dependencies: ["Manifests"]),
        .testTarget(name: "MergePatchTests", dependencies: ["MergePatch", "Manifests"]),
        .testTarget(name: "GitSourceTests", dependencies: ["GitSource"]),
        .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI", "LocalCluster", "Manifests"]),
        .testTarget(name: "LuaSandboxTests", dependencies: ["LuaSandbox", "Manifests"]),
        .testTarget(name: "LocalClusterTests", dependencies: ["LocalCluster", "Manifests", "TestSupport"]),
        .testTarget(name: "ReconcilerTests", dependencies: ["Reconciler", "LocalCluster", "GitSource", "KubeAPI", "Manifests", "MergePatch", "TestSupport", "ChildProcess"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Reconciler", "Manifests"], exclude: ["Golden"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ChildProcess", "Manifests", "GitSource", "KubeAPI", "LocalCluster", "Reconciler", "Reports", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

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
        // Notifications (Sources/Notify): counters through swift-metrics (the backend is the
        // service's), webhook signatures with swift-crypto's HMAC, users' message templates.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
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
        .target(name: "GitSource", dependencies: ["CGit2", "Manifests"]),
        .target(name: "KubeAPI", dependencies: ["CCurl", "Manifests", "ChildProcess"]),
        .target(name: "LuaSandbox", dependencies: ["CLua", "Manifests"]),
        .target(name: "LocalCluster", dependencies: [
            "Manifests", "MergePatch",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], exclude: ["README.md"], resources: [.copy("Protobuf/protobuf-fields-1.32.json")]),
        .target(name: "Reconciler", dependencies: ["Manifests", "GitSource", "KubeAPI", "LuaSandbox"]),
        .target(name: "Reports", dependencies: ["Reconciler", "Manifests"]),
        // Events from outcomes, sent to chat, webhooks and forges over KubeAPI's curl engine.
        .target(name: "Notify", dependencies: [
            "Reconciler", "Reports", "Manifests", "KubeAPI",
            .product(name: "CoreMetrics", package: "swift-metrics"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .executableTarget(name: "mooring", dependencies: [
            "Manifests", "GitSource", "KubeAPI", "LocalCluster", "Reconciler", "Reports", "Notify",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // What every test target shares: running programs (on ChildProcess), servers (git daemon,
        // nginx, HTTP receivers on loopback), certificates, free ports, temporary folders, git.
        .target(name: "TestSupport", dependencies: [
            "ChildProcess",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], path: "Tests/TestSupport"),

        .testTarget(name: "ChildProcessTests", dependencies: ["ChildProcess"]),
        .testTarget(name: "ManifestsTests", dependencies: ["Manifests", "TestSupport"]),
        .testTarget(name: "MergePatchTests", dependencies: ["MergePatch", "Manifests"]),
        .testTarget(name: "GitSourceTests", dependencies: ["GitSource", "TestSupport"]),
        .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI", "LocalCluster", "Manifests", "TestSupport"]),
        .testTarget(name: "LuaSandboxTests", dependencies: ["LuaSandbox", "Manifests", "TestSupport"]),
        .testTarget(name: "LocalClusterTests", dependencies: ["LocalCluster", "Manifests", "TestSupport"]),
        .testTarget(name: "ReconcilerTests", dependencies: ["Reconciler", "LocalCluster", "GitSource", "KubeAPI", "Manifests", "MergePatch", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Reconciler", "Manifests", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "NotifyTests", dependencies: [
            "Notify", "Reconciler", "Reports", "Manifests", "LocalCluster", "KubeAPI", "TestSupport",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "MetricsTestKit", package: "swift-metrics"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["ChildProcess", "Manifests", "GitSource", "KubeAPI", "LocalCluster", "Reconciler", "Reports", "Notify", "TestSupport",
                                                          .product(name: "Crypto", package: "swift-crypto")]),
    ],
    swiftLanguageModes: [.v6]
)

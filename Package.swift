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
        // The service side of `mooring run --listen` (Sources/Service): one HTTP stack, metrics,
        // logs, signals; HMAC and hashes from swift-crypto rather than hand-written ones.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
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
        .target(name: "GitSource", dependencies: ["CGit2", "Manifests", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "KubeAPI", dependencies: ["CCurl", "Manifests", "ChildProcess", .product(name: "CoreMetrics", package: "swift-metrics")]),
        .target(name: "LuaSandbox", dependencies: ["CLua", "Manifests"]),
        .target(name: "LocalCluster", dependencies: [
            "Manifests", "MergePatch",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], exclude: ["README.md"], resources: [.copy("Protobuf/protobuf-fields-1.32.json")]),
        .target(name: "Reconciler", dependencies: [
            "Manifests", "GitSource", "KubeAPI", "LuaSandbox", "ChildProcess",
            .product(name: "CoreMetrics", package: "swift-metrics"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Reports", dependencies: ["Reconciler", "Manifests"]),
        // Events from outcomes, sent to chat, webhooks and forges over KubeAPI's curl engine.
        .target(name: "Notify", dependencies: [
            "Reconciler", "Reports", "Manifests", "KubeAPI",
            .product(name: "CoreMetrics", package: "swift-metrics"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // The HTTP side of `mooring run --listen`: health, metrics, webhooks (and later the
        // dashboard, JSON API and events). Only Service and mooring know the Prometheus backend.
        .target(name: "Service", dependencies: [
            "Reconciler", "Manifests", "GitSource", "KubeAPI",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .executableTarget(name: "mooring", dependencies: [
            "Manifests", "GitSource", "KubeAPI", "LocalCluster", "Reconciler", "Reports", "Service", "Notify",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
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
        .testTarget(name: "MergePatchTests", dependencies: ["MergePatch", "Manifests", "TestSupport"]),
        .testTarget(name: "GitSourceTests", dependencies: ["GitSource", "TestSupport"]),
        .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI", "LocalCluster", "Manifests", "TestSupport"]),
        .testTarget(name: "LuaSandboxTests", dependencies: ["LuaSandbox", "Manifests", "TestSupport"]),
        .testTarget(name: "LocalClusterTests", dependencies: ["LocalCluster", "Manifests", "TestSupport"]),
        .testTarget(name: "ReconcilerTests", dependencies: ["Reconciler", "LocalCluster", "GitSource", "KubeAPI", "Manifests", "MergePatch", "TestSupport", "ChildProcess"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Reconciler", "Manifests", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "ServiceTests", dependencies: [
            "Service", "Reconciler", "Manifests", "TestSupport",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Metrics", package: "swift-metrics"),
        ]),
        .testTarget(name: "NotifyTests", dependencies: [
            "Notify", "Reconciler", "Reports", "Manifests", "LocalCluster", "KubeAPI", "TestSupport",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "MetricsTestKit", package: "swift-metrics"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: [
            "ChildProcess", "Manifests", "GitSource", "KubeAPI", "LocalCluster", "Reconciler", "Reports", "Notify", "TestSupport",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

import Manifests

/// `/version`: the cluster says it is Kubernetes 1.32, so the kubectl dispatcher on these
/// machines picks its bundled kubectl 1.32.
enum VersionInfo {
    static let document: JSON = [
        "major": "1", "minor": "32", "gitVersion": "v1.32.0",
        "gitCommit": "70d3cc986aa8221cd1dfb1121852688902d3bf53", "gitTreeState": "clean",
        "buildDate": "2024-12-11T17:59:15Z", "goVersion": "go1.23.3", "compiler": "gc",
        "platform": "linux/amd64",
    ]
}

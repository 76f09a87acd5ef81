/// How to start a local cluster: where it keeps its state, where it listens, how fast its
/// simulated controllers run and which images they pretend cannot be pulled.
public struct LocalClusterOptions: Sendable {
    /// Folder holding the token, the kubeconfig and the persisted objects; created if missing.
    public var dataDirectory: String
    public var host: String = "127.0.0.1"
    /// 0 picks a free port.
    public var port: Int = 0
    /// Where the kubeconfig is written; `nil` means `<dataDirectory>/kubeconfig`.
    public var kubeconfigPath: String? = nil
    /// Greater than 1 compresses controller delays and deadlines (tests use 10–100).
    public var timeScale: Double = 1.0
    /// Glob patterns (`*` wildcard) of images whose pods never start: `ImagePullBackOff`.
    public var unpullableImagePatterns: [String] = ["*:broken", "unreachable.invalid/*"]
    /// Glob patterns of images whose containers start and then exit with code 1 (a Job's pods
    /// fail, a Deployment's crash-loop); see `SimulatedRun` for commands that fail or take time.
    public var failingImagePatterns: [String] = ["*:fails"]
    /// Fault rules active from the start (see `FaultRules` for the format).
    public var faults: FaultRules = FaultRules()

    public init(dataDirectory: String) {
        self.dataDirectory = dataDirectory
    }
}

import Subprocess

/// One program to run: what to run, with which arguments, environment, folder and input, and the
/// bounds it must stay within. The one way Mooring and its tests start programs (kustomize,
/// kubeconfig exec plugins, and in tests nginx, git, kubectl, the mooring binary).
///
/// Built on swift-subprocess rather than Foundation's `Process`, which has been seen to miss a
/// child's exit when hundreds of children run at once.
///
/// ```swift
/// var kustomize = ChildProcess("kubectl", ["kustomize", "overlays/develop"])
/// kustomize.timeout = .seconds(30)
/// let result = try await kustomize.run()
/// print(result.status, result.stdout)      // exited(0) apiVersion: v1 …
/// ```
public struct ChildProcess: Sendable {
    /// A path, or a name looked up on `PATH`.
    public var executable: String
    public var arguments: [String]
    /// Added to (or overriding) the inherited environment; a `nil` value removes a variable.
    public var environment: [String: String?]
    /// When false, the child sees only `environment`.
    public var inheritsEnvironment: Bool
    public var workingDirectory: String?
    /// Written to the child's standard input, which is then closed; `nil` gives it no input.
    public var input: [UInt8]?
    /// How long `run()` lets the child live before stopping it and throwing `timedOut`.
    public var timeout: Duration
    /// The most bytes kept from each of standard output and standard error.
    public var outputLimit: Int
    /// How long a stopped child has between SIGTERM and SIGKILL.
    public var gracePeriod: Duration

    public init(_ executable: String, _ arguments: [String] = [], environment: [String: String?] = [:],
                workingDirectory: String? = nil, input: [UInt8]? = nil, timeout: Duration = .seconds(120),
                outputLimit: Int = 16 << 20) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.inheritsEnvironment = true
        self.workingDirectory = workingDirectory
        self.input = input
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.gracePeriod = .seconds(5)
    }

    /// The command line as a person would type it, for messages (arguments are not quoted).
    public var commandLine: String { ([executable] + arguments).joined(separator: " ") }

    var configuration: Configuration {
        var options = PlatformOptions()
        // Its own session, so stopping it also stops what it started (git daemon forks, nginx
        // workers) and a terminal's Ctrl-C reaches only us, who stop it in order.
        options.createSession = true
        options.teardownSequence = [.send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: gracePeriod)]
        let executable: Executable = self.executable.contains("/") ? .path(.init(self.executable)) : .name(self.executable)
        var keys: [Environment.Key: String?] = [:]
        for (key, value) in environment { keys[Environment.Key(stringLiteral: key)] = value }
        let environment: Environment
        if inheritsEnvironment {
            environment = .inherit.updating(keys)
        } else {
            environment = .custom(keys.compactMapValues { $0 })
        }
        return Configuration(executable: executable, arguments: Arguments(arguments), environment: environment,
                             workingDirectory: workingDirectory.map { .init($0) }, platformOptions: options)
    }
}

/// How an environment's folder becomes objects.
///
/// `plain` reads every manifest of the folder (`ManifestRenderer`); `kustomize` builds the
/// folder's kustomization with the real kustomize. Without an explicit `render:` the folder
/// decides: one holding `kustomization.yaml`, `kustomization.yml` or `Kustomization` is a
/// kustomize overlay (as Argo CD and Flux detect it), anything else is plain.
public enum RenderMode: String, Sendable, Hashable, CaseIterable {
    case plain
    case kustomize
}

/// The top-level `render:` settings of `mooring.yaml`:
///
/// ```yaml
/// render:
///   kustomize:
///     binary: /opt/kustomize/v5.4.3/kustomize   # default: kustomize on PATH, else kubectl kustomize
///     timeout: 2m                               # default 2m
/// ```
public struct RenderSettings: Sendable, Equatable {
    public var kustomize: KustomizeSettings

    public init(kustomize: KustomizeSettings = KustomizeSettings()) {
        self.kustomize = kustomize
    }
}

/// Which kustomize to run and how long it may take.
public struct KustomizeSettings: Sendable, Equatable {
    /// A path or a name looked up on PATH; `nil` picks `kustomize` on PATH, else `kubectl kustomize`.
    /// A binary named `kubectl…` is run as `<binary> kustomize`.
    public var binary: String?
    /// The longest one build may run before it is stopped and counts as failed.
    public var timeout: Duration
    /// The most output (each of stdout and stderr) one build may write.
    public var outputLimit: Int

    public static let defaultTimeout: Duration = .seconds(120)
    public static let defaultOutputLimit = 64 << 20

    public init(binary: String? = nil, timeout: Duration = KustomizeSettings.defaultTimeout,
                outputLimit: Int = KustomizeSettings.defaultOutputLimit) {
        self.binary = binary
        self.timeout = timeout
        self.outputLimit = outputLimit
    }

    /// The settings with a relative binary path (`./bin/kustomize`) made absolute against the
    /// configuration's folder, as the repository's relative `url` is; a bare name stays a name
    /// to look up on PATH.
    public func resolvingBinary(against directory: String) -> KustomizeSettings {
        guard let binary, binary.contains("/"), !binary.hasPrefix("/") else { return self }
        var resolved = self
        resolved.binary = (directory.hasSuffix("/") ? directory : directory + "/") + binary
        return resolved
    }
}

import Manifests

/// A hook as the revision declares it, split off the desired state: it is not diffed, not
/// pruned, and a revision whose only change is a hook is not OutOfSync. Its object is prepared
/// like every desired object (namespace, tracking labels, revision and owner annotations); a
/// `generateName` hook carries its prefix as the name until `HookPlanner` names it for an operation.
public struct HookDefinition: Sendable {
    public var object: JSON
    public var source: SourceLocation
    public var spec: HookSpec
    public var naming: HookNaming

    public init(object: JSON, source: SourceLocation, spec: HookSpec, naming: HookNaming) {
        self.object = object
        self.source = source
        self.spec = spec
        self.naming = naming
    }

    /// The object as written: its kind, namespace and name (or `generateName` prefix).
    public var identity: ObjectIdentity? { ObjectIdentity(of: object) }
}

/// How a hook is named in the cluster.
public enum HookNaming: Sendable, Hashable {
    /// `metadata.name`: the same object every operation, deleted and created again.
    case fixed(String)
    /// `metadata.generateName`: a name per operation (see `HookPlanner`).
    case generated(prefix: String)

    /// The name or prefix as written: what finds the earlier instances of a hook.
    public var key: String {
        switch self {
        case .fixed(let name): return name
        case .generated(let prefix): return prefix
        }
    }
}

/// A revision's rendering split into the desired state, its hooks and the objects marked `Skip`.
public struct HookSelection: Sendable {
    /// What is diffed, applied and pruned.
    public var resources: RenderedEnvironment
    /// Hooks in file order, with their objects as rendered (the reconciler prepares them).
    public var hooks: [HookDefinition]
    /// Objects annotated `Skip`: never applied.
    public var skipped: [RenderedObject]

    /// - Throws: `ReconcileError.plan` naming the file and line of a hook annotation that does not
    ///   parse, or of a `generateName` on an object that is not a hook.
    public init(_ rendered: RenderedEnvironment) throws {
        var resources: [RenderedObject] = []
        hooks = []
        skipped = []
        for object in rendered.objects {
            let role: HookRole
            do { role = try HookRole.of(object.object) } catch {
                throw ReconcileError.plan("\(object.source): \(object.identity): \(error)")
            }
            let generated = object.object[path: ["metadata", "name"]] == nil
                ? object.object[path: ["metadata", "generateName"]]?.stringValue : nil
            switch role {
            case .resource:
                if let generated { throw ReconcileError.plan("\(object.source): \(object.identity): \(HookError.generatedNameNeedsHook(prefix: generated))") }
                resources.append(object)
            case .skip:
                skipped.append(object)
            case .hook(let spec):
                var definition = object.object
                let naming: HookNaming
                if let generated {
                    naming = .generated(prefix: generated)
                    // Named for preparation (namespace, tracking) until an operation names it.
                    definition[path: ["metadata", "name"]] = .string(generated)
                    definition[path: ["metadata", "generateName"]] = nil
                } else {
                    naming = .fixed(object.identity.name)
                }
                hooks.append(HookDefinition(object: definition, source: object.source, spec: spec, naming: naming))
            }
        }
        self.resources = RenderedEnvironment(objects: resources, warnings: rendered.warnings)
    }
}

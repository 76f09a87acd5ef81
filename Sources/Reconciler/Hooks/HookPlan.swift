import Manifests

/// Names one sync operation of an environment: the id its history record will get and the
/// revision. Nothing is stored before the record, so a reconciler restarted in the middle of
/// an operation arrives at the same id, finds the hooks it labelled with it, and waits for them
/// instead of starting them again. `12-1a2b3c4`.
public struct OperationID: Sendable, Hashable, CustomStringConvertible {
    public var number: Int
    public var revision: String

    public init(number: Int, revision: String) {
        self.number = number
        self.revision = revision
    }

    /// The operation that will be recorded next in `history`.
    public init(after history: History, revision: String) {
        self.init(number: (history.latest?.id ?? 0) + 1, revision: revision)
    }

    public var description: String { "\(number)-\(revision.prefix(7))" }
}

/// One hook object to run in one phase of one operation.
public struct HookTask: Sendable {
    public var phase: HookPhase
    public var wave: Int
    /// The object to create: its final name, the tracking labels, the operation label.
    public var object: JSON
    public var identity: ObjectIdentity
    /// The name or `generateName` prefix as written (`HookNaming.key`).
    public var key: String
    public var deletePolicies: Set<HookDeletePolicy>
    public var source: SourceLocation
}

/// The hooks of one operation, by phase and wave.
public struct HookPlan: Sendable {
    public var operation: OperationID
    public var tasks: [HookTask]

    /// The phase's tasks grouped by wave, lowest wave first; within a wave in file order.
    public func waves(of phase: HookPhase) -> [(wave: Int, tasks: [HookTask])] {
        let ofPhase = tasks.filter { $0.phase == phase }
        return Set(ofPhase.map(\.wave)).sorted().map { wave in (wave, ofPhase.filter { $0.wave == wave }) }
    }

    public func hasTasks(in phase: HookPhase) -> Bool { tasks.contains { $0.phase == phase } }
}

/// Turns a revision's hooks into the tasks of one operation. Pure.
///
/// A `generateName` hook is named `<prefix><revision7>-<phase>-<operation number>`, as Argo CD
/// names it `<prefix><revision7>-<phase>-<start time>` (gitops-engine `sync_context.go`):
/// deterministic within the operation, new for the next one. A fixed name stays; the runner
/// deletes the instance an earlier operation left before creating it again.
public enum HookPlanner {
    /// Labels every hook object carries besides the environment's tracking labels.
    public static let operationLabel = "mooring.dev/hook-operation"
    /// The phase the object was created for (a hook may run in several).
    public static let phaseAnnotation = "mooring.dev/hook-phase"
    /// The hook's name or `generateName` prefix as written, to find its earlier instances.
    public static let nameAnnotation = "mooring.dev/hook-name"

    public static func plan(_ hooks: [HookDefinition], operation: OperationID) -> HookPlan {
        var tasks: [HookTask] = []
        for hook in hooks {
            guard let written = hook.identity else { continue }
            for phase in hook.spec.phases {
                var object = hook.object
                let name: String = switch hook.naming {
                case .fixed(let name): name
                case .generated(let prefix): "\(prefix)\(operation.revision.prefix(7))-\(phase.rawValue.lowercased())-\(operation.number)"
                }
                object[path: ["metadata", "name"]] = .string(name)
                object[path: ["metadata", "labels", operationLabel]] = .string(operation.description)
                object[path: ["metadata", "annotations", phaseAnnotation]] = .string(phase.rawValue)
                object[path: ["metadata", "annotations", nameAnnotation]] = .string(hook.naming.key)
                let identity = ObjectIdentity(type: written.type, namespace: written.namespace, name: name)
                tasks.append(HookTask(phase: phase, wave: hook.spec.wave, object: object, identity: identity,
                                      key: hook.naming.key, deletePolicies: hook.spec.deletePolicies, source: hook.source))
            }
        }
        return HookPlan(operation: operation, tasks: tasks)
    }

    /// Whether a live object is a hook instance (never diffed or pruned as desired state).
    public static func isHook(_ live: JSON) -> Bool {
        live[path: ["metadata", "labels", operationLabel]] != nil
    }
}

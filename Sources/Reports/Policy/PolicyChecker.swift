import Manifests
import Reconciler

/// Looks through desired objects (and the renderer's YAML warnings) for what a reviewer should
/// know: unpinned images, missing resource requests, YAML 1.1 traps, masked Secret changes.
public enum PolicyChecker {
    /// - Parameters:
    ///   - objects: the desired objects of the environment.
    ///   - warnings: what `ManifestRenderer` flagged while rendering them.
    ///   - changedSecrets: Secrets whose values change, whose values the report hides.
    public static func notes(objects: [JSON], warnings: [ManifestWarning] = [], changedSecrets: [ObjectIdentity] = []) -> [PolicyNote] {
        var notes: [PolicyNote] = []
        for secret in changedSecrets {
            notes.append(PolicyNote(
                rule: .secretMasked, severity: .info, object: secret.description,
                message: "Secret values changed; they are masked (*** (changed)) because reports are shared and archived.",
                fix: "nothing to fix; to check a value, read it from the cluster with the right to: kubectl get secret -n \(secret.namespace ?? "default") \(secret.name) -o yaml."))
        }
        for object in objects {
            guard let identity = ObjectIdentity(of: object) else { continue }
            for spec in podSpecs(of: object) {
                notes += containerNotes(identity: identity, podSpec: spec.value, at: spec.path)
            }
        }
        notes += warnings.map(trapNote)
        return notes
    }

    /// A note for each Namespace kept from the prune because of what it holds, naming every blocker.
    public static func namespaceNotes(kept: [(namespace: ObjectIdentity, holds: [ObjectIdentity])]) -> [PolicyNote] {
        kept.filter { !$0.holds.isEmpty }.map { entry in
            let count = entry.holds.count
            return PolicyNote(
                rule: .namespaceNotPruned, severity: .warning, object: entry.namespace.description,
                message: "not pruned: deleting it would delete \(count) object\(count == 1 ? "" : "s") this environment does not track: "
                    + entry.holds.map(\.description).joined(separator: ", ") + ".",
                fix: "move or delete those objects, or let the environment adopt them (adopt: true or the annotation mooring.dev/adopt: \"true\" in git); "
                    + "to keep the Namespace for good, annotate it mooring.dev/prune: \"false\".")
        }
    }

    /// The pod templates of the workload kinds (and a bare Pod's spec), with their paths.
    static func podSpecs(of object: JSON) -> [(path: String, value: JSON)] {
        let candidates: [[String]] = [
            ["spec"] /* Pod */, ["spec", "template", "spec"] /* Deployment, StatefulSet, DaemonSet, ReplicaSet, Job */,
            ["spec", "jobTemplate", "spec", "template", "spec"] /* CronJob */,
        ]
        return candidates.compactMap { path in
            guard let spec = object[path: path], spec["containers"]?.arrayValue != nil else { return nil }
            return (path.joined(separator: "."), spec)
        }
    }

    private static func containerNotes(identity: ObjectIdentity, podSpec: JSON, at path: String) -> [PolicyNote] {
        var notes: [PolicyNote] = []
        for list in ["initContainers", "containers"] {
            for container in podSpec[list]?.arrayValue ?? [] {
                let name = container["name"]?.stringValue ?? "?"
                let field = "\(path).\(list)[name=\(name)]"
                if let image = container["image"]?.stringValue {
                    notes += imageNotes(identity: identity, image: image, field: field + ".image")
                }
                let requests = container[path: ["resources", "requests"]]?.objectValue
                if requests?.isEmpty ?? true {
                    notes.append(PolicyNote(
                        rule: .missingResourceRequests, severity: .warning, object: identity.description, field: field + ".resources",
                        message: "container \(name) has no resource requests, so the scheduler cannot place it reliably and it is evicted first under pressure.",
                        fix: "set resources.requests.cpu and resources.requests.memory to what it needs."))
                }
            }
        }
        return notes
    }

    private static func imageNotes(identity: ObjectIdentity, image: String, field: String) -> [PolicyNote] {
        let reference = ImageReference(image)
        if reference.isLatest {
            let what = reference.tag == nil ? "has no tag, which means :latest" : "uses :latest"
            return [PolicyNote(
                rule: .latestImageTag, severity: .warning, object: identity.description, field: field,
                message: "image \(image) \(what): each pull may run different code and a rollback cannot bring the old one back.",
                fix: "pin by digest (\(reference.repository)@sha256:…) for auditing, or at least use a release tag.")]
        }
        if !reference.isPinned {
            return [PolicyNote(
                rule: .mutableImageTag, severity: .warning, object: identity.description, field: field,
                message: "image \(image) is referenced by tag :\(reference.tag ?? ""), which can be moved to other content.",
                fix: "pin by digest for auditing: \(reference.repository)@sha256:… (keep the tag in a comment).")]
        }
        return []
    }

    /// A Secret's trap names the field but never the value, which is the secret.
    private static func trapNote(_ warning: ManifestWarning) -> PolicyNote {
        let meaning = warning.value.boolValue != nil ? "the boolean \(warning.value.serialized())" : "the number \(warning.value.serialized())"
        let isSecret = warning.object.hasPrefix("Secret ")
        let written = isSecret ? "an unquoted value" : "\(warning.text) unquoted"
        return PolicyNote(
            rule: .yamlBooleanTrap, severity: .warning, object: warning.object, field: warning.field,
            location: warning.location.description,
            message: "\(written), which YAML 1.1 reads as \(isSecret ? "a boolean or number" : meaning) where Kubernetes expects a string.",
            fix: isSecret ? "quote the value." : warning.hint + ".")
    }
}

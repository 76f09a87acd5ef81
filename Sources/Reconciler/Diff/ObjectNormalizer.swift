import Foundation
import Manifests

/// Brings desired and live objects to a common form before they are compared, so that what the
/// API server adds or rewrites by itself is never mistaken for drift.
public enum ObjectNormalizer {
    /// Metadata the API server fills in; never part of what a user declares.
    public static let serverMetadataFields = [
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink",
        "deletionTimestamp", "deletionGracePeriodSeconds",
    ]

    /// Annotations compared never: the revision annotation moves with every commit, so comparing
    /// it would re-apply every object on every commit.
    public static let ignoredAnnotations = [
        Tracking.revisionAnnotation, "kubectl.kubernetes.io/last-applied-configuration",
    ]

    /// The live object without server-populated metadata and `status`.
    public static func normalizeLive(_ object: JSON) -> JSON {
        stripServerFields(object)
    }

    /// The desired object as the API server would store it: nulls dropped, Secret `stringData`
    /// folded into base64 `data`, default port protocols and Service `targetPort` filled in.
    public static func normalizeDesired(_ object: JSON) -> JSON {
        var result = dropNulls(stripServerFields(object))
        guard let identity = ObjectIdentity(of: object) else { return result }
        if SecretMask.isSecret(identity) { foldStringData(&result) }
        if identity.group.isEmpty && identity.kind == "Service" { defaultServicePorts(&result) }
        if let podSpec = BuiltInListSemantics.podSpecPrefix(of: identity.groupKind) {
            defaultContainerPorts(&result, podSpec: podSpec)
        }
        return result
    }

    static func stripServerFields(_ object: JSON) -> JSON {
        var result = object
        result["status"] = nil
        guard var metadata = result["metadata"]?.objectValue else { return result }
        for field in serverMetadataFields { metadata[field] = nil }
        if var annotations = metadata["annotations"]?.objectValue {
            for key in ignoredAnnotations { annotations[key] = nil }
            metadata["annotations"] = annotations.isEmpty ? nil : .object(annotations)
        }
        result["metadata"] = .object(metadata)
        return result
    }

    /// `null` in a manifest means "not set" (`foo:` with no value in YAML).
    static func dropNulls(_ value: JSON) -> JSON {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.compactMap { $0.value.isNull ? nil : ($0.key, dropNulls($0.value)) }))
        case .array(let items):
            return .array(items.map(dropNulls))
        default:
            return value
        }
    }

    /// The API server writes `stringData` into `data` (base64), and a `stringData` key wins over
    /// the same key in `data`.
    static func foldStringData(_ secret: inout JSON) {
        guard let stringData = secret["stringData"]?.objectValue else { return }
        var data = secret["data"]?.objectValue ?? JSONObject()
        for (key, value) in stringData {
            let text = value.stringValue ?? value.serialized()
            data[key] = .string(Data(text.utf8).base64EncodedString())
        }
        secret["stringData"] = nil
        secret["data"] = .object(data)
    }

    static func defaultServicePorts(_ service: inout JSON) {
        guard let ports = service[path: ["spec", "ports"]]?.arrayValue else { return }
        service[path: ["spec", "ports"]] = .array(ports.map { port in
            var port = port
            guard port.objectValue != nil else { return port }
            if port["protocol"] == nil { port["protocol"] = "TCP" }
            if port["targetPort"] == nil, let number = port["port"] { port["targetPort"] = number }
            return port
        })
    }

    static func defaultContainerPorts(_ object: inout JSON, podSpec: [String]) {
        for list in ["containers", "initContainers", "ephemeralContainers"] {
            let path = podSpec + [list]
            guard let containers = object[path: path]?.arrayValue else { continue }
            object[path: path] = .array(containers.map { container in
                var container = container
                guard let ports = container["ports"]?.arrayValue else { return container }
                container["ports"] = .array(ports.map { port in
                    var port = port
                    if port.objectValue != nil, port["protocol"] == nil { port["protocol"] = "TCP" }
                    return port
                })
                return container
            })
        }
    }
}

import Foundation
import Manifests

/// The fields a real API server sets itself when objects are created and updated: uid,
/// creationTimestamp, generation, status resets, and the metadata clients cannot change.
enum ObjectLifecycle {
    /// Makes a client's object ready to be stored as new.
    static func prepareCreate(_ object: JSON, resource: ClusterResource) throws -> JSON {
        var object = object
        if let version = object[path: ["metadata", "resourceVersion"]]?.stringValue, !version.isEmpty {
            throw StatusError.badRequest("resourceVersion should not be set on objects to be created")
        }
        object[path: ["metadata", "resourceVersion"]] = nil
        object[path: ["metadata", "uid"]] = .string(UUID().uuidString.lowercased())
        object[path: ["metadata", "creationTimestamp"]] = .string(Timestamps.now())
        object[path: ["metadata", "deletionTimestamp"]] = nil
        object[path: ["metadata", "generation"]] = resource.tracksGeneration ? 1 : nil
        if resource.hasStatus {
            let initial = InitialStatus.of(resource, object: object)
            object["status"] = initial.isNull ? nil : initial
        }
        Defaulting.prepareForCreate(&object, uid: object[path: ["metadata", "uid"]]?.stringValue ?? "")
        return object
    }

    /// Merges a client's replacement with the stored object. For the main resource of a kind
    /// with a status subresource the status is kept; for `/status` only the status changes.
    static func prepareUpdate(_ new: JSON, old: JSON, resource: ClusterResource, subresource: String?) -> JSON {
        var result: JSON
        if subresource == "status" || subresource == "approval" {
            result = old
            result["status"] = new["status"]
            for key in ["managedFields"] {
                result[path: ["metadata", key]] = new[path: ["metadata", key]]
            }
        } else {
            result = new
            if resource.hasStatus { result["status"] = old["status"] }
            for key in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] {
                result[path: ["metadata", key]] = old[path: ["metadata", key]]
            }
            if old["metadata"]?["namespace"] != nil { result[path: ["metadata", "namespace"]] = old[path: ["metadata", "namespace"]] }
        }
        return result
    }

    /// Bumps the generation of a spec change, once the new object is defaulted (the server
    /// defaults while decoding, before the strategy's PrepareForUpdate compares): an apply that
    /// replaces an atomic struct without its defaulted fields changes nothing.
    static func bumpGeneration(_ new: inout JSON, old: JSON, resource: ClusterResource) {
        if resource.tracksGeneration, generationChanges(old: old, new: new, resource: resource) {
            new[path: ["metadata", "generation"]] = .int((old[path: ["metadata", "generation"]]?.intValue ?? 0) + 1)
        }
    }

    /// Whether two versions of an object differ at most in their managers' timestamps.
    static func unchanged(_ new: JSON, _ old: JSON) -> Bool {
        func withoutTimes(_ object: JSON) -> JSON {
            var copy = object
            guard let entries = object[path: ["metadata", "managedFields"]]?.arrayValue else { return copy }
            copy[path: ["metadata", "managedFields"]] = .array(entries.map { entry in
                var entry = entry
                entry["time"] = nil
                return entry
            })
            return copy
        }
        return new == old || withoutTimes(new) == withoutTimes(old)
    }

    /// Spec-like changes bump the generation: everything but metadata (and status when it is a
    /// subresource); a Deployment's annotations count too, as its strategy says.
    static func generationChanges(old: JSON, new: JSON, resource: ClusterResource) -> Bool {
        func content(_ object: JSON) -> JSON {
            guard var members = object.objectValue else { return object }
            members["metadata"] = nil
            members["apiVersion"] = nil
            members["kind"] = nil
            if resource.hasStatus { members["status"] = nil }
            return .object(members)
        }
        if content(old) != content(new) { return true }
        if resource.kind == "Deployment" {
            return old[path: ["metadata", "annotations"]] != new[path: ["metadata", "annotations"]]
        }
        return false
    }

    /// `name` + 5 random characters from the alphabet the API server uses for generateName.
    static func generatedName(_ prefix: String) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return prefix + String((0..<5).map { _ in alphabet.randomElement()! })
    }
}

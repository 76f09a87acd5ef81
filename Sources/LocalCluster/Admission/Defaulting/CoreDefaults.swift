import Foundation
import Manifests

/// Defaults of the core kinds other than pods, from `pkg/apis/core/v1/defaults.go` (release-1.32).
enum CoreDefaults {
    /// SetDefaults_Secret: type Opaque.
    static func secret(_ object: inout JSON) {
        object.defaultIfEmpty("type", "Opaque")
        foldStringData(&object)
    }

    /// `stringData` is write-only: the server base64-encodes each entry into `data` (overwriting a
    /// key both set) and never stores `stringData` itself (Convert_v1_Secret_To_core_Secret in
    /// pkg/apis/core/v1/conversion.go), so a Secret read back only ever has `data`.
    static func foldStringData(_ object: inout JSON) {
        guard let stringData = object["stringData"] else { return }
        object["stringData"] = nil
        guard let entries = stringData.objectValue, !entries.isEmpty else { return }
        var data = object["data"]?.objectValue ?? JSONObject()
        for (key, value) in entries {
            guard let text = value.stringValue else { continue }
            data[key] = .string(Data(text.utf8).base64EncodedString())
        }
        object["data"] = .object(data)
    }

    /// SetDefaults_PersistentVolumeClaimSpec (volumeMode Filesystem) and SetDefaults_PersistentVolumeClaim
    /// (status phase Pending).
    static func persistentVolumeClaim(_ object: inout JSON) {
        object.updateStruct("spec") { $0.defaultIfNil("volumeMode", "Filesystem") }
        object.updateStruct("status") { $0.defaultIfEmpty("phase", "Pending") }
    }

    /// SetDefaults_PersistentVolume: reclaim policy Retain, volumeMode Filesystem, phase Pending.
    static func persistentVolume(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.defaultIfEmpty("persistentVolumeReclaimPolicy", "Retain")
            spec.defaultIfNil("volumeMode", "Filesystem")
        }
        object.updateStruct("status") { $0.defaultIfEmpty("phase", "Pending") }
    }

    /// SetDefaults_Namespace (label `kubernetes.io/metadata.name` = the name) and
    /// SetDefaults_NamespaceStatus (phase Active).
    static func namespace(_ object: inout JSON) {
        if let name = object[path: ["metadata", "name"]]?.stringValue, !name.isEmpty {
            object.updateStruct("metadata") { metadata in
                var labels = metadata["labels"]?.stringMap ?? JSONObject()
                labels["kubernetes.io/metadata.name"] = .string(name)
                metadata["labels"] = .object(labels)
            }
        }
        object.updateStruct("status") { $0.defaultIfEmpty("phase", "Active") }
    }

    /// SetDefaults_Endpoints: ports TCP.
    static func endpoints(_ object: inout JSON) {
        object.updateEach("subsets") { subset in
            subset.updateEach("ports") { $0.defaultIfEmpty("protocol", "TCP") }
        }
    }

    /// SetDefaults_LimitRangeItem for `Container` items: the default limit falls back to the max,
    /// the default request to the default limit, then to the min.
    static func limitRange(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.updateEach("limits") { item in
                guard item["type"] == "Container" else { return }
                var limits = item["default"]?.objectValue ?? JSONObject()
                var requests = item["defaultRequest"]?.objectValue ?? JSONObject()
                for (name, value) in item["max"]?.objectValue ?? JSONObject() where limits[name] == nil { limits[name] = value }
                for (name, value) in limits where requests[name] == nil { requests[name] = value }
                for (name, value) in item["min"]?.objectValue ?? JSONObject() where requests[name] == nil { requests[name] = value }
                item["default"] = .object(limits)
                item["defaultRequest"] = .object(requests)
            }
        }
    }

    /// SetDefaults_Pod on top of the pod spec's: requests default to limits, service links on.
    static func pod(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            for list in ["containers", "initContainers"] {
                spec.updateEach(list) { container in
                    guard let limits = container[path: ["resources", "limits"]]?.objectValue else { return }
                    var requests = container[path: ["resources", "requests"]]?.objectValue ?? JSONObject()
                    for (name, value) in limits where requests[name] == nil { requests[name] = value }
                    container[path: ["resources", "requests"]] = .object(requests)
                }
            }
            PodSpecDefaults.apply(to: &spec)
            spec.defaultIfNil("enableServiceLinks", true)
            if spec["hostNetwork"] == true {
                for list in ["containers", "initContainers"] {
                    spec.updateEach(list) { container in
                        container.updateEach("ports") { port in
                            if (port["hostPort"]?.intValue ?? 0) == 0, let number = port["containerPort"] { port["hostPort"] = number }
                        }
                    }
                }
            }
        }
    }
}

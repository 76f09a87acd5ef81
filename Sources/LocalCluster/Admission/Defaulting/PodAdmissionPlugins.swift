import Manifests

/// What kube-apiserver's default admission plugins add to a Pod when it is created, so pods the
/// local cluster makes look like a real cluster's: ServiceAccount (`default` account, the
/// `kube-api-access-<suffix>` token volume and its mounts), Priority (`priority: 0`,
/// `preemptionPolicy: PreemptLowerPriority`), DefaultTolerationSeconds (tolerate not-ready and
/// unreachable nodes for 300 s). Sources: `plugin/pkg/admission/serviceaccount/admission.go`,
/// `plugin/pkg/admission/priority/admission.go`, `plugin/pkg/admission/defaulttolerationseconds/admission.go`.
enum PodAdmissionPlugins {
    static let tokenMountPath = "/var/run/secrets/kubernetes.io/serviceaccount"

    static func apply(to pod: inout JSON, uid: String) {
        pod.updateStruct("spec") { spec in
            serviceAccount(&spec, suffix: volumeSuffix(from: uid))
            if (spec["priorityClassName"]?.stringValue ?? "").isEmpty {
                spec.defaultIfNil("priority", 0)
                spec.defaultIfNil("preemptionPolicy", "PreemptLowerPriority")
            }
            tolerations(&spec)
        }
    }

    private static func serviceAccount(_ spec: inout JSON, suffix: String) {
        if (spec["serviceAccountName"]?.stringValue ?? "").isEmpty {
            spec["serviceAccountName"] = "default"
            spec["serviceAccount"] = "default"
        }
        guard spec["automountServiceAccountToken"] != false else { return }
        let mountedAlready = (spec["containers"]?.arrayValue ?? []).contains { container in
            (container["volumeMounts"]?.arrayValue ?? []).contains { $0["mountPath"]?.stringValue == tokenMountPath }
        }
        guard !mountedAlready else { return }
        let name = "kube-api-access-" + suffix
        var volumes = spec["volumes"]?.arrayValue ?? []
        volumes.append(["name": .string(name), "projected": [
            "defaultMode": 420,
            "sources": [
                ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
                ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]]]],
                ["downwardAPI": ["items": [["path": "namespace", "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"]]]]],
            ],
        ]])
        spec["volumes"] = .array(volumes)
        for list in ["initContainers", "containers"] {
            spec.updateEach(list) { container in
                var mounts = container["volumeMounts"]?.arrayValue ?? []
                mounts.append(["name": .string(name), "readOnly": true, "mountPath": .string(tokenMountPath)])
                container["volumeMounts"] = .array(mounts)
            }
        }
    }

    private static func tolerations(_ spec: inout JSON) {
        var tolerations = spec["tolerations"]?.arrayValue ?? []
        for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
            let tolerated = tolerations.contains { toleration in
                let matchesKey = toleration["key"]?.stringValue == key || (toleration["key"]?.stringValue ?? "").isEmpty && toleration["operator"] == "Exists"
                let effect = toleration["effect"]?.stringValue ?? ""
                return matchesKey && (effect.isEmpty || effect == "NoExecute")
            }
            if !tolerated {
                tolerations.append(["key": .string(key), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300])
            }
        }
        spec["tolerations"] = .array(tolerations)
    }

    /// Five characters from the alphabet `utilrand.String` draws from, derived from the pod's uid
    /// so the same pod always gets the same volume name.
    static func volumeSuffix(from uid: String) -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in uid.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var suffix = ""
        for _ in 0..<5 {
            suffix.append(alphabet[Int(hash % UInt64(alphabet.count))])
            hash /= UInt64(alphabet.count)
        }
        return suffix
    }
}

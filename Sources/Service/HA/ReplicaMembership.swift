import Foundation
import Manifests
import Reconciler

/// This replica's identity Lease (`mooring-replica-<identity>` in `mooring-system`, label
/// `mooring.dev/replica`), renewed every retry period as kube-apiserver renews its instances'
/// identity Leases, and the census read with one LIST: which replicas renew, who holds each
/// environment's Lease, and what other replicas asked of this one.
///
/// Requests ride on the holder's identity Lease as `mooring.dev/reconcile-<environment>`
/// annotations written by server-side apply under their own field manager, so the holder's
/// renewals (field manager `mooring-replica`) never remove them.
public actor ReplicaMembership {
    public static let label = "mooring.dev/replica"
    public static let requestPrefix = "mooring.dev/reconcile-"

    public nonisolated let identity: String
    let cluster: any ClusterClient
    let durationSeconds: Int
    private var namespaceExists = false

    public init(identity: String, cluster: any ClusterClient, durationSeconds: Int) {
        self.identity = identity
        self.cluster = cluster
        self.durationSeconds = durationSeconds
    }

    /// `mooring-replica-<identity as a DNS label>`.
    public static func leaseName(of identity: String) -> String {
        let cleaned = String(identity.lowercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "-" })
        var name = String(("mooring-replica-" + cleaned).prefix(63))
        while name.hasSuffix("-") { name.removeLast() }
        return name
    }

    /// Renews this replica's identity Lease, then reads the census. `environmentLeases` maps
    /// each environment Lease's name to its environment.
    public func census(environmentLeases: [String: String], now: Date = Date()) async throws -> LeaseCensus {
        try await renew(now: now)
        let leases = try await cluster.list(.leaseV1, labelSelector: "\(Tracking.managedByLabel)=\(Tracking.managedByValue)")
        var census = LeaseCensus(replicas: [], holders: [:])
        for lease in leases where lease[path: ["metadata", "namespace"]]?.stringValue == History.namespace {
            let name = lease[path: ["metadata", "name"]]?.stringValue ?? ""
            let holder = lease[path: ["spec", "holderIdentity"]]?.stringValue ?? ""
            if lease[path: ["metadata", "labels", Self.label]] != nil {
                let renewed = lease[path: ["spec", "renewTime"]]?.stringValue.flatMap(MicroTime.parse)
                var requests: [String: String] = [:]
                for (key, value) in lease[path: ["metadata", "annotations"]]?.objectValue ?? [:] where key.hasPrefix(Self.requestPrefix) {
                    requests[String(key.dropFirst(Self.requestPrefix.count))] = value.stringValue
                }
                census.replicas.append(.init(identity: holder, age: renewed.map { now.timeIntervalSince($0) } ?? .infinity, requests: requests))
            } else if let environment = environmentLeases[name], !holder.isEmpty {
                census.holders[environment] = holder
            }
        }
        return census
    }

    /// The holder of a Lease in `mooring-system` as it is now (`nil`: nobody).
    public func holder(ofLease name: String) async throws -> String? {
        let lease = try await cluster.get(ObjectIdentity(type: .leaseV1, namespace: History.namespace, name: name))
        let holder = lease?[path: ["spec", "holderIdentity"]]?.stringValue ?? ""
        return holder.isEmpty ? nil : holder
    }

    /// Asks `holder` to reconcile `environment` now: a fresh mark on its identity Lease.
    public func ask(_ holder: String, environment: String, now: Date = Date()) async throws {
        let mark = "\(MicroTime.format(now)) \(identity)"
        let object: JSON = [
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": ["name": .string(Self.leaseName(of: holder)), "namespace": .string(History.namespace),
                         "annotations": .object(JSONObject([(Self.requestPrefix + environment, .string(mark))]))],
        ]
        _ = try await cluster.apply(object, fieldManager: "mooring-request", force: true, dryRun: false)
    }

    /// Deletes this replica's identity Lease (at shutdown), so the others' share grows at once.
    public func leave() async {
        let lease = ObjectIdentity(type: .leaseV1, namespace: History.namespace, name: Self.leaseName(of: identity))
        try? await cluster.delete(lease, propagation: .background)
    }

    private func renew(now: Date) async throws {
        if !namespaceExists {
            let namespace = ObjectIdentity(type: GroupVersionKind(group: "", version: "v1", kind: "Namespace"), namespace: nil, name: History.namespace)
            if try await cluster.get(namespace) == nil {
                let object: JSON = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(History.namespace)]]
                _ = try await cluster.apply(object, fieldManager: Tracking.fieldManager, force: true, dryRun: false)
            }
            namespaceExists = true
        }
        let labels = JSONObject([(Self.label, JSON.string("true")), (Tracking.managedByLabel, .string(Tracking.managedByValue))])
        let object: JSON = [
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": ["name": .string(Self.leaseName(of: identity)), "namespace": .string(History.namespace), "labels": .object(labels)],
            "spec": ["holderIdentity": .string(identity), "leaseDurationSeconds": .int(Int64(durationSeconds)),
                     "renewTime": .string(MicroTime.format(now))],
        ]
        _ = try await cluster.apply(object, fieldManager: "mooring-replica", force: true, dryRun: false)
    }
}

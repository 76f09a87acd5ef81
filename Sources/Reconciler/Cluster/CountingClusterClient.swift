import Foundation
import Manifests
import Synchronization

/// How many requests of each kind a reconcile sent: the benchmark's and the tests' proof that a
/// no-op reconcile LISTs once per type and PATCHes nothing.
public struct RequestCounts: Sendable, Equatable, CustomStringConvertible {
    public var lists = 0
    public var gets = 0
    /// Server-side applies that change the cluster (PATCH).
    public var applies = 0
    /// Server-side applies with `dryRun=All` (PATCH, changes nothing).
    public var dryRunApplies = 0
    public var deletes = 0
    /// Other writes: JSON patches (adoptions), creates and updates (Leases).
    public var otherWrites = 0

    public init() {}

    public var total: Int { lists + gets + applies + dryRunApplies + deletes + otherWrites }

    public var description: String {
        var text = "\(lists) LIST, \(gets) GET, \(applies) PATCH, \(dryRunApplies) dry-run PATCH, \(deletes) DELETE"
        if otherWrites > 0 { text += ", \(otherWrites) other write\(otherWrites == 1 ? "" : "s")" }
        return text
    }
}

/// A `ClusterClient` that counts the requests it passes on to another.
public final class CountingClusterClient: ClusterClient {
    public let base: any ClusterClient
    private let state = Mutex(RequestCounts())

    public init(_ base: any ClusterClient) { self.base = base }

    public var counts: RequestCounts { state.withLock { $0 } }
    public func reset() { state.withLock { $0 = RequestCounts() } }

    public func list(_ type: GroupVersionKind, labelSelector: String) async throws -> [JSON] {
        state.withLock { $0.lists += 1 }
        return try await base.list(type, labelSelector: labelSelector)
    }

    public func list(_ type: GroupVersionKind, namespace: String) async throws -> [JSON] {
        state.withLock { $0.lists += 1 }
        return try await base.list(type, namespace: namespace)
    }

    public func get(_ identity: ObjectIdentity) async throws -> JSON? {
        state.withLock { $0.gets += 1 }
        return try await base.get(identity)
    }

    public func apply(_ object: JSON, fieldManager: String, force: Bool, dryRun: Bool) async throws -> JSON {
        state.withLock { if dryRun { $0.dryRunApplies += 1 } else { $0.applies += 1 } }
        return try await base.apply(object, fieldManager: fieldManager, force: force, dryRun: dryRun)
    }

    public func patch(_ identity: ObjectIdentity, jsonPatch: JSON) async throws -> JSON {
        state.withLock { $0.otherWrites += 1 }
        return try await base.patch(identity, jsonPatch: jsonPatch)
    }

    public func create(_ object: JSON) async throws -> JSON {
        state.withLock { $0.otherWrites += 1 }
        return try await base.create(object)
    }

    public func replace(_ object: JSON) async throws -> JSON {
        state.withLock { $0.otherWrites += 1 }
        return try await base.replace(object)
    }

    public func delete(_ identity: ObjectIdentity, propagation: DeletionPropagation) async throws {
        state.withLock { $0.deletes += 1 }
        try await base.delete(identity, propagation: propagation)
    }

    public func waitUntilGone(_ identity: ObjectIdentity, timeout: Duration) async throws {
        try await base.waitUntilGone(identity, timeout: timeout)
    }

    public func isNamespaced(_ groupKind: GroupKind) async throws -> Bool? {
        try await base.isNamespaced(groupKind)
    }

    public func servedType(_ groupKind: GroupKind) async throws -> GroupVersionKind? {
        try await base.servedType(groupKind)
    }

    public func namespacedTypes() async throws -> [GroupVersionKind] {
        try await base.namespacedTypes()
    }
}

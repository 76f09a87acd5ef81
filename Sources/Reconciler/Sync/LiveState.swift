import Manifests

/// What exists in the cluster for an environment: its tracked objects (one LIST per resource
/// type) and the desired objects found by name that are not tracked yet.
public struct LiveState: Sendable {
    public var objects: [JSON]
    /// `false` when a LIST failed: the planner must not prune from a partial picture.
    public var complete: Bool
    /// The failed LISTs, with the API server's words.
    public var failures: [String]

    public init(objects: [JSON], complete: Bool = true, failures: [String] = []) {
        self.objects = objects
        self.complete = complete
        self.failures = failures
    }

    /// Live objects by identity.
    public var byIdentity: [ObjectIdentity: JSON] {
        var result: [ObjectIdentity: JSON] = [:]
        for object in objects {
            if let identity = ObjectIdentity(of: object) { result[identity] = object }
        }
        return result
    }
}

/// Reads an environment's `LiveState`.
public struct LiveStateReader: Sendable {
    public let cluster: any ClusterClient
    public var concurrency: Int

    /// Kinds listed on every reconcile besides the revision's own, so that a kind the revision no
    /// longer has at all (its last Ingress removed) is still found and pruned.
    public static let alwaysListed: [GroupKind] = KindOrder.ranked + [
        GroupKind(group: "networking.k8s.io", kind: "NetworkPolicy"),
    ]

    public init(cluster: any ClusterClient, concurrency: Int = 8) {
        self.cluster = cluster
        self.concurrency = concurrency
    }

    /// - Parameters:
    ///   - desired: the revision's prepared objects (tracking metadata, namespaces).
    ///   - early: the always-listed kinds' LISTs, started while the revision rendered.
    /// - Throws: when discovery fails or a GET of a desired object fails: the cluster cannot be
    ///   read, so nothing may be decided.
    public func read(environment: String, desired: [JSON], early: EarlyListing? = nil) async throws -> LiveState {
        let selector = Tracking.labelSelector(environment: environment)
        var kinds: [GroupKind] = []
        var seenKinds = Set<GroupKind>()
        for kind in desired.compactMap({ ObjectIdentity(of: $0)?.groupKind }) + Self.alwaysListed where seenKinds.insert(kind).inserted {
            kinds.append(kind)
        }
        var types: [GroupVersionKind] = []
        for kind in kinds {
            if let type = try await cluster.servedType(kind) { types.append(type) }
        }
        let listed = await list(types, labelSelector: selector, early: early)
        var state = LiveState(objects: [])
        for (type, result) in zip(types, listed) {
            switch result {
            // Hook instances are run by each operation, never diffed or pruned as desired state.
            case .success(let items): state.objects += items.filter { !HookPlanner.isHook($0) }
            case .failure(let error):
                state.complete = false
                state.failures.append((error as? ClusterError)?.description ?? "listing \(type.groupKind) failed: \(error)")
            }
        }

        let found = Set(state.objects.compactMap { ObjectIdentity(of: $0) })
        let servedTypes = Dictionary(types.map { ($0.groupKind, $0) }, uniquingKeysWith: { a, _ in a })
        let unlisted = desired.compactMap { ObjectIdentity(of: $0) }.filter { !found.contains($0) && servedTypes[$0.groupKind] != nil }
        state.objects += try await untracked(unlisted, types: servedTypes)
        return state
    }

    /// Desired objects not carrying the tracking labels (yet): GET one by one, or — when a kind
    /// has many, as on a first sync — one unfiltered LIST of the kind, so a thousand new objects
    /// cost a few requests rather than a thousand.
    private func untracked(_ identities: [ObjectIdentity], types: [GroupKind: GroupVersionKind]) async throws -> [JSON] {
        let cluster = self.cluster
        var byKind: [GroupKind: [ObjectIdentity]] = [:]
        for identity in identities { byKind[identity.groupKind, default: []].append(identity) }
        var objects: [JSON] = []
        var singles: [ObjectIdentity] = []
        for (kind, group) in byKind.sorted(by: { $0.key < $1.key }) {
            guard group.count >= Self.listThreshold, let type = types[kind] else { singles += group; continue }
            let wanted = Set(group)
            do {
                objects += try await cluster.list(type, labelSelector: "").filter { ObjectIdentity(of: $0).map(wanted.contains) ?? false }
            } catch {
                throw ReconcileError.clusterRead(object: "\(group.count) \(kind) objects", reason: "\(error)")
            }
        }
        let fetched = await BoundedConcurrency.map(singles, limit: concurrency) { identity -> Result<JSON?, any Error> in
            do { return .success(try await cluster.get(identity)) } catch { return .failure(error) }
        }
        for (identity, result) in zip(singles, fetched) {
            switch result {
            case .success(let object): if let object { objects.append(object) }
            case .failure(let error): throw ReconcileError.clusterRead(object: identity.description, reason: "\(error)")
            }
        }
        return objects
    }

    /// From how many untracked objects of one kind a LIST beats GETs.
    static let listThreshold = 16
}


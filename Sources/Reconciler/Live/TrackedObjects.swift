import Manifests

/// One resource type's tracked objects as a `ResourceInformer` holds them, indexed by the
/// environment label as client-go's indexers index a store: with a thousand environments on one
/// cluster, each reading its own objects of thirty types every pass, filtering every held
/// object of a type on each read would make a pass cost grow with the square of the
/// environments. A read for one environment costs what that environment holds.
struct TrackedObjects: Sendable {
    private(set) var byIdentity: [ObjectIdentity: JSON] = [:]
    /// The identities carrying each value of `Tracking.environmentLabel`.
    private var byEnvironment: [String: Set<ObjectIdentity>] = [:]

    init() {}

    init(_ items: [JSON]) {
        for item in items {
            if let identity = ObjectIdentity(of: item) { self[identity] = item }
        }
    }

    var count: Int { byIdentity.count }
    var all: [JSON] { Array(byIdentity.values) }

    /// The objects labelled for `environment`.
    func labelled(_ environment: String) -> [JSON] {
        byEnvironment[environment].map { $0.compactMap { byIdentity[$0] } } ?? []
    }

    subscript(identity: ObjectIdentity) -> JSON? {
        get { byIdentity[identity] }
        set {
            if let old = byIdentity[identity], let environment = Self.environment(of: old) {
                byEnvironment[environment]?.remove(identity)
                if byEnvironment[environment]?.isEmpty == true { byEnvironment[environment] = nil }
            }
            byIdentity[identity] = newValue
            if let newValue, let environment = Self.environment(of: newValue) {
                byEnvironment[environment, default: []].insert(identity)
            }
        }
    }

    /// Removes the object and returns what was held.
    mutating func remove(_ identity: ObjectIdentity) -> JSON? {
        let held = self[identity]
        self[identity] = nil
        return held
    }

    private static func environment(of object: JSON) -> String? {
        object[path: ["metadata", "labels", Tracking.environmentLabel]]?.stringValue
    }
}

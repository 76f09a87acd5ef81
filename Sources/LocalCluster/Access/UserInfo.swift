import Manifests

/// Who a request comes from, as the authenticator hands it to authorization and to the reviews
/// (`authentication.k8s.io/v1` UserInfo).
struct UserInfo: Sendable, Hashable {
    var username: String
    var uid: String = ""
    var groups: [String]
    var extra: [String: [String]] = [:]

    /// The cluster's one user, holder of its bearer token: a member of `system:masters`, so
    /// everything is allowed, as for kubeadm's admin.
    static let admin = UserInfo(username: "mooring-local", groups: ["system:masters", "system:authenticated"])

    static let anonymous = UserInfo(username: "system:anonymous", groups: ["system:unauthenticated"])

    /// `system:serviceaccount:<namespace>:<name>` with the service-account groups.
    static func serviceAccount(namespace: String, name: String, uid: String) -> UserInfo {
        UserInfo(username: "system:serviceaccount:\(namespace):\(name)", uid: uid,
                 groups: ["system:serviceaccounts", "system:serviceaccounts:\(namespace)", "system:authenticated"])
    }

    var isSuperuser: Bool { groups.contains("system:masters") }

    /// The service account a username names (`system:serviceaccount:ns:name`), if it does.
    var serviceAccount: (namespace: String, name: String)? {
        let parts = username.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == "system", parts[1] == "serviceaccount" else { return nil }
        return (parts[2], parts[3])
    }

    var json: JSON {
        var object: JSONObject = ["username": .string(username)]
        if !uid.isEmpty { object["uid"] = .string(uid) }
        object["groups"] = .array(groups.map(JSON.string))
        if !extra.isEmpty {
            object["extra"] = .object(JSONObject(extra.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value.map(JSON.string))) }))
        }
        return .object(object)
    }

    /// A user as a review's spec names it (`user`, `groups`, `uid`, `extra`).
    init(reviewSpec spec: JSON?) {
        username = spec?["user"]?.stringValue ?? ""
        uid = spec?["uid"]?.stringValue ?? ""
        groups = spec?["groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for (key, values) in spec?["extra"]?.objectValue ?? [:] {
            extra[key] = values.arrayValue?.compactMap(\.stringValue) ?? []
        }
    }

    init(username: String, uid: String = "", groups: [String], extra: [String: [String]] = [:]) {
        self.username = username
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }
}

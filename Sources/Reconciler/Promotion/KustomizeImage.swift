import Manifests

/// A container image reference split the way kustomize's `images:` transformer sees it:
/// `ghcr.io/org/app:4.2.16@sha256:…` is name `ghcr.io/org/app`, tag `4.2.16`, digest `sha256:…`.
/// A `:` before the last `/` is a registry port, not a tag.
struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    var name: String
    var tag: String?
    var digest: String?

    init(name: String, tag: String? = nil, digest: String? = nil) {
        self.name = name
        self.tag = tag
        self.digest = digest
    }

    init(parsing text: String) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest.lastIndex(of: ":"), colon > lastSlash {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        name = String(rest)
    }

    var description: String { name + (tag.map { ":" + $0 } ?? "") + (digest.map { "@" + $0 } ?? "") }
}

/// One entry of a kustomization's `images:`: every container image named `name` gets `newName`
/// (if set), `newTag` (if set) and `digest` (if set) — with both a tag and a digest kustomize
/// writes `name:tag@digest`.
struct KustomizeImage: Sendable, Hashable, CustomStringConvertible {
    var name: String
    var newName: String?
    var newTag: String?
    var digest: String?

    static let fields = ["newName", "newTag", "digest"]

    init(name: String, newName: String? = nil, newTag: String? = nil, digest: String? = nil) {
        self.name = name
        self.newName = newName
        self.newTag = newTag
        self.digest = digest
    }

    init?(_ value: JSON) {
        guard let name = value["name"]?.stringValue else { return nil }
        self.init(name: name, newName: value["newName"]?.stringValue, newTag: value["newTag"]?.stringValue,
                  digest: value["digest"]?.stringValue)
    }

    /// The entry that makes images named `name` render as `reference`, the way
    /// `kustomize edit set image name=newName:newTag` (or `@digest`) writes it: `newName` only
    /// when the name changes.
    init(name: String, rendering reference: ImageReference) {
        self.init(name: name, newName: reference.name == name ? nil : reference.name, newTag: reference.tag, digest: reference.digest)
    }

    func value(of field: String) -> String? {
        switch field {
        case "newName": newName
        case "newTag": newTag
        case "digest": digest
        default: nil
        }
    }

    /// Whether this entry can have produced `reference`: its name is the entry's result, and
    /// the tag and digest the entry sets are the reference's (those it leaves alone come from
    /// the base, whatever they are).
    func couldRender(_ reference: ImageReference) -> Bool {
        (newName ?? name) == reference.name
            && (newTag == nil || newTag == reference.tag)
            && (digest == nil || digest == reference.digest)
    }

    /// `name → newName:newTag@digest`
    var description: String {
        "\(name) → " + ImageReference(name: newName ?? name, tag: newTag, digest: digest).description
    }
}

import Manifests
import Synchronization

/// The seam where the Kubernetes schema tells the diff what a field is: how a list is keyed (so
/// containers match by name, not position) and whether a value is a resource quantity.
///
/// `path` holds object keys only (no indices), from the object's root, e.g.
/// `["spec", "template", "spec", "containers", "ports"]`.
public protocol FieldSemantics: Sendable {
    /// The list's merge type, or `nil` when unknown (the diff then treats it as atomic).
    func listType(of type: GroupVersionKind, at path: [String]) -> SchemaListType?
    /// The field's type, or `nil` when unknown.
    func fieldType(of type: GroupVersionKind, at path: [String]) -> SchemaFieldType?
    /// Defaults of a keyed list's key fields: a container port without `protocol` is the same
    /// element as one with `protocol: TCP`, as the API server keys it.
    func listKeyDefaults(of type: GroupVersionKind, at path: [String]) -> [String: JSON]
}

/// Field semantics read from `KubeSchema`: the bundled Kubernetes 1.32 schema, plus any CRDs
/// added to it with `KubeSchema.adding(customResourceDefinition:)`.
///
/// Each answer is worked out once per type and path and then remembered: a diff of a thousand
/// Deployments asks the same few questions a thousand times, and walking the schema from the
/// kind's root for each (a node built per step) was a tenth of a no-op pass.
public struct SchemaFieldSemantics: FieldSemantics {
    public var schema: KubeSchema {
        didSet { answers = SchemaAnswers() }
    }
    private var answers = SchemaAnswers()

    public init(schema: KubeSchema = .builtin) { self.schema = schema }

    public func listType(of type: GroupVersionKind, at path: [String]) -> SchemaListType? {
        answer(type, path).listType
    }

    public func fieldType(of type: GroupVersionKind, at path: [String]) -> SchemaFieldType? {
        answer(type, path).fieldType
    }

    public func listKeyDefaults(of type: GroupVersionKind, at path: [String]) -> [String: JSON] {
        answer(type, path).keyDefaults
    }

    private func answer(_ type: GroupVersionKind, _ path: [String]) -> SchemaAnswers.Answer {
        let key = SchemaAnswers.Key(type: type, path: path)
        if let known = answers.known(key) { return known }
        let node = schema.node(for: type, at: path)
        let answer = SchemaAnswers.Answer(listType: node?.listType, fieldType: node?.type, keyDefaults: Self.keyDefaults(of: node))
        answers.remember(answer, for: key)
        return answer
    }

    private static func keyDefaults(of list: SchemaNode?) -> [String: JSON] {
        guard let list, case .map(let keys)? = list.listType, let items = list.items else { return [:] }
        var defaults: [String: JSON] = [:]
        for key in keys {
            if let value = items.property(key)?.defaultValue ?? SchemaFieldSemantics.keyDefaults[items.definitionName ?? ""]?[key] {
                defaults[key] = value
            }
        }
        return defaults
    }

    /// Key defaults the API server applies (`+default="TCP"` in k8s.io/api) that the bundled
    /// schema does not spell out.
    static let keyDefaults: [String: [String: JSON]] = [
        "io.k8s.api.core.v1.ContainerPort": ["protocol": "TCP"],
        "io.k8s.api.core.v1.ServicePort": ["protocol": "TCP"],
        "io.k8s.api.core.v1.EndpointPort": ["protocol": "TCP"],
        "io.k8s.api.discovery.v1.EndpointPort": ["protocol": "TCP"],
    ]
}

/// The schema's answers for one `SchemaFieldSemantics`, shared by its copies (a diff's tasks).
final class SchemaAnswers: Sendable {
    struct Key: Hashable {
        var type: GroupVersionKind
        var path: [String]
    }

    struct Answer {
        var listType: SchemaListType?
        var fieldType: SchemaFieldType?
        var keyDefaults: [String: JSON]
    }

    private let answers = Mutex<[Key: Answer]>([:])

    func known(_ key: Key) -> Answer? { answers.withLock { $0[key] } }
    func remember(_ answer: Answer, for key: Key) { answers.withLock { $0[key] = answer } }
}

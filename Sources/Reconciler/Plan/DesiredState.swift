import Manifests

/// Turns rendered manifests into the objects mooring applies: tracking labels, the revision and
/// owner annotations added, and the environment's namespace given to namespaced objects that
/// name none.
public enum DesiredState {
    /// - Parameters:
    ///   - objects: rendered manifests, in file order.
    ///   - scopes: answers "is this kind namespaced"; CRDs among `objects` are consulted too.
    /// - Throws: `PlanError` for an unknown kind or an object without identity.
    public static func prepare(
        _ objects: [JSON], environment: String, revision: String, defaultNamespace: String,
        scopes: any ResourceScopes = SchemaResourceScopes.builtin,
        installation: String = MooringConfiguration.defaultInstallation
    ) throws -> [JSON] {
        let owner = Owner(installation: installation, environment: environment).annotationValue
        let allScopes = LayeredResourceScopes([DefinedResourceScopes(definitionsAmong: objects), scopes])
        return try objects.enumerated().map { index, object in
            guard let identity = ObjectIdentity(of: object) else { throw PlanError.unidentifiable(index: index) }
            guard let namespaced = allScopes.isNamespaced(identity.groupKind) else {
                throw PlanError.unknownKind(object: identity.description)
            }
            var prepared = object
            if namespaced {
                if identity.namespace == nil { prepared[path: ["metadata", "namespace"]] = .string(defaultNamespace) }
            } else if prepared[path: ["metadata", "namespace"]] != nil {
                // The API server ignores it; dropping it keeps the identity equal to the live one.
                prepared[path: ["metadata", "namespace"]] = nil
            }
            prepared[path: ["metadata", "labels", Tracking.managedByLabel]] = .string(Tracking.managedByValue)
            prepared[path: ["metadata", "labels", Tracking.environmentLabel]] = .string(environment)
            prepared[path: ["metadata", "annotations", Tracking.revisionAnnotation]] = .string(revision)
            prepared[path: ["metadata", "annotations", Tracking.ownerAnnotation]] = .string(owner)
            return prepared
        }
    }
}

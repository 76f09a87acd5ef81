/// The labels and annotations by which mooring finds, orders and protects the objects it owns.
/// Their names are a contract with users and scripts (see DESIGN.md).
public enum Tracking {
    /// Field manager of every server-side apply.
    public static let fieldManager = "mooring"
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByValue = "mooring"
    public static let environmentLabel = "mooring.dev/environment"
    /// The commit an object was last applied from.
    public static let revisionAnnotation = "mooring.dev/revision"
    /// `"false"` keeps an object when the revision no longer has it.
    public static let pruneAnnotation = "mooring.dev/prune"
    /// `"true"` lets mooring delete and recreate an object whose immutable fields changed.
    public static let forceAnnotation = "mooring.dev/force"
    public static let syncWaveAnnotation = "mooring.dev/sync-wave"
    /// `<installation>/<environment>`: the one environment of one configuration that owns the object.
    public static let ownerAnnotation = "mooring.dev/owner"
    /// `created` or `adopted`: how the object came under mooring's management.
    public static let originAnnotation = "mooring.dev/origin"
    /// `"true"` (in git or on the live object) lets an environment take over an existing object.
    public static let adoptAnnotation = "mooring.dev/adopt"
    /// What client-side `kubectl apply` leaves behind; dropped when an object is adopted.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"
    public static let argoSyncWaveAnnotation = "argocd.argoproj.io/sync-wave"

    /// The label selector that lists an environment's objects.
    public static func labelSelector(environment: String) -> String {
        "\(managedByLabel)=\(managedByValue),\(environmentLabel)=\(environment)"
    }
}

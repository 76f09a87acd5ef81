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
    public static let argoSyncWaveAnnotation = "argocd.argoproj.io/sync-wave"

    /// The label selector that lists an environment's objects.
    public static func labelSelector(environment: String) -> String {
        "\(managedByLabel)=\(managedByValue),\(environmentLabel)=\(environment)"
    }
}

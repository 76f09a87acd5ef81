/// The environments a revision changes: those whose folder's tree at the revision differs from
/// the tree at their own ref (a folder that appears or disappears counts as a change): what
/// `mooring diff --all --revision REF` previews for a pull request's head.
public enum TouchedEnvironments {
    public static func find(_ environments: [EnvironmentConfiguration], revision: String,
                            source: any ConfigSource) async throws -> [EnvironmentConfiguration] {
        var touched: [EnvironmentConfiguration] = []
        for environment in environments {
            let current: RevisionFacts
            let proposed: RevisionFacts
            do {
                current = try await source.describe(revision: try await source.resolve(environment.ref), path: environment.path)
                proposed = try await source.describe(revision: revision, path: environment.path)
            } catch {
                throw ReconcileError.source("cannot compare \(environment.name)'s \(environment.path) with \(revision): \(error)")
            }
            if current.pathTree != proposed.pathTree { touched.append(environment) }
        }
        return touched
    }
}

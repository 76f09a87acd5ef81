import Manifests

/// Why an environment could not be rendered with kustomize. Each is one line naming the
/// kustomization file (and line) or the symlink at fault; nothing of the revision is applied.
public enum KustomizeError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A URL or git reference, refused before kustomize runs.
    case remoteReference(SourceLocation, field: String, reference: String)
    /// A path that climbs out of the repository or is absolute.
    case outsideRepository(SourceLocation, field: String, reference: String)
    /// A path with nothing at this revision.
    case missingReference(SourceLocation, field: String, reference: String)
    /// A symlink (named by its repository path) whose target lies outside the repository.
    case symlinkEscapes(link: String, target: String)
    case symlinkLoop(link: String)
    /// A Helm chart (`helmCharts`): kustomize would need the helm binary and the network.
    case helmChart(SourceLocation)
    /// `render: kustomize` on a folder without a kustomization file.
    case noKustomization(folder: String)
    /// The environment's folder does not exist at the revision.
    case folderNotFound(folder: String)
    /// A kustomization file that is not valid YAML.
    case unreadableKustomization(YAMLError)
    /// Neither the configured binary, nor kustomize, nor kubectl could be found.
    case binaryNotFound(String)
    /// kustomize ran and failed; `message` is kustomize's own, with the temporary folder removed from paths.
    case buildFailed(kustomization: String, message: String)
    case timedOut(kustomization: String, after: Duration)
    case outputTooLarge(kustomization: String, limit: Int)

    public var description: String {
        switch self {
        case .remoteReference(let location, let field, let reference):
            return "\(location): \(field) names \(reference), a remote reference; Mooring renders only what the config repository holds and fetches nothing (vendor it into the repository)"
        case .outsideRepository(let location, let field, let reference):
            return "\(location): \(field) names \(reference), which is outside the repository; kustomize may load only the repository's files"
        case .missingReference(let location, let field, let reference):
            return "\(location): \(field) names \(reference), which does not exist at this revision"
        case .symlinkEscapes(let link, let target):
            return "\(link) is a symlink to \(target), outside the repository; kustomize may not read it"
        case .symlinkLoop(let link):
            return "\(link): too many levels of symlinks"
        case .helmChart(let location):
            return "\(location): Helm charts are not rendered (no helm binary and no network); render the chart into the repository with helm template and list the output under resources"
        case .noKustomization(let folder):
            return "\(folder) has no kustomization file (\(KustomizationFile.names.joined(separator: ", "))), but its environment says render: kustomize"
        case .folderNotFound(let folder):
            return "\(folder) does not exist at this revision"
        case .unreadableKustomization(let error):
            return "\(error)"
        case .binaryNotFound(let message):
            return message
        case .buildFailed(let kustomization, let message):
            return "\(kustomization): kustomize build failed: \(message)"
        case .timedOut(let kustomization, let after):
            return "\(kustomization): kustomize build did not finish within \(after.components.seconds) s and was stopped"
        case .outputTooLarge(let kustomization, let limit):
            return "\(kustomization): kustomize build wrote more than \(limit >> 20) MiB and was stopped"
        }
    }
}

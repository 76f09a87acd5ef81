import Manifests
import Reconciler

/// What a signed request asks for, once read: a push of `ref` to a repository, or nothing.
public enum WebhookEvent: Sendable, Equatable {
    case push(PushEvent)
    /// GitHub's `ping` when a hook is created.
    case ping
    /// Another event (issues, pull requests, …), named: accepted and ignored.
    case other(String)
}

/// A push as every provider describes it: where, which ref, and the new commit.
public struct PushEvent: Sendable, Equatable {
    /// Every URL the payload gives for the repository (clone, SSH, web), to match the configured one.
    public var repositoryURLs: [String]
    /// `org/repo` (GitHub, Gitea: `full_name`; GitLab: `path_with_namespace`).
    public var repositoryPath: String?
    /// `refs/heads/main` or `refs/tags/v1.2`.
    public var ref: String
    /// The commit the ref points at after the push.
    public var after: String?
    /// The repository's default branch, when the payload says it (for environments without `ref`).
    public var defaultBranch: String?

    public init(repositoryURLs: [String], repositoryPath: String? = nil, ref: String, after: String? = nil, defaultBranch: String? = nil) {
        self.repositoryURLs = repositoryURLs
        self.repositoryPath = repositoryPath
        self.ref = ref
        self.after = after
        self.defaultBranch = defaultBranch
    }
}

/// A signed body that is not a readable event of its provider.
struct WebhookPayloadError: Error, CustomStringConvertible {
    var description: String
}

/// Reads each provider's documented push payload.
///
/// - GitHub (`X-GitHub-Event: push`): `ref`, `after`, `repository.{clone_url, ssh_url, git_url,
///   html_url, full_name, default_branch}`.
/// - Gitea (`X-Gitea-Event: push`): the same shape as GitHub's.
/// - GitLab (`X-Gitlab-Event: Push Hook` / `Tag Push Hook`): `object_kind` `push`/`tag_push`,
///   `ref`, `after`, `project.{git_http_url, git_ssh_url, web_url, path_with_namespace,
///   default_branch}`.
/// - generic (Mooring's own, documented in the README): `{"ref": "refs/heads/main",
///   "repository": "<url>", "after": "<commit>"}`; `repository` may be left out to mean the
///   configured one.
enum PushEventParser {
    static func parse(_ provider: WebhookProvider, event: String?, body: [UInt8]) throws -> WebhookEvent {
        switch provider {
        case .github, .gitea:
            switch event ?? "" {
            case "ping": return .ping
            case "push": return .push(try githubStyle(body))
            case let other: return .other(other.isEmpty ? "(no event header)" : other)
            }
        case .gitlab:
            switch event ?? "" {
            case "Push Hook", "Tag Push Hook": return .push(try gitlab(body))
            case let other: return .other(other.isEmpty ? "(no event header)" : other)
            }
        case .generic:
            return .push(try generic(body))
        }
    }

    private static func document(_ body: [UInt8]) throws -> JSON {
        do {
            let json = try JSON(parsing: body)
            guard json.objectValue != nil else { throw WebhookPayloadError(description: "the body is not a JSON object") }
            return json
        } catch let error as WebhookPayloadError {
            throw error
        } catch {
            throw WebhookPayloadError(description: "the body is not JSON: \(error)")
        }
    }

    private static func ref(_ json: JSON) throws -> String {
        guard let ref = json["ref"]?.stringValue, ref.hasPrefix("refs/") else {
            throw WebhookPayloadError(description: "the push names no ref (\"ref\": \"refs/heads/…\")")
        }
        return ref
    }

    private static func githubStyle(_ body: [UInt8]) throws -> PushEvent {
        let json = try document(body)
        let repository = json["repository"]
        let urls = ["clone_url", "ssh_url", "git_url", "html_url"].compactMap { repository?[$0]?.stringValue }
        return PushEvent(repositoryURLs: urls, repositoryPath: repository?["full_name"]?.stringValue, ref: try ref(json),
                         after: json["after"]?.stringValue, defaultBranch: repository?["default_branch"]?.stringValue)
    }

    private static func gitlab(_ body: [UInt8]) throws -> PushEvent {
        let json = try document(body)
        let project = json["project"]
        var urls = ["git_http_url", "git_ssh_url", "web_url"].compactMap { project?[$0]?.stringValue }
        urls += ["git_http_url", "git_ssh_url", "url", "homepage"].compactMap { json["repository"]?[$0]?.stringValue }
        return PushEvent(repositoryURLs: urls, repositoryPath: project?["path_with_namespace"]?.stringValue, ref: try ref(json),
                         after: json["after"]?.stringValue ?? json["checkout_sha"]?.stringValue,
                         defaultBranch: project?["default_branch"]?.stringValue)
    }

    private static func generic(_ body: [UInt8]) throws -> PushEvent {
        let json = try document(body)
        return PushEvent(repositoryURLs: json["repository"]?.stringValue.map { [$0] } ?? [], ref: try ref(json),
                         after: json["after"]?.stringValue)
    }
}

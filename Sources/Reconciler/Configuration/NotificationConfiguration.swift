/// `notifications` in `mooring.yaml`: where to tell people what happened to an environment.
///
/// ```yaml
/// notifications:
///   - name: team-chat
///     type: slack                      # slack | discord | teams | webhook | github-status | gitlab-status
///     urlEnv: SLACK_WEBHOOK_URL        # or urlFile: /var/run/secrets/slack-url
///     events: [sync-failed, auto-rollback, drift-detected]   # default: failures and rollbacks
///     environments: [master]           # default: every environment
///     template: "{{environment}}: {{summary}}"   # optional Mustache override of the text
///   - name: forge
///     type: github-status
///     repository: acme/config          # default: from repository.url when it is on github.com
///     tokenEnv: GITHUB_TOKEN
///     apiURL: https://github.example.com/api/v3   # GitHub Enterprise; default https://api.github.com
/// links:
///   commit: https://github.com/acme/config/commit/{{revision}}
///   dashboard: https://mooring.example.com/environments/{{environment}}
/// ```
///
/// The file names where secrets are (variables, files), never holds them: they are read when
/// notifications are sent, so commands that send none do not need them.
public struct NotificationTarget: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case slack, discord, teams, webhook
        case githubStatus = "github-status"
        case gitlabStatus = "gitlab-status"

        /// Commit statuses go to a forge's API with a token, not to a webhook URL.
        public var isCommitStatus: Bool { self == .githubStatus || self == .gitlabStatus }
    }

    /// Where a secret value comes from.
    public enum SecretSource: Sendable, Equatable {
        case environment(String)
        case file(String)
    }

    public var name: String
    public var kind: Kind
    /// The webhook URL (chat and `webhook` types); `nil` for commit statuses.
    public var url: SecretSource?
    /// The API token (commit statuses).
    public var token: SecretSource?
    /// The key the `webhook` type signs its body with (`X-Mooring-Signature-256`).
    public var signingSecret: SecretSource?
    /// The forge's API base URL; `nil` for the public service.
    public var apiURL: String?
    /// `owner/repo` (GitHub) or the project's id or path (GitLab).
    public var repository: String?
    /// The events sent; the default is failures and rollbacks.
    public var events: Set<NotificationEventKind>
    /// Only these environments; `nil` for all.
    public var environments: Set<String>?
    /// A Mustache template for the message text (see `NotificationTemplate`).
    public var template: ConfiguredTemplate?

    public init(name: String, kind: Kind, url: SecretSource? = nil, token: SecretSource? = nil,
                signingSecret: SecretSource? = nil, apiURL: String? = nil, repository: String? = nil,
                events: Set<NotificationEventKind> = NotificationEventKind.defaultSelection,
                environments: Set<String>? = nil, template: ConfiguredTemplate? = nil) {
        self.name = name
        self.kind = kind
        self.url = url
        self.token = token
        self.signingSecret = signingSecret
        self.apiURL = apiURL
        self.repository = repository
        self.events = events
        self.environments = environments
        self.template = template
    }

    /// Whether this target wants `event` about `environment`.
    public func wants(_ event: NotificationEventKind, environment: String) -> Bool {
        events.contains(event) && (environments?.contains(environment) ?? true)
    }
}

/// A Mustache template as written in the configuration, with where it was written so that a
/// template that does not compile is reported at its line like any other problem.
public struct ConfiguredTemplate: Sendable, Equatable {
    public var text: String
    public var file: String
    public var line: Int?

    public init(text: String, file: String, line: Int?) {
        self.text = text
        self.file = file
        self.line = line
    }
}

/// `links`: Mustache templates of URLs that messages link to.
public struct NotificationLinks: Sendable, Equatable {
    public static let keys = ["commit", "dashboard"]

    /// The commit in the forge's web view.
    public var commit: ConfiguredTemplate?
    /// The environment in a dashboard.
    public var dashboard: ConfiguredTemplate?

    public init(commit: ConfiguredTemplate? = nil, dashboard: ConfiguredTemplate? = nil) {
        self.commit = commit
        self.dashboard = dashboard
    }
}

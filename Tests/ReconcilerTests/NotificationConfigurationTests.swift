import Manifests
import Testing
@testable import Reconciler

/// `notifications` and `links` in `mooring.yaml`, read through the YAML loader: every key, the
/// defaults per type, and every mistake a problem with its line and, for typos, "did you mean".
@Suite struct NotificationConfigurationTests {
    static let head = """
        repository:
          url: https://github.com/acme/config.git
        environments:
          develop: {}
          master: {prune: true}

        """

    func problems(_ text: String) -> [String] {
        do {
            _ = try MooringConfiguration(yaml: Self.head + text)
            return []
        } catch let error as ConfigurationError {
            return error.problems.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func everyTypeWithItsKeys() throws {
        let configuration = try MooringConfiguration(yaml: Self.head + """
            notifications:
              - name: chat
                type: slack
                urlEnv: SLACK_URL
                events: [sync-failed, auto-rollback, sync-succeeded]
                environments: [master]
                template: "{{environment}}: {{summary}}"
              - {name: gaming, type: discord, urlFile: /run/secrets/discord}
              - {name: office, type: teams, urlEnv: TEAMS_URL}
              - {name: hook, type: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_SECRET}
              - {name: github, type: github-status, tokenEnv: GITHUB_TOKEN}
              - {name: gitlab, type: gitlab-status, tokenFile: /run/secrets/gitlab, repository: "42", apiURL: "https://gitlab.example.com/api/v4"}
            links:
              commit: https://github.com/acme/config/commit/{{revision}}
              dashboard: https://mooring.example.com/{{environment}}
            """)
        let targets = configuration.notifications
        #expect(targets.map(\.name) == ["chat", "gaming", "office", "hook", "github", "gitlab"])
        #expect(targets.map(\.kind) == [.slack, .discord, .teams, .webhook, .githubStatus, .gitlabStatus])
        #expect(targets[0].url == .environment("SLACK_URL"))
        #expect(targets[0].events == [.syncFailed, .autoRollback, .syncSucceeded])
        #expect(targets[0].environments == ["master"])
        #expect(targets[0].template == ConfiguredTemplate(text: "{{environment}}: {{summary}}", file: "mooring.yaml", line: 12))
        #expect(targets[0].wants(.syncFailed, environment: "master") && !targets[0].wants(.syncFailed, environment: "develop"))
        #expect(!targets[0].wants(.driftDetected, environment: "master"))
        #expect(targets[1].url == .file("/run/secrets/discord"))
        #expect(targets[1].events == NotificationEventKind.defaultSelection, "failures and rollbacks by default")
        #expect(targets[3].signingSecret == .environment("HOOK_SECRET"))
        #expect(targets[4].repository == "acme/config", "told from repository.url on github.com")
        #expect(targets[4].token == .environment("GITHUB_TOKEN") && targets[4].apiURL == nil)
        #expect(targets[4].events == NotificationEventKind.commitStatusSelection, "statuses need successes too")
        #expect(targets[5].repository == "42" && targets[5].apiURL == "https://gitlab.example.com/api/v4")
        #expect(configuration.links.commit?.text == "https://github.com/acme/config/commit/{{revision}}")
        #expect(configuration.links.dashboard?.line == 20)
    }

    @Test func withoutNotificationsNothingIsSent() throws {
        let configuration = try MooringConfiguration(yaml: Self.head)
        #expect(configuration.notifications.isEmpty)
        #expect(configuration.links == NotificationLinks())
    }

    @Test func typosAreProblemsWithLinesAndSuggestions() {
        let found = problems("""
            notifications:
              - name: chat
                type: slak
                urlEnv: SLACK_URL
              - name: hook
                type: webhook
                urlEnvv: HOOK_URL
                events: [sync-faild, deployed]
                environments: [mastr]
            links:
              comit: https://example.com/{{revision}}
            """)
        #expect(found == [
            #"mooring.yaml:8: unknown type "slak" in notification "chat" (did you mean "slack"?)"#,
            #"mooring.yaml:12: unknown key "urlEnvv" in notification "hook" (did you mean "urlEnv"?)"#,
            #"mooring.yaml:10: webhook needs urlEnv or urlFile (the webhook URL) in notification "hook""#,
            #"mooring.yaml:13: unknown event "sync-faild" in notification "hook" (did you mean "sync-failed"?)"#,
            #"mooring.yaml:13: unknown event "deployed" in notification "hook": one of sync-succeeded, sync-failed, health-degraded, health-recovered, rollback, auto-rollback, drift-detected, self-healed, prune-blocked, conflict, interrupted"#,
            #"mooring.yaml:14: unknown environment "mastr" in notification "hook" (did you mean "master"?)"#,
            #"mooring.yaml:16: unknown key "comit" in links (did you mean "commit"?)"#,
        ], "\(found)")
    }

    @Test func eachTypeGetsWhatItNeedsAndNothingElse() {
        let found = problems("""
            notifications:
              - {name: chat, type: slack, urlEnv: A, urlFile: /b}
              - {name: chat, type: discord, urlEnv: A, tokenEnv: T, secretEnv: S}
              - {name: forge, type: github-status, urlEnv: A}
              - {name: lab, type: gitlab-status, tokenEnv: T, apiURL: gitlab.example.com}
              - {type: teams, urlEnv: A}
            """)
        #expect(found == [
            #"mooring.yaml:7: in notification "chat" has both urlEnv and urlFile: keep one"#,
            #"mooring.yaml:7: slack needs urlEnv or urlFile (the webhook URL) in notification "chat""#,
            #"mooring.yaml:8: two notifications are named "chat": names must be unique"#,
            #"mooring.yaml:8: tokenEnv is for github-status and gitlab-status, not discord, in notification "chat""#,
            #"mooring.yaml:8: secretEnv signs webhook bodies: only type webhook takes it, in notification "chat""#,
            #"mooring.yaml:9: github-status sends to the forge's API: use tokenEnv (and apiURL), not a URL, in notification "forge""#,
            #"mooring.yaml:9: github-status needs tokenEnv or tokenFile (an API token) in notification "forge""#,
            #"mooring.yaml:10: gitlab-status needs repository: the project's id or path (group/project) in notification "lab" (it cannot be told from repository.url)"#,
            #"mooring.yaml:10: apiURL in notification "lab" must be an http(s) URL, not "gitlab.example.com""#,
            #"mooring.yaml:11: notification 5 needs a name"#,
        ], "\(found)")
    }

    @Test func forgeRepositoriesFromTheConfigRepositoryURL() {
        #expect(ForgeRepository.derive(kind: .githubStatus, fromRepositoryURL: "git@github.com:acme/config.git") == "acme/config")
        #expect(ForgeRepository.derive(kind: .githubStatus, fromRepositoryURL: "ssh://git@github.com/acme/config") == "acme/config")
        #expect(ForgeRepository.derive(kind: .githubStatus, fromRepositoryURL: "https://github.example.com/acme/config") == nil)
        #expect(ForgeRepository.derive(kind: .gitlabStatus, fromRepositoryURL: "https://gitlab.com/group/sub/config.git") == "group/sub/config")
        #expect(ForgeRepository.derive(kind: .gitlabStatus, fromRepositoryURL: "https://github.com/acme/config") == nil)
    }
}

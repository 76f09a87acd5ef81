import Foundation
import Manifests
import Mustache
import Reconciler

/// A user's Mustache template over the event model (swift-mustache): `{{environment}}`,
/// `{{revision}}`, `{{shortRevision}}`, `{{previousRevision}}`, `{{event}}`, `{{title}}`,
/// `{{summary}}`, `{{author}}`, `{{subject}}`, `{{operation}}`, `{{health}}`, `{{tone}}`,
/// `{{#failure}}…{{/failure}}`, `{{#counts}}{{created}} {{configured}} {{pruned}} {{failed}} {{outOfSync}}{{/counts}}`,
/// `{{#failing}}{{object}}: {{status}} {{message}}{{/failing}}`, `{{#details}}{{.}}{{/details}}`,
/// `{{rolledBackFrom}}`, `{{rolledBackTo}}`, `{{#links}}{{commit}} {{dashboard}}{{/links}}`, `{{time}}`.
///
/// Values are escaped for where the text goes (`Escaping`), never for HTML by surprise.
public struct NotificationTemplate: Sendable {
    /// How substituted values are escaped.
    public enum Escaping: String, Sendable {
        /// As they are (Discord, Teams, commit statuses, URLs in `links`).
        case none = "TEXT"
        /// Slack's mrkdwn: `&`, `<` and `>` as entities (Slack's "escaping text" rule).
        case slack = "MOORING_SLACK"
        /// Inside a JSON string (the webhook's own body): quotes, backslashes and control characters.
        case json = "MOORING_JSON"
    }

    private let template: MustacheTemplate

    /// - Throws: `NotificationTemplateError` with the template's line and column.
    public init(_ text: String, escaping: Escaping) throws {
        Self.registerEscapings
        // The pragma sits on the template's first line, so parser lines stay the user's lines.
        do {
            template = try MustacheTemplate(string: "{{% CONTENT_TYPE: \(escaping.rawValue)}}" + text)
        } catch let error as MustacheTemplate.ParserError {
            throw NotificationTemplateError(line: error.context.lineNumber, column: error.context.columnNumber,
                                            reason: "\(error.error)")
        }
    }

    public func render(_ event: NotificationEvent) -> String { template.render(event.templateContext) }

    func render(context: [String: Any]) -> String { template.render(context) }

    private static let registerEscapings: Void = {
        MustacheContentTypes.register(SlackEscaping(), named: Escaping.slack.rawValue)
        MustacheContentTypes.register(JSONStringEscaping(), named: Escaping.json.rawValue)
    }()
}

/// A template that does not parse: where, and why.
public struct NotificationTemplateError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var reason: String
    public var description: String { "line \(line), column \(column): \(reason)" }
}

struct SlackEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { SlackText.escape(text) }
}

struct JSONStringEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
        let quoted = JSON.string(text).serialized()
        return String(quoted.dropFirst().dropLast())
    }
}

/// The `links:` templates, compiled: URLs for an event.
public struct LinkTemplates: Sendable {
    var commit: NotificationTemplate?
    var dashboard: NotificationTemplate?

    public init(commit: NotificationTemplate? = nil, dashboard: NotificationTemplate? = nil) {
        self.commit = commit
        self.dashboard = dashboard
    }

    /// The links for a revision of an environment; their templates see `{{environment}}`,
    /// `{{revision}}` and `{{shortRevision}}`.
    func render(environment: String, revision: String) -> NotificationEvent.Links {
        let context: [String: Any] = ["environment": environment, "revision": revision, "shortRevision": String(revision.prefix(7))]
        func url(_ template: NotificationTemplate?) -> String? {
            template?.render(context: context).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return NotificationEvent.Links(commit: url(commit), dashboard: url(dashboard))
    }
}

extension NotificationEvent {
    /// The model templates see (see `NotificationTemplate`).
    var templateContext: [String: Any] {
        var context: [String: Any] = [
            "event": kind.rawValue, "environment": environment, "revision": revision, "shortRevision": shortRevision,
            "title": title, "summary": summary, "health": health.rawValue, "tone": tone.rawValue,
            "failure": tone == .failure, "success": tone == .success,
            "counts": ["created": counts.created, "configured": counts.configured, "pruned": counts.pruned,
                       "failed": counts.failed, "outOfSync": counts.outOfSync],
            "failing": failing.map { ["object": $0.object, "status": $0.status, "message": $0.message] },
            "details": details, "time": time.formatted(.iso8601),
        ]
        if let previousRevision {
            context["previousRevision"] = previousRevision
            context["shortPreviousRevision"] = String(previousRevision.prefix(7))
        }
        if let author = commit?.author { context["author"] = author }
        if let subject = commit?.summary { context["subject"] = subject }
        if let operation { context["operation"] = operation.rawValue }
        if let rolledBackFrom { context["rolledBackFrom"] = rolledBackFrom }
        if let rolledBackTo { context["rolledBackTo"] = rolledBackTo }
        var links: [String: Any] = [:]
        if let commit = self.links.commit { links["commit"] = commit }
        if let dashboard = self.links.dashboard { links["dashboard"] = dashboard }
        if !links.isEmpty { context["links"] = links }
        return context
    }
}

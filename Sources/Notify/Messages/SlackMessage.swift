import Manifests

/// A Slack incoming-webhook message: a `header` block with the title, then an attachment in the
/// event's colour holding a `section` (the summary and failing objects, mrkdwn), a `section` of
/// `fields` and a `context` line; `text` is the notification fallback.
///
/// Slack's documented Block Kit limits (api.slack.com/reference/block-kit/blocks): a header's
/// plain_text at most 150 characters; a section's text at most 3000; at most 10 fields of at most
/// 2000 each; a context at most 10 elements; 50 blocks a message. The top-level `text` is
/// truncated by Slack past 40,000 characters and best kept under 4000 (chat.postMessage docs).
/// Colour is the legacy attachment's `color` (api.slack.com/reference/messaging/attachments),
/// the only way Block Kit messages get a side bar. Text is escaped as Slack asks: `&`, `<`, `>`.
enum SlackMessage {
    static let headerLimit = 150
    static let sectionLimit = 3000
    static let fieldLimit = 2000
    static let fieldCount = 10
    static let fallbackLimit = 4000

    static func payload(for event: NotificationEvent, body template: NotificationTemplate?) -> JSON {
        let body = template?.render(event) ?? defaultBody(event)
        var blocks: [JSON] = [
            ["type": "section", "text": ["type": "mrkdwn", "text": .string(MessageText.truncate(body, to: sectionLimit))]],
        ]
        let fields = MessageFacts.facts(of: event).prefix(fieldCount).map { fact -> JSON in
            let value = fact.url.map { "<\($0)|\(SlackText.escape(fact.value))>" } ?? SlackText.escape(fact.value)
            return ["type": "mrkdwn", "text": .string(MessageText.truncate("*\(SlackText.escape(fact.name))*\n\(value)", to: fieldLimit))]
        }
        blocks.append(["type": "section", "fields": .array(Array(fields))])
        blocks.append(["type": "context", "elements": [["type": "mrkdwn", "text": .string(MessageText.truncate(context(event), to: sectionLimit))]]])
        return [
            "text": .string(MessageText.truncate(SlackText.escape("\(event.title): \(event.summary)"), to: fallbackLimit)),
            "blocks": [["type": "header", "text": ["type": "plain_text", "text": .string(MessageText.truncate(event.title, to: headerLimit)), "emoji": true]]],
            "attachments": [["color": .string(event.tone.hex), "blocks": .array(blocks)]],
        ]
    }

    /// The summary, then the failing objects as a list and what else the reader must know.
    static func defaultBody(_ event: NotificationEvent) -> String {
        var lines = [SlackText.escape(event.summary)]
        let failing = event.failing.map { "• `\(SlackText.escape($0.object))` \($0.status): \(SlackText.escape($0.message))" }
        lines += MessageText.lines(failing, limit: 10)
        lines += event.details.filter { $0 != event.summary }.prefix(5).map { "_\(SlackText.escape($0))_" }
        return lines.joined(separator: "\n")
    }

    /// `mooring · sync · "Ship 4.2.17" · <dashboard|Dashboard>`
    static func context(_ event: NotificationEvent) -> String {
        var parts = ["mooring", event.kind.rawValue]
        if let subject = event.commit?.summary { parts.append("“\(SlackText.escape(subject))”") }
        if let dashboard = event.links.dashboard { parts.append("<\(dashboard)|Dashboard>") }
        return parts.joined(separator: " · ")
    }
}

enum SlackText {
    /// Slack's three control characters as entities (api.slack.com "Formatting text": escaping).
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

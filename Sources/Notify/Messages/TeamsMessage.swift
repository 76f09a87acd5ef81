import Manifests

/// A Microsoft Teams message: an Adaptive Card in a `message` activity, as Teams' incoming
/// webhooks and Workflows take it (learn.microsoft.com, "Send Adaptive Cards using an Incoming
/// Webhook"): `{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
/// "contentUrl":null,"content":{AdaptiveCard}}]}`. The card (schema adaptivecards.io, version
/// 1.4) has a coloured Container (`good`, `attention`, `warning`) with the title, the text, a
/// FactSet and a subtle context line, and `Action.OpenUrl` buttons for the links.
///
/// Teams refuses messages over about 28 KB and counts them in UTF-16 (HTTP 413), so the text
/// is cut to keep the whole card under `byteBudget` UTF-8 bytes.
enum TeamsMessage {
    static let byteBudget = 12_000

    static func payload(for event: NotificationEvent, body template: NotificationTemplate?) -> JSON {
        let text = template?.render(event) ?? defaultBody(event)
        var card = card(event, text: text)
        let overflow = card.serialized().utf8.count - byteBudget
        if overflow > 0 {
            card = Self.card(event, text: MessageText.truncate(text, to: max(200, text.utf16.count - overflow)))
        }
        return ["type": "message", "attachments": [[
            "contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": .null, "content": card,
        ]]]
    }

    static func card(_ event: NotificationEvent, text: String) -> JSON {
        let style: String = switch event.tone {
        case .success: "good"
        case .failure: "attention"
        case .warning: "warning"
        }
        let facts = MessageFacts.facts(of: event).map { JSON.object(["title": .string($0.name), "value": .string($0.value)]) }
        var card: JSON = [
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": "1.4",
            "msteams": ["width": "Full"],
            "body": [
                ["type": "Container", "style": .string(style), "bleed": true, "items": [
                    ["type": "TextBlock", "text": .string(event.title), "weight": "Bolder", "size": "Medium", "wrap": true],
                ]],
                ["type": "TextBlock", "text": .string(text), "wrap": true],
                ["type": "FactSet", "facts": .array(facts)],
                ["type": "TextBlock", "text": .string(DiscordMessage.footerText(event)), "isSubtle": true, "size": "Small", "wrap": true],
            ],
        ]
        var actions: [JSON] = []
        if let commit = event.links.commit { actions.append(["type": "Action.OpenUrl", "title": "Commit", "url": .string(commit)]) }
        if let dashboard = event.links.dashboard { actions.append(["type": "Action.OpenUrl", "title": "Dashboard", "url": .string(dashboard)]) }
        if !actions.isEmpty { card["actions"] = .array(actions) }
        return card
    }

    static func defaultBody(_ event: NotificationEvent) -> String {
        var lines = [event.summary]
        lines += MessageText.lines(event.failing.map { "- \($0.object) \($0.status): \($0.message)" }, limit: 10)
        lines += event.details.filter { $0 != event.summary }.prefix(5)
        // Adaptive Cards' TextBlock takes a Markdown subset: a blank line keeps the list apart.
        return lines.joined(separator: "\n\n")
    }
}

import Foundation
import Manifests

/// A Discord webhook message (Execute Webhook): one embed with the title, the summary as its
/// description, the facts as inline fields, the colour, a footer and a timestamp; no mentions.
///
/// Discord's documented embed limits (discord.com/developers/docs/resources/message, "Embed
/// Limits"): title 256 characters, description 4096, at most 25 fields, a field's name 256 and
/// value 1024, footer text 2048, author name 256, and 6000 characters in all of them together.
enum DiscordMessage {
    static let titleLimit = 256
    static let descriptionLimit = 4096
    static let fieldCount = 25
    static let fieldNameLimit = 256
    static let fieldValueLimit = 1024
    static let footerLimit = 2048
    static let totalLimit = 6000

    static func payload(for event: NotificationEvent, body template: NotificationTemplate?) -> JSON {
        let title = MessageText.truncate(event.title, to: titleLimit)
        let footer = MessageText.truncate(footerText(event), to: footerLimit)
        let fields: [(name: String, value: String)] = MessageFacts.facts(of: event).prefix(fieldCount).map { fact in
            let value = fact.url.map { "[\(fact.value)](\($0))" } ?? fact.value
            return (MessageText.truncate(fact.name, to: fieldNameLimit), MessageText.truncate(value, to: fieldValueLimit))
        }
        // What the other parts leave of the 6000 goes to the description.
        let used = ([title, footer] + fields.flatMap { [$0.name, $0.value] }).reduce(0) { $0 + $1.utf16.count }
        let description = MessageText.truncate(template?.render(event) ?? defaultBody(event),
                                               to: min(descriptionLimit, max(0, totalLimit - used)))
        var embed: JSON = [
            "title": .string(title),
            "description": .string(description),
            "color": .int(Int64(event.tone.rgb)),
            "fields": .array(fields.map { ["name": .string($0.name), "value": .string($0.value), "inline": true] }),
            "footer": ["text": .string(footer)],
            "timestamp": .string(event.time.formatted(.iso8601)),
        ]
        if let url = event.links.commit ?? event.links.dashboard { embed["url"] = .string(url) }
        return ["username": "Mooring", "allowed_mentions": ["parse": []], "embeds": [embed]]
    }

    static func defaultBody(_ event: NotificationEvent) -> String {
        var lines = [event.summary]
        lines += MessageText.lines(event.failing.map { "• `\($0.object)` \($0.status): \($0.message)" }, limit: 10)
        lines += event.details.filter { $0 != event.summary }.prefix(5).map { "*\($0)*" }
        return lines.joined(separator: "\n")
    }

    static func footerText(_ event: NotificationEvent) -> String {
        ["mooring", event.kind.rawValue, event.commit?.summary].compactMap { $0 }.joined(separator: " · ")
    }
}

/// The facts every chat message lists beside its text, in order: name, value and a link.
struct MessageFact: Equatable {
    var name: String
    var value: String
    var url: String?
}

enum MessageFacts {
    static func facts(of event: NotificationEvent) -> [MessageFact] {
        var facts = [
            MessageFact(name: "Environment", value: event.environment, url: event.links.dashboard),
            MessageFact(name: "Revision", value: event.shortRevision, url: event.links.commit),
            MessageFact(name: "Health", value: event.health.rawValue),
        ]
        if let author = event.commit?.author { facts.append(MessageFact(name: "Author", value: author)) }
        if let previous = event.previousRevision { facts.append(MessageFact(name: "Previous", value: String(previous.prefix(7)))) }
        if let to = event.rolledBackTo { facts.append(MessageFact(name: "Rolled back to", value: String(to.prefix(7)))) }
        if let operation = event.operation {
            let counts = event.counts
            var changes = "\(counts.created) created, \(counts.configured) configured, \(counts.pruned) pruned"
            if counts.failed > 0 { changes += ", \(counts.failed) failed" }
            facts.append(MessageFact(name: operation.rawValue.capitalized, value: changes))
        } else if event.counts.outOfSync > 0 {
            facts.append(MessageFact(name: "Out of sync", value: "\(event.counts.outOfSync) object(s)"))
        }
        return facts
    }
}

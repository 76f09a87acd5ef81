import Foundation
import Manifests
import Reconciler
import Reports

/// `/environments/{name}/object?group=&kind=&namespace=&name=`: desired and live YAML side by
/// side (Secret values masked), the field diff, the health message and the object's recent
/// Events from the cluster.
struct ObjectPage {
    var environment: String
    var object: ObjectDiff
    var report: ObjectReport?
    var health: HealthAssessment?
    /// The Events, newest first; `nil` when they could not be read (with why in `eventsError`).
    var events: [JSON]?
    var eventsError: String?

    func render() -> String {
        let identity = object.identity
        var html = "<p><a href=\"/environments/\(q(environment))\">← \(h(environment))</a></p>"
        html += "<h1><code>\(h(identity.description))</code></h1>"
        var facts: [(String, String)] = [("Environment", h(environment)), ("Kind", h(identity.groupKind.description))]
        if let namespace = identity.namespace { facts.append(("Namespace", h(namespace))) }
        if let report { facts.append(("Sync", "<span class=\"action \(report.action.rawValue)\">\(h(report.action.title(applied: false)))</span>")) }
        if let health {
            facts.append(("Health", Badge.health(health.status) + (health.message.isEmpty ? "" : " " + h(health.message))))
        }
        if let message = report?.message { facts.append(("Note", h(message))) }
        html += "<dl class=\"facts\">" + facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"

        html += "<section aria-labelledby=\"diff\"><h2 id=\"diff\">Diff</h2>"
        if let lines = report?.diff, !lines.isEmpty {
            html += "<pre class=\"diff\" aria-label=\"Field differences\">"
                + lines.map { "<span class=\"\($0.kind.rawValue)\">\(h($0.marked))</span>" }.joined() + "</pre>"
        } else {
            html += "<p class=\"no-changes\">No differences.</p>"
        }
        html += "</section>"

        html += "<section aria-labelledby=\"manifests\"><h2 id=\"manifests\">Desired and live</h2><div class=\"side-by-side\">"
        html += yaml("Desired (from git)", object.displayDesired, absent: "Not declared: a prune candidate.")
        html += yaml("Live (in the cluster)", object.displayLive.map(Self.withoutNoise), absent: "Not in the cluster.")
        html += "</div></section>"

        html += "<section aria-labelledby=\"events\"><h2 id=\"events\">Recent Events</h2>"
        if let events, !events.isEmpty {
            html += "<table class=\"objects\"><thead><tr><th scope=\"col\">Last seen</th><th scope=\"col\">Type</th><th scope=\"col\">Reason</th>"
                + "<th scope=\"col\">Count</th><th scope=\"col\">Message</th></tr></thead><tbody>"
            for event in events {
                let time = event["lastTimestamp"]?.stringValue ?? event["eventTime"]?.stringValue ?? ""
                let type = event["type"]?.stringValue ?? ""
                html += "<tr><td class=\"nowrap\">\(h(time))</td><td class=\"\(type == "Warning" ? "warning" : "")\">\(h(type))</td>"
                    + "<td>\(h(event["reason"]?.stringValue ?? ""))</td><td>\(event["count"]?.intValue.map(String.init) ?? "")</td>"
                    + "<td>\(h(event["message"]?.stringValue ?? ""))</td></tr>"
            }
            html += "</tbody></table>"
        } else if let eventsError {
            html += "<p class=\"error\">Events could not be read: \(h(eventsError))</p>"
        } else {
            html += "<p class=\"muted\">No Events about this object.</p>"
        }
        return html + "</section>"
    }

    func yaml(_ title: String, _ object: JSON?, absent: String) -> String {
        let body = object.map { "<pre class=\"yaml\" tabindex=\"0\">\(h(YAML.dump($0)))</pre>" } ?? "<p class=\"muted\">\(h(absent))</p>"
        return "<div><h3>\(h(title))</h3>\(body)</div>"
    }

    /// The live object without `metadata.managedFields`, which only the API server reads.
    static func withoutNoise(_ object: JSON) -> JSON {
        guard case .object(var root) = object, case .object(var metadata)? = root["metadata"] else { return object }
        metadata["managedFields"] = nil
        root["metadata"] = .object(metadata)
        return .object(root)
    }
}

import Crypto
import Foundation
import Manifests
import Reports

/// The generic webhook: the body is the report in Reports' versioned JSON (`schemaVersion` 1,
/// Secrets masked) with the event added — `event` (its name), `summary`, `environment` and,
/// when configured, `links` — or, with a `template`, exactly what the template renders.
///
/// Signed when a secret is configured, as GitHub signs its webhooks: header
/// `X-Mooring-Signature-256: sha256=<hex HMAC-SHA256 of the body with the secret>`. Receivers
/// compute the same over the raw body and compare in constant time. `X-Mooring-Event` names the
/// event without parsing the body.
enum WebhookMessage {
    static let signatureHeader = "X-Mooring-Signature-256"
    static let eventHeader = "X-Mooring-Event"

    static func body(for event: NotificationEvent, template: NotificationTemplate?) -> [UInt8] {
        if let template { return Array(template.render(event).utf8) }
        guard case .object(var object) = event.report else { return [] }
        object["event"] = .string(event.kind.rawValue)
        object["environment"] = .string(event.environment)
        object["summary"] = .string(event.summary)
        var links = JSONObject()
        if let commit = event.links.commit { links["commit"] = .string(commit) }
        if let dashboard = event.links.dashboard { links["dashboard"] = .string(dashboard) }
        if !links.isEmpty { object["links"] = .object(links) }
        return Array(JSON.object(object).serialized().utf8)
    }

    static func request(for event: NotificationEvent, url: String, secret: [UInt8]?, template: NotificationTemplate?) -> NotificationRequest {
        let body = body(for: event, template: template)
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json; charset=utf-8"),
                                                        (eventHeader, event.kind.rawValue)]
        if let secret { headers.append((signatureHeader, signature(of: body, secret: secret))) }
        return NotificationRequest(url: url, headers: headers, body: body)
    }

    /// `sha256=` and the lowercase hex HMAC-SHA256 of `body`.
    static func signature(of body: [UInt8], secret: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))
        return "sha256=" + code.map { String(format: "%02x", $0) }.joined()
    }
}

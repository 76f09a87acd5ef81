import Foundation
import Manifests
import Reconciler
import Reports

/// Replaces the values of the Secrets a reconcile saw — desired and live, `data` decoded from
/// base64 and `stringData` — with `***` in any text bound for a message. Reports already mask
/// Secrets where they print them; this also covers text mooring does not shape itself (an API
/// server's error, a commit subject) so that no payload ever carries a Secret's value.
public struct SecretScrubber: Sendable {
    /// Longest first, so a value containing another is replaced whole.
    private let values: [String]

    /// Values shorter than this are too common to be told apart from ordinary words.
    static let minimumLength = 4

    public init(values: [String]) {
        self.values = Set(values.filter { $0.count >= Self.minimumLength }).sorted { $0.count > $1.count }
    }

    /// The Secret values in an outcome: the rendered revision's Secrets and the live ones diffed.
    public init(_ outcome: ReconcileOutcome) {
        var objects = outcome.rendered.objects.map(\.object)
        objects += outcome.diff.objects.flatMap { [$0.desired, $0.live].compactMap { $0 } }
        self.init(values: objects.flatMap(Self.secretValues))
    }

    public static let none = SecretScrubber(values: [])

    public func scrub(_ text: String) -> String {
        guard !values.isEmpty, !text.isEmpty else { return text }
        var text = text
        for value in values where text.contains(value) { text = text.replacingOccurrences(of: value, with: "***") }
        return text
    }

    /// Every string in a JSON value (keys are mooring's own), scrubbed.
    func scrub(_ json: JSON) -> JSON {
        guard !values.isEmpty else { return json }
        switch json {
        case .string(let text): return .string(scrub(text))
        case .array(let items): return .array(items.map(scrub))
        case .object(let object):
            var scrubbed = JSONObject()
            for (key, value) in object { scrubbed[key] = scrub(value) }
            return .object(scrubbed)
        default: return json
        }
    }

    func scrub(_ commit: CommitInfo) -> CommitInfo {
        CommitInfo(id: commit.id, author: commit.author.map(scrub), summary: commit.summary.map(scrub), time: commit.time)
    }

    static func secretValues(of object: JSON) -> [String] {
        guard object["kind"]?.stringValue == "Secret", object["apiVersion"]?.stringValue == "v1" else { return [] }
        var found: [String] = []
        for (_, value) in object["data"]?.objectValue ?? JSONObject() {
            guard let encoded = value.stringValue else { continue }
            found.append(encoded)
            if let data = Data(base64Encoded: encoded), let decoded = String(data: data, encoding: .utf8) { found.append(decoded) }
        }
        for (_, value) in object["stringData"]?.objectValue ?? JSONObject() {
            if let text = value.stringValue { found.append(text) }
        }
        return found
    }
}

import Manifests

/// One thing that happened to an environment, as `/events` streams it (Server-Sent Events):
///
/// ```
/// event: drift-found
/// data: {"environment":"develop","objects":1}
/// ```
///
/// The pages listen for them and refresh what they show; scripts can too.
public struct DashboardEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case reconcileStarted = "reconcile-started"
        case reconcileFinished = "reconcile-finished"
        case healthChanged = "health-changed"
        case driftFound = "drift-found"
        /// A dashboard action (sync, rollback, promote) was taken or refused.
        case actionTaken = "action-taken"
    }

    public var kind: Kind
    public var environment: String
    /// The event's facts; always holds `environment`.
    public var data: JSON

    public init(_ kind: Kind, environment: String, _ facts: JSONObject = JSONObject()) {
        self.kind = kind
        self.environment = environment
        var data = facts
        data["environment"] = .string(environment)
        self.data = .object(data)
    }

    /// The event in the `text/event-stream` format: one `event:` and one `data:` line.
    public var serverSentEvent: String {
        "event: \(kind.rawValue)\ndata: \(data.serialized())\n\n"
    }
}

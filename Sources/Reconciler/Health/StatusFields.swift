import Foundation
import Manifests

/// Reading helpers shared by the rules.
enum StatusFields {
    static func int(_ object: JSON, _ path: [String], default value: Int64) -> Int64 {
        object[path: path]?.intValue ?? value
    }

    static func string(_ object: JSON, _ path: [String]) -> String? {
        object[path: path]?.stringValue
    }

    /// The condition of `type` in `status.conditions`.
    static func condition(_ object: JSON, _ type: String) -> JSON? {
        conditions(object).first { $0["type"]?.stringValue == type }
    }

    static func conditions(_ object: JSON) -> [JSON] {
        object[path: ["status", "conditions"]]?.arrayValue ?? []
    }

    /// Whether the condition of `type` has status `True`.
    static func isTrue(_ object: JSON, _ type: String) -> Bool {
        condition(object, type)?["status"]?.stringValue == "True"
    }

    /// A generation written as a number or, as Argo Rollouts writes `status.observedGeneration`,
    /// as a decimal string. `nil` for anything else (older Rollouts wrote a hash: not comparable).
    static func generation(_ value: JSON?) -> Int64? {
        if let number = value?.intValue { return number }
        if let text = value?.stringValue { return Int64(text) }
        return nil
    }

    /// Progressing when `metadata.generation` is ahead of `status.observedGeneration` (the
    /// controller has not seen the latest spec, so the rest of the status is stale). With
    /// `required`, a status without `observedGeneration` counts as not observed yet (kstatus's
    /// `checkGenerationSet`).
    static func generationNotObserved(_ object: JSON, kind: String, required: Bool = false) -> HealthAssessment? {
        guard let generation = generation(object[path: ["metadata", "generation"]]) else { return nil }
        let reported = object[path: ["status", "observedGeneration"]]
        guard let reported, !reported.isNull else {
            return required ? HealthAssessment(.progressing, "\(kind) status.observedGeneration not yet reported") : nil
        }
        guard let observed = self.generation(reported) else { return nil }
        if observed < generation {
            return HealthAssessment(.progressing, "waiting for the controller to observe generation \(generation) (observed \(observed))")
        }
        return nil
    }

    /// `: <message>` of a condition, when it has one.
    static func detail(_ condition: JSON) -> String {
        guard let message = condition["message"]?.stringValue, !message.isEmpty else { return "" }
        return ": \(message)"
    }

    /// `reason: message` of a condition, either alone when the other is empty, else `fallback`.
    static func summary(_ condition: JSON, otherwise fallback: String) -> String {
        let reason = condition["reason"]?.stringValue ?? ""
        let text = condition["message"]?.stringValue ?? ""
        switch (reason.isEmpty, text.isEmpty) {
        case (true, true): return fallback
        case (false, true): return reason
        case (true, false): return text
        case (false, false): return "\(reason): \(text)"
        }
    }

    /// `metadata.creationTimestamp` as a date.
    static func creationTime(_ object: JSON) -> Date? {
        time(object[path: ["metadata", "creationTimestamp"]])
    }

    /// A timestamp as the API server writes them (RFC 3339), as a date.
    static func time(_ value: JSON?) -> Date? {
        guard let text = value?.stringValue else { return nil }
        return try? Date(text, strategy: .iso8601)
    }
}

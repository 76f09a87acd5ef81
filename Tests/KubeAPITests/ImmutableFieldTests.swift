import Manifests
import Testing
@testable import KubeAPI

/// Immutable-field refusals come out of KubeClient's writes as `ImmutableFieldRejection`, read
/// from the server's `Status` (its causes, or its message when it sent none).
@Suite struct ImmutableFieldTests {
    /// The `Status` a 1.32 API server returns for a changed Deployment selector.
    static let selectorStatus: JSON = [
        "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
        "message": #"Deployment.apps "django" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"django2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"#,
        "reason": "Invalid",
        "details": ["name": "django", "group": "apps", "kind": "Deployment",
                    "causes": [["reason": "FieldValueInvalid", "message": #"Invalid value: v1.LabelSelector{…}: field is immutable"#, "field": "spec.selector"]]],
        "code": 422,
    ]

    @Test func fieldsComeFromTheCausesOrTheMessage() {
        #expect(APIStatus(json: Self.selectorStatus, fallbackCode: 422).immutableFields == ["spec.selector"])
        var withoutCauses = Self.selectorStatus
        withoutCauses[path: ["details", "causes"]] = nil
        #expect(APIStatus(json: withoutCauses, fallbackCode: 422).immutableFields == ["spec.selector"])
        let other: JSON = ["kind": "Status", "status": "Failure", "reason": "Invalid", "code": 422,
                           "message": #"Deployment.apps "django" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0"#]
        #expect(APIStatus(json: other, fallbackCode: 422).immutableFields == nil)
        let conflict: JSON = ["kind": "Status", "status": "Failure", "reason": "Conflict", "code": 409, "message": "field is immutable"]
        #expect(APIStatus(json: conflict, fallbackCode: 409).immutableFields == nil)
    }

    @Test func applyChangingASelectorThrowsTheRejection() async throws {
        try await withCluster { cluster in
            _ = try await cluster.client.apply(deployment("web"), fieldManager: "test", force: true)
            var changed = deployment("web")
            changed[path: ["spec", "selector", "matchLabels", "app"]] = "other"
            changed[path: ["spec", "template", "metadata", "labels", "app"]] = "other"
            await #expect { try await cluster.client.apply(changed, fieldManager: "test", force: true) } throws: { error in
                guard let rejection = error as? ImmutableFieldRejection else { return false }
                return rejection.fields == ["spec.selector"] && rejection.error.reason == .invalid
            }
            // Any other refusal stays an APIError.
            var negative = deployment("web")
            negative[path: ["spec", "replicas"]] = -1
            await #expect { try await cluster.client.apply(negative, fieldManager: "test", force: true) } throws: { error in
                (error as? APIError)?.reason == .invalid
            }
        }
    }
}

import Foundation
import Manifests

/// Objects written as `kubectl get -o yaml` shows them, with the status their controllers write
/// (shapes from the Kubernetes API reference and the controllers' sources; values made up here).
enum HealthFixture {
    /// The one object of `yaml`.
    static func object(_ yaml: String) -> JSON {
        do {
            let documents = try YAML.load(yaml, file: "fixture.yaml")
            guard documents.count == 1 else { fatalError("fixture has \(documents.count) documents") }
            return documents[0].value
        } catch {
            fatalError("fixture does not parse: \(error)")
        }
    }

    /// A fixed "now" for rules that look at `creationTimestamp`.
    static let now = try! Date("2025-03-02T10:30:00Z", strategy: .iso8601)
}

import Foundation
import Testing
import Manifests
import TestSupport
@testable import LocalCluster

/// The sample environments are valid Kubernetes: every object their overlays render to admits under `fieldValidation=Strict`
/// (what `kubectl apply --server-side` sends), and admitting the admitted object again changes
/// nothing, as re-applying unchanged manifests to a real server does not.
@Suite struct AdmissionSampleEnvironmentTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every object the sample's overlays render to, by the real `kubectl kustomize`.
    static func manifests() async throws -> [(file: String, object: JSON)] {
        var found: [(String, JSON)] = []
        for environment in ["develop", "master"] {
            let folder = repository.appendingPathComponent("environments").appendingPathComponent(environment).path
            let rendered = try await Command.run("kubectl", ["kustomize", folder], environment: [:], input: nil)
            guard rendered.status == 0 else { throw AdmissionSampleError(message: "kubectl kustomize \(folder): \(rendered.stderr)") }
            for document in try YAML.load(rendered.stdout, file: "\(environment) (kustomize)") where document.value.objectValue != nil {
                let name = "\(document.value["kind"]?.stringValue ?? "?")/\(document.value[path: ["metadata", "name"]]?.stringValue ?? "?")"
                found.append(("\(environment): \(name)", document.value))
            }
        }
        return found
    }

    @Test func everySampleObjectAdmits() async throws {
        let manifests = try await Self.manifests()
        #expect(manifests.count >= 10)
        for (file, object) in manifests {
            switch Admission.admitCreate(object, directive: .strict, uid: "00000000-0000-0000-0000-000000000001") {
            case .success(let admitted):
                #expect(admitted.warnings.isEmpty, "\(file)")
                guard case .success(let again) = Admission.admitUpdate(admitted.object, old: admitted.object) else {
                    Issue.record("\(file): re-admitting the stored object failed")
                    continue
                }
                #expect(again.object == admitted.object, "\(file): defaulting is not idempotent")
            case .failure(let rejection):
                Issue.record("\(file): \(rejection.status["message"]?.stringValue ?? "")")
            }
        }
    }
}

struct AdmissionSampleError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

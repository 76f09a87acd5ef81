import Foundation
import Testing
import Manifests
@testable import LocalCluster

/// The sample environments are valid Kubernetes: every object admits under `fieldValidation=Strict`
/// (what `kubectl apply --server-side` sends), and admitting the admitted object again changes
/// nothing, as re-applying unchanged manifests to a real server does not.
@Suite struct AdmissionSampleEnvironmentTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func manifests() throws -> [(file: String, object: JSON)] {
        var found: [(String, JSON)] = []
        for environment in ["develop", "master"] {
            let folder = repository.appendingPathComponent("environments").appendingPathComponent(environment)
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for document in try YAML.load(text, file: file) where document.value.objectValue != nil {
                    found.append(("\(environment)/\(file)", document.value))
                }
            }
        }
        return found
    }

    @Test func everySampleObjectAdmits() throws {
        let manifests = try Self.manifests()
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

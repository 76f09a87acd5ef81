import Foundation
import TestSupport

/// A config repository holding the plain-folder sample environments, and a `mooring.yaml`
/// beside it naming develop and master.
struct SampleRepository: Sendable {
    let repository: ConfigRepository
    var config: String { repository.folder.file("mooring.yaml") }

    /// This project's root.
    static let projectRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The plain-folder sample (`Tests/Fixtures/plain-sample/environments`): one file per object,
    /// so tests can edit a Deployment's file.
    static let environments: String = projectRoot + "/Tests/Fixtures/plain-sample/environments"

    /// - Parameter serve: serve it with a `git daemon` on 127.0.0.1 (push enabled).
    static func create(serve: Bool = false) async throws -> SampleRepository {
        SampleRepository(repository: try await ConfigRepository.create(seed: (environments, "environments"), serve: serve))
    }

    /// Points `mooring.yaml` at `url`.
    func writeConfig(url: String) throws {
        try repository.folder.write("mooring.yaml", """
            repository:
              url: \(url)
            environments:
              develop:
                path: environments/develop
              master:
                path: environments/master
            """)
    }

    func stop() { repository.stop() }
}

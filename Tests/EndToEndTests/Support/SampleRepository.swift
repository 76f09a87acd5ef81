import Foundation
import TestSupport

/// A config repository holding this project's sample `environments/`, and a `mooring.yaml`
/// beside it naming develop and master.
struct SampleRepository: Sendable {
    let repository: ConfigRepository
    var config: String { repository.folder.file("mooring.yaml") }

    /// This project's `environments/` folder.
    static let environments: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("environments").path
    }()

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

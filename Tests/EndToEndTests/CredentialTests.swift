import Foundation
import TestSupport
import Testing

/// A repository URL with a password and a token in it, served by `git http-backend` behind nginx
/// with basic auth: every command, in every format, working, answered 500, or unreachable, prints
/// neither; no file under the cache, the state folder or HOME holds them.
@Suite struct CredentialTests {
    static let password = "S3cretPw-9f2"
    static let token = "glpat-Tok3nValue"

    static let settings = """
          develop:
            ref: main
            cluster: local
            healthTimeout: 30s
          master:
            ref: main
            cluster: local
            healthTimeout: 30s

        """

    static func commands() -> [[String]] {
        var commands: [[String]] = [["status"], ["rollback", "--env", "develop"], ["render", "--env", "develop"],
                                    ["render", "--env", "develop", "--summary"]]
        for format in ["text", "json", "markdown", "html"] {
            commands += [
                ["diff", "--env", "develop", "--format", format],
                ["diff", "--all", "--revision", "main", "--format", format],
                ["diff", "--from", "develop", "--to", "master", "--format", format],
                ["sync", "--env", "develop", "--format", format],
                ["sync", "--env", "develop", "--dry-run", "--format", format],
                ["run", "--once", "--format", format],
                ["history", "--env", "develop", "--format", format],
                ["promote", "--from", "develop", "--to", "master", "--dry-run", "--format", format],
            ]
        }
        return commands
    }

    func secretsIn(_ text: String) -> [String] {
        [Self.password, Self.token, "alice:"].filter { text.contains($0) }
    }

    @Test func neitherThePasswordNorTheTokenIsEverShownOrStored() async throws {
        let repository = try await ConfigRepository.create(copying: Harness.sampleEnvironments)
        defer { repository.stop() }
        let server = try await GitOverNginx.start(projectRoot: repository.root, username: "alice", password: Self.password)
        var serverStopped = false
        do {
            let url = server.url.replacingOccurrences(of: "http://", with: "http://alice:\(Self.password)@") + "?private_token=\(Self.token)"
            try await CommandWorkspace.with(settings: Self.settings, repositoryURL: url) { workspace in
                let home = TemporaryFolder.make("home")
                let environment = ["HOME": home]
                let first = try await workspace.mooring(["run", "--once"], environment: environment)
                #expect(first.status == 0, "the password in the URL authenticates: \(first.stdout)\(first.stderr)")
                #expect(secretsIn(first.stdout + first.stderr).isEmpty)
                // libgit2 answers the 401 through its credential callback: the request after it
                // authenticates as alice (libgit2 1.5 drops a URL's query from its requests).
                #expect(server.accessLog.contains("\"GET /config.git/info/refs?service=git-upload-pack HTTP/1.1\" 401"))
                #expect(server.accessLog.contains("- alice ["), "\(server.accessLog)")

                for state in ["working", "answering 500", "unreachable"] {
                    if state == "answering 500" { server.failing = true }
                    if state == "unreachable" { await server.stop(); serverStopped = true }
                    for command in Self.commands() {
                        let result = try await workspace.mooring(command, environment: environment)
                        let shown = secretsIn(result.stdout + result.stderr)
                        #expect(shown.isEmpty, "\(state): mooring \(command.joined(separator: " ")) printed \(shown): \(result.stdout)\(result.stderr)")
                        if state != "working", ["status", "run", "sync", "diff", "render", "promote"].contains(command[0]) {
                            #expect(result.status == 2, "\(state): mooring \(command.joined(separator: " ")) exits 2")
                            #expect(result.stderr.contains("http://***@127.0.0.1:\(server.port)/config.git?private_token=***"),
                                    "\(state): the location is named, redacted: \(result.stderr)")
                        }
                    }
                }
                for root in [workspace.folder, home] {
                    for (path, contents) in Self.files(under: root) where path != workspace.config {
                        let text = String(decoding: contents, as: UTF8.self)
                        #expect(secretsIn(path).isEmpty, "a file name holds a secret: \(path)")
                        #expect(!text.contains(Self.password) && !text.contains(Self.token), "\(path) holds a secret")
                    }
                }
            }
        } catch {
            if !serverStopped { await server.stop() }
            throw error
        }
        if !serverStopped { await server.stop() }
    }

    static func files(under root: String) -> [(String, Data)] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [(String, Data)] = []
        for case let relative as String in walker {
            let path = root + "/" + relative
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                found.append((path, FileManager.default.contents(atPath: path) ?? Data()))
            }
        }
        return found
    }
}

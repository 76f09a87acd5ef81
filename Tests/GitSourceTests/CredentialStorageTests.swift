import Foundation
import Testing
@testable import GitSource

/// Credentials written into the repository URL reach the server through libgit2's credential
/// callback only: the mirror's folder name and config never hold them, and the cache is private.
@Suite struct CredentialStorageTests {
    @Test func aPasswordInTheURLAuthenticatesButIsStoredNowhere() async throws {
        let fixture = try HTTPTests.Fixture(username: "alice", password: "S3cretPw")
        defer { fixture.stop() }
        let plain = fixture.server.url(fixture.config.name)
        let url = plain.replacingOccurrences(of: "http://", with: "http://alice:S3cretPw@") + "?private_token=glpat-Tok3n"
        let cache = fixture.folder.appending("cache")
        let mirror = try await GitMirror.open(GitRemote(url: url), cacheFolder: cache)
        #expect(try await mirror.repository.resolve(nil).hex == (try fixture.config.git(["rev-parse", "main"])))
        try fixture.config.write("environments/develop/app.yaml", "image: v2\n")
        _ = try fixture.config.commitAndPush("Develop v2")
        try await mirror.fetch()

        #expect(!mirror.folder.contains("alice") && !mirror.folder.contains("S3cret"))
        for (path, contents) in Self.files(under: cache) {
            #expect(!path.contains("S3cretPw") && !path.contains("glpat-Tok3n"))
            #expect(!contents.contains(Data("S3cretPw".utf8)), "\(path) holds the password")
            #expect(!contents.contains(Data("glpat-Tok3n".utf8)), "\(path) holds the token")
        }
        let config = try String(contentsOfFile: mirror.folder + "/config", encoding: .utf8)
        #expect(config.contains("url = \(plain)\n"))
    }

    @Test func theCacheIsPrivateToItsOwner() async throws {
        let fixture = try HTTPTests.Fixture(username: "alice", password: "pw")
        defer { fixture.stop() }
        let cache = fixture.folder.appending("cache")
        let url = fixture.server.url(fixture.config.name).replacingOccurrences(of: "http://", with: "http://alice:pw@")
        let mirror = try await GitMirror.open(GitRemote(url: url), cacheFolder: cache)
        try fixture.config.write("environments/develop/app.yaml", "image: v3\n")
        _ = try fixture.config.commitAndPush("Develop v3")
        try await mirror.fetch()
        var checked = 0
        for path in [cache] + Self.files(under: cache, includingFolders: true).map(\.path) {
            var info = stat()
            #expect(lstat(path, &info) == 0)
            if info.st_mode & S_IFMT == S_IFDIR {
                #expect(info.st_mode & 0o777 == 0o700, "\(path) is \(String(info.st_mode & 0o777, radix: 8))")
            } else {
                #expect(info.st_mode & 0o077 == 0, "\(path) is \(String(info.st_mode & 0o777, radix: 8))")
            }
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test func aWrongPasswordInTheURLIsRefusedWithoutShowingIt() async throws {
        let fixture = try HTTPTests.Fixture(username: "alice", password: "right")
        defer { fixture.stop() }
        let url = fixture.server.url(fixture.config.name).replacingOccurrences(of: "http://", with: "http://alice:Wr0ngPw@")
        let error = try await #require(throws: GitError.self) {
            try await GitMirror.open(GitRemote(url: url), cacheFolder: fixture.folder.appending("cache"))
        }
        #expect(error.kind == .authentication)
        #expect(!error.description.contains("Wr0ngPw") && !error.description.contains("alice"))
        #expect(error.description.hasPrefix("cannot fetch http://***@127.0.0.1:"))
    }

    static func files(under root: String, includingFolders: Bool = false) -> [(path: String, contents: Data)] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [(String, Data)] = []
        for case let relative as String in walker {
            let path = root + "/" + relative
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            if isFolder.boolValue {
                if includingFolders { found.append((path, Data())) }
            } else {
                found.append((path, FileManager.default.contents(atPath: path) ?? Data()))
            }
        }
        return found
    }
}

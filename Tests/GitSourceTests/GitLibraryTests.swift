import Testing
@testable import GitSource

@Suite struct GitLibraryTests {
    @Test func reportsTheLinkedVersionAndTransports() throws {
        // Debian's libgit2 headers name the version we link against.
        let header = try String(contentsOfFile: "/usr/include/git2/version.h", encoding: .utf8)
        #expect(header.contains("#define LIBGIT2_VERSION        \"\(GitLibrary.version)\""))
        #expect(GitLibrary.transports.contains("https"))
        #expect(GitLibrary.transports.contains("threads"))
        #expect(GitLibrary.supportsSSH == GitLibrary.transports.contains("ssh"))
    }

    @Test func masksPasswordsWrittenIntoURLs() {
        #expect(GitRemote(url: "https://bob:secret@example.com/x.git").description == "https://***@example.com/x.git")
        #expect(GitRemote(url: "ssh://git@example.com/x.git").description == "ssh://git@example.com/x.git")
        #expect(GitRemote(url: "/srv/config.git").description == "/srv/config.git")
    }
}

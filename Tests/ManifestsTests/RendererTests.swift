import Testing
import TestSupport
@testable import Manifests

/// Rendering real folders: selection, order, symlink safety, lists, identity errors.
struct RendererTests {
    static func configMap(_ name: String, namespace: String? = nil, data: String = "  key: value") -> String {
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \(name)\(namespace.map { "\n  namespace: \($0)" } ?? "")
        data:
        \(data)

        """
    }

    @Test func nestedFoldersInBytewiseOrderWithHiddenSkipped() throws {
        let repo = try TemporaryFolder()
        let env = "environments/develop"
        try repo.write("\(env)/b.yaml", Self.configMap("b"))
        try repo.write("\(env)/a/z.yml", Self.configMap("az"))
        try repo.write("\(env)/a/deeper/y.json", #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "json"}}"#)
        try repo.write("\(env)/B.yaml", Self.configMap("upper-b"))
        try repo.write("\(env)/a-b.yaml", Self.configMap("a-dash-b"))
        try repo.write("\(env)/.hidden.yaml", Self.configMap("hidden-file"))
        try repo.write("\(env)/.git/config.yaml", Self.configMap("hidden-folder"))
        try repo.write("\(env)/README.md", "# not a manifest: yes\n")
        try repo.write("\(env)/notes.txt", "kind: nothing")
        try repo.write("environments/master/other.yaml", Self.configMap("other-env"))
        let rendered = try repo.render(env)
        // Bytewise: "B" < "a-b" < "a/" ('-' 0x2D < '/' 0x2F) < "b".
        #expect(rendered.objects.map(\.identity.name) == ["upper-b", "a-dash-b", "json", "az", "b"])
        #expect(rendered.objects.map(\.source.description) == [
            "\(env)/B.yaml:1", "\(env)/a-b.yaml:1", "\(env)/a/deeper/y.json:1", "\(env)/a/z.yml:1", "\(env)/b.yaml:1",
        ])
        #expect(rendered.warnings.isEmpty)
    }

    @Test func orderDoesNotDependOnInputOrder() throws {
        let files: [SourceFile] = [
            .file("env/c.yaml", Self.configMap("c")), .file("env/a.yaml", Self.configMap("a")), .file("env/b/x.yaml", Self.configMap("bx")),
        ]
        let forward = try ManifestRenderer.render(files: files, environmentPath: "env").objects.map(\.identity.name)
        let backward = try ManifestRenderer.render(files: files.reversed(), environmentPath: "./env/").objects.map(\.identity.name)
        #expect(forward == ["a", "bx", "c"])
        #expect(backward == forward)
    }

    @Test func multiDocumentFilesKeepLines() throws {
        let repo = try TemporaryFolder()
        try repo.write("env/all.yaml", "---\n" + Self.configMap("one") + "---\n---\n" + Self.configMap("two"))
        let rendered = try repo.render("env")
        #expect(rendered.objects.map(\.source.line) == [2, 10])
        #expect(rendered.objects[1].object == ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "two"], "data": ["key": "value"]])
    }

    @Test func escapingSymlinkIsRefused() throws {
        let repo = try TemporaryFolder()
        try repo.write("secrets/token.yaml", Self.configMap("stolen"))
        try repo.write("env/ok.yaml", Self.configMap("ok"))
        try repo.symlink("env/leak.yaml", to: "../secrets/token.yaml")
        let error = try #require(throws: RenderError.self) { try repo.render("env") }
        #expect(error == .symlinkEscapes(file: "env/leak.yaml", target: "../secrets/token.yaml", environment: "env"))
        #expect(error.description == "env/leak.yaml: symlink to ../secrets/token.yaml leaves the environment env; refused")
    }

    @Test func absoluteAndSneakySymlinksAreRefused() throws {
        let repo = try TemporaryFolder()
        try repo.symlink("env/abs.yaml", to: "/etc/passwd")
        #expect(throws: RenderError.symlinkEscapes(file: "env/abs.yaml", target: "/etc/passwd", environment: "env")) { try repo.render("env") }
        // In and out again: env/sub/../../other → other, outside.
        let files: [SourceFile] = [.symlink("env/x.yaml", target: "sub/../../other/x.yaml"), .file("other/x.yaml", Self.configMap("x"))]
        #expect(throws: RenderError.self) { try ManifestRenderer.render(files: files, environmentPath: "env") }
        // A folder symlink leaving the environment is refused too.
        let folder: [SourceFile] = [.symlink("env/shared", target: "../shared"), .file("shared/x.yaml", Self.configMap("x"))]
        #expect(throws: RenderError.symlinkEscapes(file: "env/shared", target: "../shared", environment: "env")) {
            try ManifestRenderer.render(files: folder, environmentPath: "env")
        }
    }

    @Test func innerSymlinkIsFollowed() throws {
        let repo = try TemporaryFolder()
        try repo.write("env/base/app.yaml.tmpl", Self.configMap("from-link"))
        try repo.symlink("env/app.yaml", to: "base/app.yaml.tmpl")
        try repo.symlink("env/chain.yml", to: "./app.yaml")
        try repo.write("env/real/cm.yaml", Self.configMap("real"))
        try repo.symlink("env/alias-dir", to: "real")  // a folder inside: its files are read where they live
        let files = try DirectorySource(root: repo.path).files(under: "env")
        #expect(files.contains(.symlink("env/app.yaml", target: "base/app.yaml.tmpl")))
        let error = try #require(throws: RenderError.self) { try ManifestRenderer.render(files: files, environmentPath: "env") }
        // app.yaml and chain.yml both lead to the same object: a duplicate naming both places.
        #expect(error.description == "env/chain.yml:1: ConfigMap from-link is defined twice, first at env/app.yaml:1")

        let single = files.filter { $0.path != "env/chain.yml" }
        let rendered = try ManifestRenderer.render(files: single, environmentPath: "env")
        #expect(rendered.objects.map(\.identity.name) == ["from-link", "real"])
        #expect(rendered.objects[0].source.file == "env/app.yaml")
    }

    @Test func danglingSymlinkAndLoopAreErrors() throws {
        #expect(throws: RenderError.symlinkTargetMissing(file: "env/a.yaml", target: "missing.yaml")) {
            try ManifestRenderer.render(files: [.symlink("env/a.yaml", target: "missing.yaml")], environmentPath: "env")
        }
        #expect(throws: RenderError.symlinkLoop(file: "env/a.yaml")) {
            try ManifestRenderer.render(files: [.symlink("env/a.yaml", target: "b.yaml"), .symlink("env/b.yaml", target: "a.yaml")], environmentPath: "env")
        }
    }

    @Test func parentComponentIsRefused() throws {
        let files: [SourceFile] = [.file("env/sub/../x.yaml", Self.configMap("x"))]
        #expect(throws: RenderError.parentComponent(file: "env/sub/../x.yaml")) { try ManifestRenderer.render(files: files, environmentPath: "env") }
        #expect(throws: RenderError.parentComponent(file: "env/../other")) {
            try ManifestRenderer.render(files: [.file("other/x.yaml", Self.configMap("x"))], environmentPath: "env/../other")
        }
    }

    @Test func listsAreExpanded() throws {
        let text = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ConfigMap
          metadata:
            name: first
        - apiVersion: v1
          kind: ConfigMapList
          items:
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: nested}
        - apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: web
            namespace: shop
        """
        let rendered = try ManifestRenderer.render(files: [.file("env/list.yaml", text)], environmentPath: "env")
        #expect(rendered.objects.map(\.identity.description) == ["ConfigMap first", "ConfigMap nested", "Deployment.apps shop/web"])
        #expect(rendered.objects.map(\.source.line) == [4, 11, 14])
    }

    @Test func duplicateNamesBothPlaces() throws {
        let files: [SourceFile] = [
            .file("env/a.yaml", Self.configMap("settings", namespace: "web")),
            .file("env/b.yaml", "# padding\n" + Self.configMap("other", namespace: "web") + "---\n" + Self.configMap("settings", namespace: "web")),
            .file("env/c.yaml", Self.configMap("settings", namespace: "elsewhere")),
        ]
        let error = try #require(throws: RenderError.self) { try ManifestRenderer.render(files: files, environmentPath: "env") }
        #expect(error.description == "env/b.yaml:10: ConfigMap web/settings is defined twice, first at env/a.yaml:1")
        // Different namespace or a different group is a different object; a different version is not.
        let distinct: [SourceFile] = [
            .file("env/a.yaml", Self.configMap("settings", namespace: "web")),
            .file("env/c.yaml", Self.configMap("settings", namespace: "elsewhere")),
            .file("env/d.yaml", "apiVersion: example.com/v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: web}\n"),
        ]
        #expect(try ManifestRenderer.render(files: distinct, environmentPath: "env").objects.count == 3)
        let versions: [SourceFile] = [
            .file("env/a.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"),
            .file("env/b.yaml", "apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: web}\n"),
        ]
        #expect(throws: RenderError.self) { try ManifestRenderer.render(files: versions, environmentPath: "env") }
    }

    @Test("missing or mistyped fields name file and line", arguments: [
        ("kind: ConfigMap\nmetadata:\n  name: x\n", "env/m.yaml:1: object has no apiVersion"),
        ("apiVersion: v1\nmetadata:\n  name: x\n", "env/m.yaml:1: object has no kind"),
        ("# top\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n", "env/m.yaml:4: object has no metadata.name"),
        ("apiVersion: v1\nkind: ConfigMap\n", "env/m.yaml:1: object has no metadata.name"),
        ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"\"\n", "env/m.yaml:4: object has no metadata.name"),
        ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 0755\n", "env/m.yaml:4: metadata.name must be a string, found integer 493; quote it"),
        ("apiVersion: v1\nkind: List\nitems:\n- kind: ConfigMap\n  apiVersion: v1\n- kind: Secret\n", "env/m.yaml:4: object has no metadata.name"),
        ("- a\n- b\n", "env/m.yaml:1: expected a Kubernetes object (a mapping), found a value of type array"),
        ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  ratio: .inf\n", "env/m.yaml:5: data.ratio is infinite or not a number, which JSON cannot carry to the API server"),
    ])
    func identityErrors(text: String, message: String) throws {
        let error = try #require(throws: RenderError.self) {
            try ManifestRenderer.render(files: [.file("env/m.yaml", text)], environmentPath: "env")
        }
        #expect(error.description == message)
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        let repo = try TemporaryFolder()
        try repo.write("environments/develop/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  key: value: more\n")
        let error = try #require(throws: RenderError.self) { try repo.render("environments/develop") }
        #expect(error.description == "environments/develop/app.yaml:6:13: mapping values are not allowed in this context")
    }

    @Test func jsonErrorsNameLineToo() throws {
        let files: [SourceFile] = [.file("env/bad.json", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"ConfigMap\"\n  \"metadata\": {}\n}\n")]
        let error = try #require(throws: RenderError.self) { try ManifestRenderer.render(files: files, environmentPath: "env") }
        guard case .syntax(let syntax) = error else { Issue.record("unexpected \(error)"); return }
        #expect(syntax.file == "env/bad.json")
        #expect(syntax.line == 4)
    }

    @Test func jsonWithTabsAndYAMLWithCRLF() throws {
        let repo = try TemporaryFolder()
        try repo.write("env/tabs.json", "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"ConfigMap\",\n\t\"metadata\": {\"name\": \"tabs\"},\n\t\"data\": {\"n\": \"1.0\", \"big\": \"9007199254740993\"}\n}\n")
        try repo.write("env/crlf.yaml", "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: crlf\r\ndata:\r\n  on: yes\r\n")
        try repo.symlink("env/self", to: ".")
        let rendered = try ManifestRenderer.render(directory: repo.path, environmentPath: "env")
        #expect(rendered.objects.map(\.identity.name) == ["crlf", "tabs"])
        #expect(rendered.objects[1].object["data"] == ["n": "1.0", "big": "9007199254740993"])
        // `on` as a key is the boolean true, written back as "true"; the value `yes` warns on line 6.
        #expect(rendered.objects[0].object["data"] == ["true": true])
        #expect(rendered.warnings.map(\.location.description) == ["env/crlf.yaml:6"])
    }

    @Test func missingEnvironmentFolder() throws {
        let repo = try TemporaryFolder()
        #expect(throws: RenderError.environmentNotFound(path: "environments/nope")) { try repo.render("environments/nope") }
    }
}

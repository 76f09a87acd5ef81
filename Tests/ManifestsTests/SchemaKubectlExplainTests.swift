import Foundation
import TestSupport
import Testing
@testable import Manifests

/// The generated OpenAPI v3 documents, read by the real `kubectl explain` (1.32 and 1.33) from a loopback
/// HTTP server that serves them with discovery built from the same resource table. If kubectl
/// could not parse a document or follow its references, it would not print the fields.
@Suite struct SchemaKubectlExplainTests {
    /// A bundled kubectl of one minor version, beside the dispatcher on PATH.
    static func kubectl(minor: Int) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("kubectl").resolvingSymlinksInPath()
            let versioned = candidate.deletingLastPathComponent().appendingPathComponent("kubectl.1.\(minor)").path
            if FileManager.default.isExecutableFile(atPath: versioned) { return versioned }
        }
        return nil
    }

    /// Every path the fake API server answers: version, legacy discovery, and the OpenAPI documents.
    static func routes(for schema: KubeSchema) -> JSONObject {
        var routes = JSONObject()
        func add(_ path: String, _ body: JSON) { routes[path] = .string(body.serialized()) }
        add("/version", ["major": "1", "minor": "32", "gitVersion": "v1.32.0", "platform": "linux/amd64"])
        add("/api", ["kind": "APIVersions", "versions": ["v1"]])
        var groups: [JSON] = []
        var byGroupVersion: [String: [ServedResource]] = [:]
        for resource in schema.resources { byGroupVersion[resource.apiVersion, default: []].append(resource) }
        for (groupVersion, resources) in byGroupVersion.sorted(by: { $0.key < $1.key }) {
            let list: [JSON] = resources.map { resource in
                ["name": .string(resource.resource), "singularName": .string(resource.singular), "namespaced": .bool(resource.namespaced),
                 "kind": .string(resource.kind), "verbs": .array(resource.verbs.map(JSON.string)),
                 "shortNames": .array(resource.shortNames.map(JSON.string)), "categories": .array(resource.categories.map(JSON.string))]
            }
            let first = resources[0]
            add(first.group.isEmpty ? "/api/\(first.version)" : "/apis/\(groupVersion)",
                ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(list)])
            if !first.group.isEmpty {
                let version: JSON = ["groupVersion": .string(groupVersion), "version": .string(first.version)]
                groups.append(["name": .string(first.group), "versions": [version], "preferredVersion": version])
            }
            add("/openapi/v3/" + (first.group.isEmpty ? "api/\(first.version)" : "apis/\(groupVersion)"),
                schema.openAPIDocument(group: first.group, version: first.version))
        }
        add("/apis", ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)])
        add("/openapi/v3", schema.openAPIDiscovery())
        return routes
    }

    static let serverScript = """
    import http.server, json, signal, sys
    # The test runner blocks SIGTERM in its threads and children inherit the mask: unblock it so
    # the test can stop this server by its PID.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    routes = json.load(open(sys.argv[1]))
    port = int(sys.argv[2])
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = routes.get(self.path.split('?')[0])
            data = (body or '').encode()
            self.send_response(200 if body is not None else 404)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(('127.0.0.1', port), Handler)
    server.serve_forever()
    """

    /// (kubectl 1.28 also fetches `/openapi/v2` first, which this fake server does not serve; the
    /// local cluster does.)
    @Test(arguments: [32, 33])
    func kubectlExplainReadsTheDocuments(minor: Int) async throws {
        let binary = try #require(Self.kubectl(minor: minor), "kubectl.1.\(minor) is not installed")
        let folder = try TemporaryFolder("explain")
        let directory = URL(fileURLWithPath: folder.path)

        let crd = try JSON(parsing: """
        {"spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"widgets","kind":"Widget"},
         "versions":[{"name":"v1","served":true,"schema":{"openAPIV3Schema":{"type":"object","properties":{
           "spec":{"type":"object","required":["size"],"properties":{"size":{"type":"integer"}}}}}}}]}}
        """)
        let schema = try KubeSchema.builtin.adding(customResourceDefinition: crd)
        let routesFile = directory.appendingPathComponent("routes.json")
        try JSON.object(Self.routes(for: schema)).serialized().write(to: routesFile, atomically: true, encoding: .utf8)
        let scriptFile = directory.appendingPathComponent("server.py")
        try Self.serverScript.write(to: scriptFile, atomically: true, encoding: .utf8)

        let port = try LoopbackPort.free()
        let server = try await Command.start("python3", [scriptFile.path, routesFile.path, String(port)])
        defer { Task { await server.stop() } }
        try #require(await LoopbackPort.waitUntilListening(port, process: server), "the python server did not start")

        let kubeconfig = directory.appendingPathComponent("kubeconfig")
        try """
        apiVersion: v1
        kind: Config
        clusters: [{name: fake, cluster: {server: "http://127.0.0.1:\(port)"}}]
        users: [{name: fake, user: {token: t}}]
        contexts: [{name: fake, context: {cluster: fake, user: fake}}]
        current-context: fake
        """.write(to: kubeconfig, atomically: true, encoding: .utf8)

        func explain(_ field: String) async throws -> String {
            let result = try await Command.run(binary, ["explain", field, "--kubeconfig", kubeconfig.path,
                                                        "--cache-dir", folder.file("cache")])
            #expect(result.status == 0, "kubectl 1.\(minor) explain \(field): \(result.stderr)")
            return result.stdout
        }

        let ports = try await explain("deployments.spec.template.spec.containers.ports")
        #expect(ports.contains("KIND:       Deployment"))
        #expect(ports.contains("FIELD: ports <[]ContainerPort>"))
        #expect(ports.range(of: #"containerPort\s+<integer> -required-"#, options: .regularExpression) != nil, "\(ports)")
        #expect(ports.contains("protocol"))

        let service = try await explain("svc.spec.ports.targetPort")
        #expect(service.contains("FIELD: targetPort <IntOrString>"), "\(service)")

        let widget = try await explain("widgets.spec")
        #expect(widget.range(of: #"size\s+<integer> -required-"#, options: .regularExpression) != nil, "\(widget)")
    }
}

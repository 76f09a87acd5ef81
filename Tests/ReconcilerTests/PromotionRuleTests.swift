import Foundation
import Manifests
import Testing
@testable import Reconciler

/// The promotion rule on the sample environments: what travels from develop to master, what
/// master keeps, and how the folder's files are written.
@Suite struct PromotionRuleTests {
    static let developImage = "ghcr.io/mooring-demo/django-admin:4.2.16-rc.3"

    @Test func defaultPromotionCopiesDevelopButKeepsMastersNamespaceAndName() throws {
        let plan = try PromotionSample.plan()
        #expect(plan.changedObjects.map(\.kind) == ["ConfigMap", "Deployment", "Ingress"])
        #expect(plan.addedObjects.isEmpty)
        #expect(plan.writtenFiles == ["configmap.yaml", "deployment.yaml", "ingress.yaml"])
        #expect(plan.mapping.replacements == ["django-develop": "django-master", "develop": "master"])

        let objects = try PromotionSample.promotedObjects(plan)
        #expect(objects.count == 6)
        for object in objects.values where object["kind"] != "Namespace" {
            #expect(object[path: ["metadata", "namespace"]] == "django-master")
        }
        #expect(objects["Namespace/django-master"]?[path: ["metadata", "labels", "environment"]] == "master")
        let deployment = try #require(objects["Deployment/django-admin"])
        #expect(deployment[path: ["spec", "template", "spec", "containers"]]?[0]?["image"] == .string(Self.developImage))
        #expect(deployment[path: ["spec", "replicas"]] == 2, "the target keeps its replicas by default")
        #expect(objects["ConfigMap/django-settings"]?[path: ["data", "DEBUG"]] == "True")
    }

    @Test func replicasArePromotedWhenAsked() throws {
        let plan = try PromotionSample.plan(PromotionRule(keepsReplicas: false))
        let deployment = try #require(try PromotionSample.promotedObjects(plan)["Deployment/django-admin"])
        #expect(deployment[path: ["spec", "replicas"]] == 1)
    }

    @Test func untouchedFilesKeepTheirBytes() throws {
        let plan = try PromotionSample.plan()
        let master = try PromotionSample.environment("master")
        for file in master.files {
            let name = String(file.path.dropFirst("environments/master/".count))
            if plan.writtenFiles.contains(name) {
                #expect(plan.files[name] != file.data, "\(name) was to be rewritten")
            } else {
                #expect(plan.files[name] == file.data, "\(name) changed")
            }
        }
        #expect(Set(plan.files.keys) == Set(master.files.map { String($0.path.dropFirst("environments/master/".count)) }))
    }

    @Test func keptPathsKeepTheTargetsValues() throws {
        let rule = PromotionRule(keep: [try KeepPath(parsing: "Deployment:/spec/replicas"),
                                        try KeepPath(parsing: "configmap:/data/DEBUG"),
                                        try KeepPath(parsing: "Ingress.networking.k8s.io:/spec/rules/0/host")])
        let plan = try PromotionSample.plan(rule)
        let objects = try PromotionSample.promotedObjects(plan)
        let deployment = try #require(objects["Deployment/django-admin"])
        #expect(deployment[path: ["spec", "replicas"]] == 2)
        #expect(deployment[path: ["spec", "template", "spec", "containers"]]?[0]?["image"] == .string(Self.developImage))
        #expect(objects["ConfigMap/django-settings"]?[path: ["data", "DEBUG"]] == "False")
        #expect(objects["ConfigMap/django-settings"]?[path: ["data", "ALLOWED_HOSTS"]] == "develop.django-admin.local,localhost,127.0.0.1")
        #expect(objects["Ingress/django-admin"]?[path: ["spec", "rules"]]?[0]?["host"] == "django-admin.local")
    }

    @Test func aKeptPathTheTargetLacksStaysAbsent() throws {
        let plan = try PromotionSample.plan(PromotionRule(keep: [try KeepPath(parsing: "/spec/template/spec/containers/0/imagePullPolicy")]),
                                            editMaster: { files in
            files["environments/master/deployment.yaml"] = files["environments/master/deployment.yaml"]!
                .replacingOccurrences(of: "          imagePullPolicy: IfNotPresent\n", with: "")
        })
        let deployment = try #require(try PromotionSample.promotedObjects(plan)["Deployment/django-admin"])
        #expect(deployment[path: ["spec", "template", "spec", "containers"]]?[0]?["imagePullPolicy"] == nil)
    }

    @Test func onlyRestrictsTheObjects() throws {
        let plan = try PromotionSample.plan(PromotionRule(only: [try ObjectSelector(parsing: "deployment/django-admin")]))
        #expect(plan.changedObjects.map(\.kind) == ["Deployment"])
        #expect(plan.writtenFiles == ["deployment.yaml"])
        #expect(try PromotionSample.promotedObjects(plan)["ConfigMap/django-settings"]?[path: ["data", "DEBUG"]] == "False")

        #expect(throws: PromotionError.self) {
            try PromotionSample.plan(PromotionRule(only: [try ObjectSelector(parsing: "Deployment/nope")]))
        }
    }

    @Test func whatOnlyTheTargetSetsSurvives() throws {
        let plan = try PromotionSample.plan(editMaster: { files in
            var deployment = files["environments/master/deployment.yaml"]!
            deployment = deployment.replacingOccurrences(of: "  labels:\n    app.kubernetes.io/name: django-admin\nspec:",
                                                         with: "  labels:\n    app.kubernetes.io/name: django-admin\n  annotations:\n    team: web\nspec:")
            deployment = deployment.replacingOccurrences(of: "      volumes:\n", with: """
                        - name: proxy
                          image: envoyproxy/envoy@sha256:0000000000000000000000000000000000000000000000000000000000000000
                      volumes:

                """)
            files["environments/master/deployment.yaml"] = deployment
            files["environments/master/extra.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: master-only\n  namespace: django-master\n"
        })
        let objects = try PromotionSample.promotedObjects(plan)
        let deployment = try #require(objects["Deployment/django-admin"])
        #expect(deployment[path: ["metadata", "annotations", "team"]] == "web")
        let containers = try #require(deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue)
        #expect(containers.compactMap { $0["name"]?.stringValue } == ["web", "proxy"])
        #expect(containers[0]["image"] == .string(Self.developImage))
        #expect(containers[0]["readinessProbe"] != nil)
        #expect(objects["ConfigMap/master-only"] != nil)
        #expect(!plan.writtenFiles.contains("extra.yaml"))
    }

    @Test func aFileOfSeveralObjectsIsRewrittenWhole() throws {
        let plan = try PromotionSample.plan(editMaster: { files in
            let configMap = files.removeValue(forKey: "environments/master/configmap.yaml")!
            let service = files.removeValue(forKey: "environments/master/service.yaml")!
            files["environments/master/app.yaml"] = service + "\n---\n" + configMap
        })
        #expect(plan.writtenFiles.contains("app.yaml"))
        let text = String(decoding: try #require(plan.files["app.yaml"]), as: UTF8.self)
        let documents = try YAML.load(text, file: "app.yaml").map(\.value)
        #expect(documents.map { $0["kind"] } == ["Service", "ConfigMap"])
        #expect(documents[1][path: ["data", "DEBUG"]] == "True")
        #expect(documents[0][path: ["metadata", "namespace"]] == "django-master")
    }

    @Test func aNewObjectGoesToAFileNamedAfterIt() throws {
        let plan = try PromotionSample.plan(editDevelop: { files in
            files["environments/develop/worker.yaml"] = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: worker-settings
                  namespace: django-develop
                data:
                  QUEUE: develop
                """
        })
        #expect(plan.addedObjects.map(\.description) == ["ConfigMap django-master/worker-settings"])
        #expect(plan.writtenFiles.contains("configmap-worker-settings.yaml"))
        let added = try #require(try PromotionSample.promotedObjects(plan)["ConfigMap/worker-settings"])
        #expect(added[path: ["metadata", "namespace"]] == "django-master")
        #expect(added[path: ["data", "QUEUE"]] == "master")
    }

    @Test func promotingAgainFindsNothingToPromote() throws {
        let first = try PromotionSample.plan(PromotionRule(keep: [try KeepPath(parsing: "Deployment:/spec/replicas")]))
        #expect(!first.isEmpty)
        var texts: [String: String] = [:]
        for (path, data) in first.files { texts["environments/master/" + path] = String(decoding: data, as: UTF8.self) }
        let promoted = try PromotionSample.render(texts, folder: "environments/master")
        let develop = try PromotionSample.environment("develop")
        let second = try PromotionPlanner(fromEnvironment: "develop", toEnvironment: "master",
                                          rule: PromotionRule(keep: [try KeepPath(parsing: "Deployment:/spec/replicas")])).plan(
            source: develop.objects, sourceRevision: "d", target: promoted.objects, targetFiles: promoted.files,
            targetPath: "environments/master", targetRevision: "m")
        #expect(second.isEmpty)
        #expect(second.images.isEmpty)
    }

    @Test func commitMessageListsThePromotedImages() throws {
        let plan = try PromotionSample.plan()
        let message = plan.commitMessage
        #expect(message.hasPrefix("Promote develop → master\n\nImages:\n  web: \(Self.developImage) (was ghcr.io/mooring-demo/django-admin@sha256:5f0c2b"))
        #expect(message.contains("  Deployment.apps django-master/django-admin (changed)\n"))
        #expect(message.hasSuffix("\nPromoted from d0d0d0d.\n"))
    }

    @Test func imagesOfSeveralObjectsNameTheirObject() throws {
        let plan = try PromotionSample.plan(editDevelop: { files in
            files["environments/develop/worker.yaml"] = files["environments/develop/deployment.yaml"]!
                .replacingOccurrences(of: "  name: django-admin\n  namespace", with: "  name: worker\n  namespace")
        })
        #expect(plan.commitMessage.contains("\n  Deployment/django-admin web: \(Self.developImage) (was ghcr.io/"))
        #expect(plan.commitMessage.contains("\n  Deployment/worker web: \(Self.developImage) (new)\n"))
    }

    @Test func keepAndOnlyArgumentsAreParsedOrRejected() throws {
        let keep = try KeepPath(parsing: "Deployment:/spec/replicas")
        #expect(keep.kind == "Deployment" && keep.pointer.tokens == ["spec", "replicas"])
        #expect(try KeepPath(parsing: "/metadata/labels/app.kubernetes.io~1name").pointer.tokens == ["metadata", "labels", "app.kubernetes.io/name"])
        for bad in ["spec/replicas", "Deployment:spec", ":/spec", "/"] {
            #expect(throws: PromotionError.self, "\(bad)") { try KeepPath(parsing: bad) }
        }
        #expect(try ObjectSelector(parsing: "Deployment/web") == ObjectSelector(kind: "Deployment", name: "web"))
        for bad in ["Deployment", "a/b/c", "/web"] {
            #expect(throws: PromotionError.self, "\(bad)") { try ObjectSelector(parsing: bad) }
        }
    }

    @Test func overlayMergesNamedListsAndReplacesOthers() {
        let target: JSON = ["args": ["a", "b"], "env": [["name": "A", "value": "1"], ["name": "T", "value": "t"]], "only": "target"]
        let source: JSON = ["args": ["c"], "env": [["name": "S", "value": "s"], ["name": "A", "value": "2"]], "new": 1]
        let merged = ManifestOverlay.overlay(source, onto: target)
        #expect(merged == ["args": ["c"], "env": [["name": "S", "value": "s"], ["name": "A", "value": "2"], ["name": "T", "value": "t"]],
                           "only": "target", "new": 1])
    }
}

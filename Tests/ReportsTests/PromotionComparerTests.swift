import Foundation
import Manifests
import Reports
import Testing

@Suite struct PromotionComparerTests {
    /// The plain-folder sample (the repository's sample before it became kustomize overlays).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/Tests/Fixtures/plain-sample"

    /// The plain sample's develop and master: different namespaces, the same objects.
    @Test func sampleEnvironmentsDevelopToMaster() throws {
        let develop = try ManifestRenderer.render(directory: PromotionComparerTests.repositoryRoot, environmentPath: "environments/develop")
        let master = try ManifestRenderer.render(directory: PromotionComparerTests.repositoryRoot, environmentPath: "environments/master")
        let promotion = PromotionComparer.compare(source: develop.objects.map(\.object), target: master.objects.map(\.object),
                                                  fromEnvironment: "develop", toEnvironment: "master")
        #expect(promotion.objects.allSatisfy { $0.presence == .both }, "objects pair up across namespaces")
        #expect(promotion.objects.count == master.objects.count)
        let deployment = try #require(promotion.objects.first { $0.identity.kind == "Deployment" })
        #expect(deployment.identity.namespace == master.objects.first { $0.identity.kind == "Deployment" }?.identity.namespace)
        let image = try #require(deployment.images.first)
        #expect(image.from != image.to)
        #expect(ImageReference(image.from ?? "").isPinned != ImageReference(image.to ?? "").isPinned || image.from != image.to)
        #expect(deployment.replicas != nil || deployment.config.isEmpty == false)
        // Namespace fields alone never count as a difference.
        #expect(!promotion.objects.flatMap(\.changes).contains { $0.path.description == "metadata.namespace" })
    }

    @Test func presenceAndClassification() throws {
        let source = try YAML.load("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: dev}
            spec:
              replicas: 1
              template:
                spec:
                  containers: [{name: api, image: "api:2.0", env: [{name: MODE, value: dev}]}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: only-dev, namespace: dev}
            """, file: "d.yaml").map(\.value)
        let target = try YAML.load("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: prod}
            spec:
              replicas: 4
              template:
                spec:
                  containers: [{name: api, image: "api:1.9", env: [{name: MODE, value: prod}]}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: only-prod, namespace: prod}
            """, file: "p.yaml").map(\.value)
        let promotion = PromotionComparer.compare(source: source, target: target, fromEnvironment: "dev", toEnvironment: "prod")
        #expect(promotion.objects.map(\.presence) == [.both, .onlyInTarget, .onlyInSource])
        let api = promotion.objects[0]
        #expect(api.images == [ImageChange(container: "api", from: "api:1.9", to: "api:2.0")])
        #expect(api.replicas == ReplicaChange(from: 4, to: 1))
        #expect(api.config.map(\.path.description) == ["spec.template.spec.containers[name=api].env[name=MODE].value"])
        #expect(promotion.objects[2].identity.namespace == "prod", "new objects land in the target's namespace")

        let report = Report(promotion: promotion)
        #expect(report.environments[0].objects.map(\.action) == [.create, .configure, .prune])
    }
}

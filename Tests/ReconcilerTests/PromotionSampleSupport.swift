import Foundation
import GitSource
import Manifests
@testable import Reconciler

/// The plain-folder sample environments (`Tests/Fixtures/plain-sample`: the repository's sample as
/// it was before it became kustomize overlays) read from disk, as the promotion planner takes them.
enum PromotionSample {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/Tests/Fixtures/plain-sample"
    }()

    /// The environment's rendered objects and its files (repository paths), optionally edited.
    static func environment(_ name: String, edit: (inout [String: String]) -> Void = { _ in }) throws -> (objects: [RenderedObject], files: [TreeFile]) {
        let folder = "environments/\(name)"
        var texts: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: root + "/" + folder) {
            texts[folder + "/" + file] = try String(contentsOfFile: root + "/" + folder + "/" + file, encoding: .utf8)
        }
        edit(&texts)
        return try render(texts, folder: folder)
    }

    static func render(_ texts: [String: String], folder: String) throws -> (objects: [RenderedObject], files: [TreeFile]) {
        let sorted = texts.sorted { $0.key < $1.key }
        let objects = try ManifestRenderer.render(files: sorted.map { SourceFile.file($0.key, $0.value) }, environmentPath: folder).objects
        return (objects, sorted.map { TreeFile(path: $0.key, content: .blob(Data($0.value.utf8))) })
    }

    /// Plans develop → master on the sample with `rule`.
    static func plan(_ rule: PromotionRule = PromotionRule(),
                     editDevelop: (inout [String: String]) -> Void = { _ in },
                     editMaster: (inout [String: String]) -> Void = { _ in }) throws -> PromotionPlan {
        let develop = try environment("develop", edit: editDevelop)
        let master = try environment("master", edit: editMaster)
        return try PromotionPlanner(fromEnvironment: "develop", toEnvironment: "master", rule: rule).plan(
            source: develop.objects, sourceRevision: "d0d0d0d", target: master.objects, targetFiles: master.files,
            targetPath: "environments/master", targetRevision: "m0m0m0m")
    }

    /// The promoted folder rendered again, by file name.
    static func promotedObjects(_ plan: PromotionPlan) throws -> [String: JSON] {
        var texts: [String: String] = [:]
        for (path, data) in plan.files { texts["environments/master/" + path] = String(decoding: data, as: UTF8.self) }
        var byName: [String: JSON] = [:]
        for object in try render(texts, folder: "environments/master").objects {
            byName["\(object.identity.kind)/\(object.identity.name)"] = object.object
        }
        return byName
    }
}

import Foundation
import GitSource
import Manifests

/// Works out a promotion without touching git: the source environment's rendered objects, the
/// target's rendered objects and the target folder's files in, the target folder's new files
/// out (see ``PromotionRule`` for the rule).
///
/// The target's file layout is kept: an object that already exists is rewritten in the file that
/// declares it (files none of whose objects change keep their bytes, comments included); a new
/// object goes to a new file named after it, `<kind>-<name>.yaml`.
public struct PromotionPlanner: Sendable {
    public var fromEnvironment: String
    public var toEnvironment: String
    public var rule: PromotionRule

    public init(fromEnvironment: String, toEnvironment: String, rule: PromotionRule) {
        self.fromEnvironment = fromEnvironment
        self.toEnvironment = toEnvironment
        self.rule = rule
    }

    /// - Parameters:
    ///   - targetFiles: every file of the target's folder (repository paths), as git holds them.
    public func plan(source: [RenderedObject], sourceRevision: String, target: [RenderedObject], targetFiles: [TreeFile],
                     targetPath: String, targetRevision: String) throws -> PromotionPlan {
        let folder = Self.normalized(targetPath)
        let mapping = EnvironmentValueMapping.infer(
            source: source.map(\.object), target: target.map(\.object),
            fromEnvironment: fromEnvironment, toEnvironment: toEnvironment)
        for selector in rule.only where !source.contains(where: { selector.matches($0.identity) }) {
            throw PromotionError("--only \(selector): \(fromEnvironment) has no such object")
        }

        var targetIndex: [ObjectIdentity: Int] = [:]
        for (index, object) in target.enumerated() { targetIndex[object.identity] = index }

        var promoted = target.map(\.object)
        var changed: [ObjectIdentity] = [], added: [JSON] = [], addedIdentities: [ObjectIdentity] = []
        var images: [PromotedImage] = []
        var claimedBy: [ObjectIdentity: ObjectIdentity] = [:]
        for object in source where rule.includes(object.identity) {
            guard let identity = ObjectIdentity(of: mapping.apply(to: object.object)) else { continue }
            if let first = claimedBy[identity] {
                throw PromotionError("\(first) and \(object.identity) of \(fromEnvironment) would both become \(identity) in \(toEnvironment)")
            }
            claimedBy[identity] = object.identity
            if let index = targetIndex[identity] {
                let new = rule.promote(object.object, onto: target[index].object, mapping: mapping)
                guard new != target[index].object else { continue }
                promoted[index] = new
                changed.append(identity)
                images += PromotedImage.changes(from: target[index].object, to: new, object: identity)
            } else {
                let new = rule.promote(object.object, onto: nil, mapping: mapping)
                added.append(new)
                addedIdentities.append(identity)
                images += PromotedImage.changes(from: nil, to: new, object: identity)
            }
        }

        var files: [String: Data] = [:]
        for file in targetFiles {
            let relative = try Self.relativePath(file.path, in: folder)
            guard let data = file.data else {
                throw PromotionError("\(file.path) is a symbolic link: promotion rewrites \(toEnvironment)'s folder and keeps only regular files")
            }
            files[relative] = data
        }
        var written = Set<String>()
        let changedSet = Set(changed)
        let objectsByFile = Dictionary(grouping: target.indices, by: { target[$0].source.file })
        for (file, indices) in objectsByFile where indices.contains(where: { changedSet.contains(target[$0].identity) }) {
            let relative = try Self.relativePath(file, in: folder)
            files[relative] = Self.serialize(indices.map { promoted[$0] }, asJSON: file.hasSuffix(".json"))
            written.insert(relative)
        }
        for (object, identity) in zip(added, addedIdentities) {
            let relative = Self.newFileName(for: identity, avoiding: Set(files.keys))
            files[relative] = Self.serialize([object], asJSON: false)
            written.insert(relative)
        }

        return PromotionPlan(
            fromEnvironment: fromEnvironment, toEnvironment: toEnvironment, sourceRevision: sourceRevision,
            targetRevision: targetRevision, targetBranch: nil, targetPath: folder, currentObjects: target.map(\.object),
            promotedObjects: promoted + added, changedObjects: changed, addedObjects: addedIdentities,
            files: files, writtenFiles: written.sorted(), images: images, mapping: mapping,
            leftOutSecrets: source.map(\.identity).filter(rule.leavesOutSecret))
    }

    /// `deployment-web.yaml`, or `deployment-web-2.yaml` if that is taken.
    static func newFileName(for identity: ObjectIdentity, avoiding taken: Set<String>) -> String {
        let base = "\(identity.kind)-\(identity.name)".lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" }
        var name = String(base) + ".yaml", counter = 2
        while taken.contains(name) {
            name = "\(String(base))-\(counter).yaml"
            counter += 1
        }
        return name
    }

    /// YAML documents, or for a `.json` file holding one object, indented JSON.
    static func serialize(_ objects: [JSON], asJSON: Bool) -> Data {
        if asJSON, objects.count == 1 { return Data((objects[0].prettyPrinted() + "\n").utf8) }
        return Data(YAML.dumpDocuments(objects).utf8)
    }

    /// `environments/master` for `./environments/master/`.
    static func normalized(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    static func relativePath(_ path: String, in folder: String) throws -> String {
        let normalized = Self.normalized(path)
        if folder.isEmpty { return normalized }
        guard normalized.hasPrefix(folder + "/") else {
            throw PromotionError("\(path) is not inside \(folder)")
        }
        return String(normalized.dropFirst(folder.count + 1))
    }
}

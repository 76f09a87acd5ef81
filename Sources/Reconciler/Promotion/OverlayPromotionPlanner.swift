import Manifests

/// Works out a promotion between kustomize overlays without touching git: which `images:`
/// entries the target's kustomization needs so that each container the source renders with
/// another image than the target renders it with gets the source's image. Pure; ``Promoter``
/// renders both sides before and the target's edit after.
///
/// An overlay promotion carries images only (what a release is): the target keeps its own
/// namespace, replicas, patches and generators, and its kustomization is the one file changed.
///
/// Containers are matched by object and container name. An object is the same on both sides
/// when its identity maps across (``EnvironmentValueMapping``: namespaces, environment names) or,
/// failing that, when both come from the same source file and kind (a shared base, whatever
/// `namePrefix` each overlay adds).
struct OverlayPromotionPlanner: Sendable {
    var fromEnvironment: String
    var toEnvironment: String
    var rule: PromotionRule

    /// A container whose image the promotion sets, in the target's terms.
    struct WantedImage: Sendable, Hashable {
        var object: ObjectIdentity
        var container: String
        var image: String
    }

    struct Draft: Sendable {
        var entries: [KustomizeImage]
        var wanted: [WantedImage]
        /// The target's kustomization text with the entries set.
        var editedText: String
    }

    /// - Parameters:
    ///   - kustomization: the target overlay's kustomization file (as named in messages) and text.
    func draft(source: [RenderedObject], target: [RenderedObject], kustomization: (path: String, text: String)) throws -> Draft {
        if !rule.keep.isEmpty || !rule.keepsReplicas {
            throw PromotionError("--keep and --promote-replicas apply to plain folders: \(toEnvironment) is a kustomize overlay, whose promotion sets only its images in \(kustomization.path)")
        }
        for selector in rule.only where !source.contains(where: { selector.matches($0.identity) }) {
            throw PromotionError("--only \(selector): \(fromEnvironment) has no such object")
        }
        let mapping = EnvironmentValueMapping.infer(source: source.map(\.object), target: target.map(\.object),
                                                    fromEnvironment: fromEnvironment, toEnvironment: toEnvironment)
        var byIdentity: [ObjectIdentity: RenderedObject] = [:]
        for object in target { byIdentity[object.identity] = object }
        let existing = (try? YAML.load(kustomization.text, file: kustomization.path).first?.value["images"]?.arrayValue ?? []) ?? []
        let entries = existing.compactMap(KustomizeImage.init)

        var chosen: [String: (entry: KustomizeImage, for: WantedImage)] = [:]
        var order: [String] = []
        var wanted: [WantedImage] = []
        for object in source where rule.includes(object.identity) {
            guard let counterpart = counterpart(of: object, mapping: mapping, byIdentity: byIdentity, target: target) else { continue }
            let targetImages = Dictionary(ContainerImages.of(counterpart.object), uniquingKeysWith: { first, _ in first })
            for (container, image) in ContainerImages.of(object.object) {
                guard let current = targetImages[container], current != image else { continue }
                let want = WantedImage(object: counterpart.identity, container: container, image: image)
                let currentReference = ImageReference(parsing: current)
                let name = entries.first { $0.couldRender(currentReference) }?.name ?? currentReference.name
                let entry = KustomizeImage(name: name, rendering: ImageReference(parsing: image))
                if let earlier = chosen[name], earlier.entry != entry {
                    throw PromotionError("""
                        \(toEnvironment)'s \(earlier.for.object.kind)/\(earlier.for.object.name) container \(earlier.for.container) \
                        and \(want.object.kind)/\(want.object.name) container \(want.container) both run image \(name), but \
                        \(fromEnvironment) runs them as \(earlier.for.image) and \(image): one images entry cannot set both (use --only)
                        """)
                }
                if chosen[name] == nil { order.append(name) }
                chosen[name] = (entry, want)
                wanted.append(want)
            }
        }
        let changes = order.map { chosen[$0]!.entry }.filter { !entries.contains($0) }
        let edited = changes.isEmpty ? kustomization.text
            : try KustomizationImagesEditor.setting(changes, in: kustomization.text, file: kustomization.path)
        return Draft(entries: changes, wanted: wanted, editedText: edited)
    }

    /// The target's copy of a source object: by mapped identity, else by kind and source file.
    private func counterpart(of object: RenderedObject, mapping: EnvironmentValueMapping,
                             byIdentity: [ObjectIdentity: RenderedObject], target: [RenderedObject]) -> RenderedObject? {
        if let identity = ObjectIdentity(of: mapping.apply(to: object.object)), let found = byIdentity[identity] { return found }
        let sameFile = target.filter { $0.identity.groupKind == object.identity.groupKind && $0.source == object.source }
        return sameFile.count == 1 ? sameFile[0] : nil
    }
}

import Manifests

/// The container images an object runs, by container name: what a promotion commit's message
/// lists. Knows the pod template of every built-in workload kind.
enum ContainerImages {
    /// `(container, image)` for init containers then containers, in manifest order.
    static func of(_ object: JSON) -> [(container: String, image: String)] {
        podSpecs(of: object).flatMap { spec in
            ["initContainers", "containers"].flatMap { list in
                (spec[list]?.arrayValue ?? []).compactMap { container in
                    guard let name = container["name"]?.stringValue, let image = container["image"]?.stringValue else { return nil }
                    return (name, image)
                }
            }
        }
    }

    private static func podSpecs(of object: JSON) -> [JSON] {
        switch object["kind"]?.stringValue {
        case "Pod":
            return object["spec"].map { [$0] } ?? []
        case "CronJob":
            return object[path: ["spec", "jobTemplate", "spec", "template", "spec"]].map { [$0] } ?? []
        default:
            return object[path: ["spec", "template", "spec"]].map { [$0] } ?? []
        }
    }
}

/// A container whose image a promotion changes, for the commit message and the report.
public struct PromotedImage: Sendable, Hashable, CustomStringConvertible {
    public var object: ObjectIdentity
    public var container: String
    /// The target's image before, `nil` for a new container or object.
    public var from: String?
    public var to: String

    public init(object: ObjectIdentity, container: String, from: String?, to: String) {
        self.object = object
        self.container = container
        self.from = from
        self.to = to
    }

    /// `web: …:4.2.16-rc.3 (was …@sha256:…)`
    public var description: String {
        "\(container): \(to)" + (from.map { " (was \($0))" } ?? " (new)")
    }

    /// The images that differ between an object's old and new manifest.
    static func changes(from old: JSON?, to new: JSON, object: ObjectIdentity) -> [PromotedImage] {
        let before = Dictionary(old.map(ContainerImages.of) ?? [], uniquingKeysWith: { first, _ in first })
        return ContainerImages.of(new).compactMap { container, image in
            before[container] == image ? nil
                : PromotedImage(object: object, container: container, from: before[container], to: image)
        }
    }
}

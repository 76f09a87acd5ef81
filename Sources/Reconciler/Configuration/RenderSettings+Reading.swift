import Manifests

/// Reading the `render` keys of `mooring.yaml`: the top-level `render.kustomize` settings and an
/// environment's `render: plain|kustomize`.
extension RenderSettings {
    static let keys = ["kustomize"]
    static let kustomizeKeys = ["binary", "timeout"]

    static func read(_ value: JSON, with reader: inout ConfigurationReader) -> RenderSettings {
        let path = ["render"]
        var settings = RenderSettings()
        guard !value.isNull, let object = reader.object(value, at: path, named: "render") else { return settings }
        reader.rejectUnknownKeys(of: object, allowed: keys, at: path, context: "in render")
        let kustomizePath = path + ["kustomize"]
        guard let kustomize = object["kustomize"], !kustomize.isNull,
              let kustomizeObject = reader.object(kustomize, at: kustomizePath, named: "render.kustomize") else { return settings }
        reader.rejectUnknownKeys(of: kustomizeObject, allowed: kustomizeKeys, at: kustomizePath, context: "in render.kustomize")
        if let binary = reader.string(kustomizeObject, "binary", at: kustomizePath, named: "render.kustomize.binary") {
            if binary.isEmpty {
                reader.report("render.kustomize.binary is empty: leave it out to use kustomize on PATH, else kubectl kustomize",
                              at: kustomizePath + ["binary"])
            } else {
                settings.kustomize.binary = binary
            }
        }
        if let timeout = reader.duration(kustomizeObject, "timeout", at: kustomizePath, named: "render.kustomize.timeout") {
            settings.kustomize.timeout = timeout
        }
        return settings
    }
}

extension RenderMode {
    /// An environment's `render:` value; `nil` (with a problem reported) when it is neither word.
    static func read(_ object: JSONObject, at path: ConfigurationPath, context: String, with reader: inout ConfigurationReader) -> RenderMode? {
        guard let word = reader.string(object, "render", at: path, named: "render \(context)") else { return nil }
        if let mode = RenderMode(rawValue: word) { return mode }
        let choices = RenderMode.allCases.map(\.rawValue).joined(separator: " or ")
        reader.report("unknown render \"\(word)\" \(context): use \(choices) (leave it out to detect a kustomization)", at: path + ["render"])
        return nil
    }
}

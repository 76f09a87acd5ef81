import Manifests

/// Turns the text of one kubeconfig file into a JSON value. Kubeconfigs are YAML; JSON is read
/// directly (it is also YAML, and what `kubectl config view -o json` writes).
enum KubeconfigDocument {
    static func parse(_ text: String, path: String) throws(KubeconfigError) -> JSON {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if trimmed.isEmpty { return .object(JSONObject()) }
        if trimmed.first == "{" {
            do { return try JSON(parsing: text) } catch { throw .malformed(path: path, detail: "\(error)") }
        }
        throw .malformed(path: path, detail: "YAML kubeconfigs are not readable yet (JSON only)")
    }
}

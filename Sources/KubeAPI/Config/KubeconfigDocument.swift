import Manifests

/// Turns the text of one kubeconfig file into a JSON value. Kubeconfigs are YAML (JSON, as
/// `kubectl config view -o json` writes, is YAML too); an empty file is an empty config.
enum KubeconfigDocument {
    static func parse(_ text: String, path: String) throws(KubeconfigError) -> JSON {
        let documents: [YAMLDocument]
        do { documents = try YAML.load(text, file: path) } catch {
            throw .malformed(path: path, detail: "\(error)")
        }
        guard documents.count <= 1 else { throw .malformed(path: path, detail: "expected one YAML document, found \(documents.count)") }
        return documents.first?.value ?? .object(JSONObject())
    }
}

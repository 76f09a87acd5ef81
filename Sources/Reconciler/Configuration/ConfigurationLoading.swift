import Foundation
import Manifests

extension MooringConfiguration {
    /// Reads `mooring.yaml` text: YAML syntax errors and every configuration problem come back
    /// as a `ConfigurationError` naming the file and line.
    ///
    /// - Parameter kubeconfigContexts: when given, each `kubeconfig` cluster's context is checked
    ///   against the contexts its file defines (see `validateClusters`), in the same pass.
    public init(yaml text: String, file: String = "mooring.yaml", kubeconfigContexts: ((String?) -> [String]?)? = nil) throws {
        let documents: [YAMLDocument]
        do {
            documents = try YAML.load(text, file: file)
        } catch let error as YAMLError {
            throw ConfigurationError(problems: [ConfigurationProblem(file: error.file, line: error.line, message: error.message)])
        }
        guard documents.count <= 1 else {
            throw ConfigurationError(problems: [ConfigurationProblem(
                file: file, line: documents[1].startLine, message: "expected one YAML document, found \(documents.count)")])
        }
        guard let document = documents.first else {
            try self.init(document: .null, file: file, lineOf: { _ in nil })
            return
        }
        let lines = document.lines
        let lineOf: LineLookup = { lines[JSONPointer.from(path: $0)] }
        try self.init(document: document.value, file: file, lineOf: lineOf)
        if let kubeconfigContexts { try validateClusters(file: file, lineOf: lineOf, contextsOf: kubeconfigContexts) }
    }

    /// Reads the configuration file at `path`; an unreadable file is a `ConfigurationError` too.
    public init(contentsOf path: String, kubeconfigContexts: ((String?) -> [String]?)? = nil) throws {
        let name = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(problems: [ConfigurationProblem(file: path, line: nil, message: "cannot read the file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(problems: [ConfigurationProblem(file: name, line: nil, message: "the file is not UTF-8 text")])
        }
        try self.init(yaml: text, file: name, kubeconfigContexts: kubeconfigContexts)
    }
}

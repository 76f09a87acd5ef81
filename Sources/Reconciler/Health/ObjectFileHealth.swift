import Foundation
import Manifests

/// One object of a file, as `mooring health` reports it.
public struct AssessedObject: Sendable, Hashable {
    public var identity: ObjectIdentity
    /// Where the object was written: `certificate.yaml:12`.
    public var file: String
    public var line: Int
    public var health: HealthAssessment
    /// What assessed it: `built-in`, or the name of the user's script.
    public var check: String
}

/// Why the objects of a file could not be assessed: the file, the line when there is one, and
/// what is wrong (`app.yaml:7:3: mapping values are not allowed here`).
public struct ObjectFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

/// `mooring health FILE...`: assesses objects saved to files (multi-document YAML or JSON, as
/// `kubectl get -o yaml` writes them, `List`s included) with the built-in rules and `checks`,
/// as Argo CD users test their checks with `argocd admin settings resource-overrides health`.
public enum ObjectFileHealth {
    /// The results in file order.
    ///
    /// - Parameter read: the bytes of a file, `nil` when it cannot be read (the caller reads, so
    ///   `-` can be standard input).
    /// - Throws: `ObjectFileError` for an unreadable file, invalid YAML, or an object without
    ///   apiVersion, kind or name; nothing is assessed then.
    public static func assess(files: [String], checks: HealthChecks, now: Date = Date(),
                              read: (String) -> [UInt8]?) throws -> [AssessedObject] {
        var results: [AssessedObject] = []
        for file in files {
            guard let bytes = read(file) else {
                let why = FileManager.default.fileExists(atPath: file) ? "permission denied or not a file" : "no such file"
                throw ObjectFileError("\(file): cannot read: \(why)")
            }
            let documents: [YAMLDocument]
            do { documents = try YAML.load(bytes: bytes, file: file) } catch { throw ObjectFileError("\(error)") }
            for document in documents where !document.value.isNull {
                for (object, line) in try objects(in: document) {
                    guard let identity = ObjectIdentity(of: object) else {
                        throw ObjectFileError("\(file):\(line): not a Kubernetes object: it needs apiVersion, kind and metadata.name")
                    }
                    let check = checks.script(for: identity.groupKind)?.script.name ?? "built-in"
                    results.append(AssessedObject(identity: identity, file: file, line: line,
                                                  health: HealthAssessor.assess(object, checks: checks, now: now), check: check))
                }
            }
        }
        return results
    }

    /// The document's object, or the items of a `List` (`kind: List`, `PodList`, …).
    private static func objects(in document: YAMLDocument) throws -> [(JSON, Int)] {
        guard document.value.objectValue != nil else {
            throw ObjectFileError("\(document.file):\(document.line(nearPointer: "")): expected an object, not \(document.value.typeName)")
        }
        guard let kind = document.value["kind"]?.stringValue, kind.hasSuffix("List"),
              let items = document.value["items"]?.arrayValue else {
            return [(document.value, document.line(nearPointer: ""))]
        }
        return items.enumerated().map { index, item in (item, document.line(nearPath: ["items", String(index)])) }
    }
}

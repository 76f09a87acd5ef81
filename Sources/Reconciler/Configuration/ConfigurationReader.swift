import Manifests

/// Where a value sits in the configuration document: object keys, and array indices as decimal
/// strings (`["environments", "develop", "ignoreDifferences", "0", "kind"]`).
public typealias ConfigurationPath = [String]

/// Maps a path in the document to the line it was written on. The YAML loader provides it; the
/// line of a key is the line of the key itself, so "unknown key" points at the typo.
public typealias LineLookup = @Sendable (ConfigurationPath) -> Int?

/// A typed, checking view over a configuration `JSON` value that records every problem with its
/// line instead of stopping at the first.
struct ConfigurationReader {
    let file: String
    let lineOf: LineLookup
    private(set) var problems: [ConfigurationProblem] = []

    init(file: String, lineOf: @escaping LineLookup) {
        self.file = file
        self.lineOf = lineOf
    }

    /// The line of `path`, or of its nearest ancestor that has one.
    func line(of path: ConfigurationPath) -> Int? {
        var path = path
        while true {
            if let line = lineOf(path) { return line }
            if path.isEmpty { return nil }
            path.removeLast()
        }
    }

    mutating func report(_ message: String, at path: ConfigurationPath) {
        problems.append(ConfigurationProblem(file: file, line: line(of: path), message: message))
    }

    /// Reports every key of `object` not in `allowed`, e.g. `unknown key "prunee" in environment "develop"`.
    mutating func rejectUnknownKeys(of object: JSONObject, allowed: [String], at path: ConfigurationPath, context: String) {
        for key in object.keys where !allowed.contains(key) {
            var message = "unknown key \"\(key)\" \(context)"
            if let suggestion = TypoSuggestion.closest(to: key, among: allowed) { message += " (did you mean \"\(suggestion)\"?)" }
            report(message, at: path + [key])
        }
    }

    /// `unknown event "sync-faild" in notification "chat" (did you mean "sync-failed"?)`, or the
    /// choices when none is one typo away.
    func unknownWord(_ subject: String, _ word: String, among allowed: [String]) -> String {
        if let suggestion = TypoSuggestion.closest(to: word, among: allowed) { return "unknown \(subject) (did you mean \"\(suggestion)\"?)" }
        return "unknown \(subject): one of \(allowed.joined(separator: ", "))"
    }

    mutating func object(_ value: JSON, at path: ConfigurationPath, named name: String) -> JSONObject? {
        if let object = value.objectValue { return object }
        report("\(name) must be a map, not \(value.typeName)", at: path)
        return nil
    }

    mutating func string(_ object: JSONObject, _ key: String, at path: ConfigurationPath, named name: String) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        if let string = value.stringValue { return string }
        report("\(name) must be a string, not \(value.typeName)", at: path + [key])
        return nil
    }

    mutating func bool(_ object: JSONObject, _ key: String, at path: ConfigurationPath, named name: String) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        if let bool = value.boolValue { return bool }
        report("\(name) must be true or false, not \(value.typeName) \(value.serialized())", at: path + [key])
        return nil
    }

    /// A positive Go-style duration such as `30s`, `5m` or `1h30m`.
    mutating func duration(_ object: JSONObject, _ key: String, at path: ConfigurationPath, named name: String) -> Duration? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            report("\(name) must be a duration such as 30s, 5m or 1h30m, not \(value.typeName) \(value.serialized())", at: path + [key])
            return nil
        }
        guard let duration = GoDuration.parse(text) else {
            report("bad duration \"\(text)\" for \(name): expected a duration such as 30s, 5m or 1h30m", at: path + [key])
            return nil
        }
        guard duration > .zero else {
            report("\(name) must be longer than zero, not \"\(text)\"", at: path + [key])
            return nil
        }
        return duration
    }
}

import Manifests

/// Sets `images:` entries in a kustomization file's text the way `kustomize edit set image`
/// would set them, but in place: only the lines of the entries that change are touched, so the
/// file keeps its comments, key order, quoting and indentation everywhere else.
///
/// ```yaml
/// images:
/// - name: ghcr.io/mooring-demo/django-admin   # the release master runs
///   newTag: "4.2.15"                    ←  newTag: 4.2.16-rc.3   (the value only; the comment stays)
/// ```
///
/// An entry whose name is not listed yet is added at the end of the list (or a new `images:` at
/// the end of the file). Layouts this cannot edit line by line (flow style `images: [{…}]`) are
/// an error rather than a rewrite: every result is parsed back and must hold exactly the
/// intended entries with the rest of the file unchanged.
enum KustomizationImagesEditor {
    static func setting(_ images: [KustomizeImage], in text: String, file: String) throws -> String {
        do {
            _ = try parse(text, file: file)
        } catch let failure as EditFailure {
            throw PromotionError("\(file): \(failure.reason)")  // the file's own problem, named as such
        }
        var edited = text
        do {
            for image in images {
                edited = try setting(image, in: edited, file: file)
            }
            try verify(edited, original: text, images: images, file: file)
        } catch let failure as EditFailure {
            throw PromotionError("cannot set images in \(file) in place: \(failure.reason); set them with kustomize edit set image, or write the entries as a block list")
        }
        return edited
    }

    /// Why an edit cannot be made line by line.
    private struct EditFailure: Error {
        var reason: String
    }

    private static func setting(_ image: KustomizeImage, in text: String, file: String) throws -> String {
        let document = try parse(text, file: file)
        var lines = text.components(separatedBy: "\n")
        let entries = document.value["images"]?.arrayValue
        if let index = entries?.firstIndex(where: { $0["name"]?.stringValue == image.name }) {
            return try update(entry: index, of: document, to: image, lines: &lines, file: file).joined(separator: "\n")
        }
        if let entries, !entries.isEmpty {
            let first = document.line(nearPointer: "/images/0/name") - 1
            guard let dash = lines[first].firstIndex(of: "-") else { throw EditFailure(reason: "its images entries are not a block list") }
            let indent = String(lines[first][..<dash])
            let last = lastLine(under: "/images", in: document)
            lines.insert(contentsOf: block(for: image, dashIndent: indent), at: last)
            return lines.joined(separator: "\n")
        }
        if entries != nil { throw EditFailure(reason: "its images list is empty in flow style") }
        // No images yet: a new block at the end of the file.
        while lines.last == "" { lines.removeLast() }
        lines.append("images:")
        lines += block(for: image, dashIndent: "")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    /// Changes, adds or removes the entry's `newName`, `newTag` and `digest` lines.
    private static func update(entry index: Int, of document: YAMLDocument, to image: KustomizeImage,
                               lines: inout [String], file: String) throws -> [String] {
        let entryPointer = "/images/\(index)"
        let current = document.value["images"]?[index].flatMap(KustomizeImage.init) ?? KustomizeImage(name: image.name)
        let nameLine = document.line(nearPointer: entryPointer + "/name") - 1
        guard let keyColumn = lines[nameLine].range(of: "name:")?.lowerBound.utf16Offset(in: lines[nameLine]) else {
            throw EditFailure(reason: "the name of images entry \(image.name) is not on its own key line")
        }
        let keyIndent = String(repeating: " ", count: keyColumn)
        var removals: [Int] = []
        var additions: [String] = []
        for field in KustomizeImage.fields {
            let old: String? = current.value(of: field), new: String? = image.value(of: field)
            guard old != new else { continue }
            let line = document.line(nearPointer: entryPointer + "/" + field) - 1
            switch (old, new) {
            case (.some, .some(let value)):
                lines[line] = try replacingValue(of: field, with: value, in: lines[line], file: file)
            case (.some, nil):
                guard line != nameLine, lines[line].trimmingLeadingSpaces.hasPrefix(field + ":") else {
                    throw EditFailure(reason: "\(field) of images entry \(image.name) shares a line with another key")
                }
                removals.append(line)
            case (nil, .some(let value)):
                additions.append(keyIndent + field + ": " + scalar(value))
            case (nil, nil):
                continue
            }
        }
        let insertAt = lastLine(under: entryPointer, in: document)
        lines.insert(contentsOf: additions, at: insertAt)
        for line in removals.sorted(by: >) { lines.remove(at: line) }
        return lines
    }

    /// The 0-based index just after the last line written under `pointer`.
    private static func lastLine(under pointer: String, in document: YAMLDocument) -> Int {
        document.lines.filter { $0.key == pointer || $0.key.hasPrefix(pointer + "/") }.map(\.value).max() ?? document.line(nearPointer: pointer)
    }

    private static func block(for image: KustomizeImage, dashIndent: String) -> [String] {
        var result = [dashIndent + "- name: " + scalar(image.name)]
        for field in KustomizeImage.fields {
            if let value = image.value(of: field) { result.append(dashIndent + "  " + field + ": " + scalar(value)) }
        }
        return result
    }

    /// `  newTag: "4.2.15"  # pinned` with a new value, the key and the comment kept.
    private static func replacingValue(of field: String, with value: String, in line: String, file: String) throws -> String {
        guard let key = line.range(of: field + ":") else { throw EditFailure(reason: "\(field) is not on its key line") }
        let afterKey = line[key.upperBound...]
        let valueStart = afterKey.firstIndex { $0 != " " } ?? afterKey.endIndex
        let valueEnd = endOfScalar(in: line[valueStart...])
        guard valueStart < valueEnd else { throw EditFailure(reason: "\(field)'s value is not on its key line") }
        return String(line[..<valueStart]) + scalar(value) + String(line[valueEnd...])
    }

    /// Where a single-line scalar ends: after its closing quote, or before ` #` / the line's end.
    private static func endOfScalar(in text: Substring) -> Substring.Index {
        guard let first = text.first else { return text.endIndex }
        if first == "\"" || first == "'" {
            var index = text.index(after: text.startIndex)
            while index < text.endIndex {
                let character = text[index]
                if first == "\"" && character == "\\" { index = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex; continue }
                if character == first {
                    let next = text.index(after: index)
                    if first == "'" && next < text.endIndex && text[next] == "'" { index = text.index(after: next); continue }
                    return next
                }
                index = text.index(after: index)
            }
            return text.endIndex
        }
        let comment = text.range(of: " #")?.lowerBound ?? text.endIndex
        var end = comment
        while end > text.startIndex, text[text.index(before: end)] == " " { end = text.index(before: end) }
        return end
    }

    /// A string as a YAML scalar, quoted when plain text would read as something else (`1.10`, `true`).
    static func scalar(_ value: String) -> String {
        var text = YAML.dump(.string(value))
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    private static func parse(_ text: String, file: String) throws -> YAMLDocument {
        do {
            guard let document = try YAML.load(text, file: file).first, document.value.objectValue != nil else {
                throw EditFailure(reason: "it holds no kustomization")
            }
            return document
        } catch let error as YAMLError {
            throw EditFailure(reason: "line \(error.line): \(error.message)")
        }
    }

    /// The edited file must hold the intended entries and be otherwise what it was.
    private static func verify(_ edited: String, original: String, images: [KustomizeImage], file: String) throws {
        let before = try parse(original, file: file).value, after = try parse(edited, file: file).value
        var expected = before.objectValue!
        var entries = before["images"]?.arrayValue ?? []
        for image in images {
            var entry = JSONObject()
            if let index = entries.firstIndex(where: { $0["name"]?.stringValue == image.name }), let existing = entries[index].objectValue {
                entry = existing
                for field in KustomizeImage.fields { entry[field] = image.value(of: field).map(JSON.string) }
                entries[index] = .object(entry)
            } else {
                entry["name"] = .string(image.name)
                for field in KustomizeImage.fields { entry[field] = image.value(of: field).map(JSON.string) }
                entries.append(.object(entry))
            }
        }
        expected["images"] = .array(entries)
        guard after == .object(expected) else {
            throw EditFailure(reason: "its images are laid out in a way Mooring does not edit line by line")
        }
    }
}

private extension String {
    var trimmingLeadingSpaces: Substring { drop { $0 == " " } }
}

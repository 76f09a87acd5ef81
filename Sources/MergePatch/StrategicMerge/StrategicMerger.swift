import Manifests

/// The recursive merge behind `StrategicMergePatch`, one schema node at a time.
struct StrategicMerger<Node: MergeSchemaNode> {
    typealias Failure = StrategicMergePatchError

    func mergeMap(_ original: JSONObject, _ patch: JSONObject, schema: Node?) throws(Failure) -> JSONObject {
        if let directive = patch[Directive.patch] {
            switch directive.stringValue {
            case "replace":
                var replacement = patch
                replacement.removeValue(forKey: Directive.patch)
                return Directive.cleaned(.object(replacement))?.objectValue ?? JSONObject()
            case "delete":
                return JSONObject()
            default:
                throw .badPatchType(directive, patch)
            }
        }
        var original = original
        var patch = patch
        try applyRetainKeys(&original, &patch)
        try applySetElementOrder(&original, &patch, schema: schema)

        for (patchKey, patchValue) in patch {
            var key = patchKey
            var isDeleteList = false
            if patchKey.hasPrefix(Directive.deleteFromPrimitiveListPrefix) {
                guard let list = Directive.listName(in: patchKey, prefix: Directive.deleteFromPrimitiveListPrefix) else {
                    throw .badPrimitiveListFormat
                }
                key = list
                isDeleteList = true
            }
            if patchValue.isNull {
                original.removeValue(forKey: key)
                continue
            }
            guard let originalValue = original[key] else {
                if !isDeleteList { original[key] = Directive.cleaned(patchValue) }
                continue
            }
            guard Self.sameKind(originalValue, patchValue) else {
                if !isDeleteList { original[key] = Directive.cleaned(patchValue) }
                continue
            }
            let field = schema?.member(key)
            let strategy = Self.listOrMapStrategy(field)
            switch (originalValue, patchValue) {
            case let (.object(originalMap), .object(patchMap)):
                if strategy == .replace {
                    original[key] = Directive.cleaned(patchValue)
                } else {
                    original[key] = .object(try mergeMap(originalMap, patchMap, schema: field))
                }
            case let (.array(originalList), .array(patchList)):
                if strategy == .merge {
                    original[key] = .array(try mergeList(originalList, patchList, items: field?.listItems,
                                                         mergeKey: field?.patchMergeKey ?? "", isDeleteList: isDeleteList))
                } else {
                    original[key] = Directive.cleaned(patchValue)
                }
            default:
                original[key] = Directive.cleaned(patchValue)
            }
        }
        return original
    }

    /// The field's strategy other than `retainKeys`: `merge`, `replace`, or `nil` (maps merge, lists replace).
    static func listOrMapStrategy(_ field: Node?) -> PatchStrategy? {
        field?.patchStrategies.first { $0 != .retainKeys }
    }

    /// Whether two values have the same Go type once decoded (numbers are all `float64`).
    static func sameKind(_ a: JSON, _ b: JSON) -> Bool {
        switch (a, b) {
        case (.object, .object), (.array, .array), (.string, .string), (.bool, .bool), (.null, .null): return true
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double): return true
        default: return false
        }
    }

    /// `$retainKeys`: keys of the original not listed are cleared; the patch may only set listed keys.
    private func applyRetainKeys(_ original: inout JSONObject, _ patch: inout JSONObject) throws(Failure) {
        guard let retain = patch.removeValue(forKey: Directive.retainKeys) else { return }
        guard case .array(let names) = retain else { throw .badRetainKeysFormat }
        let kept = Set(names)
        for (key, value) in patch where !value.isNull && !key.hasPrefix(Directive.deleteFromPrimitiveListPrefix)
            && !key.hasPrefix(Directive.setElementOrderPrefix) && !kept.contains(.string(key)) {
            throw .badRetainKeysFormat
        }
        for key in original.keys where !kept.contains(.string(key)) {
            original.removeValue(forKey: key)
        }
    }
}

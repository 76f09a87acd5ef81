import Manifests

/// List merging for strategic merge patch: merge by key, union of scalars, deletions, and the
/// element order rules of the "preserve order in strategic merge patch" design
/// (`$setElementOrder` first, then the patch's order, then the live list's order).
extension StrategicMerger {
    /// What a list holds, as far as ordering and merging care.
    enum ElementKind { case maps, scalars }

    func mergeList(_ original: [JSON], _ patch: [JSON], items: Node?, mergeKey: String, isDeleteList: Bool) throws(Failure) -> [JSON] {
        if original.isEmpty && patch.isEmpty { return original }
        let kind = try Self.elementKind(original, patch)
        switch kind {
        case .scalars:
            if isDeleteList {
                return original.filter { !patch.contains($0) }
            }
            let merged = Self.deduplicated(original + patch)
            let (inPatch, serverOnly) = Self.partition(merged, by: patch, mergeKey: "")
            return try normalizeOrder(inPatch, serverOnly, patchOrder: patch, serverOrder: original, mergeKey: "", kind: kind)
        case .maps:
            guard !mergeKey.isEmpty else {
                throw Failure("cannot merge lists without merge key for type map")
            }
            let (special, plainPatch) = try applySpecialElements(original, patch, mergeKey: mergeKey)
            var base = special
            let serverOrder = base
            for item in plainPatch {
                guard case .object(let patchItem) = item else { throw .badArgType(expected: GoFormat.mapType, actual: item) }
                guard let keyValue = patchItem[mergeKey] else { throw .noMergeKey(patchItem, mergeKey) }
                if let index = try Self.indexOfMap(in: base, key: mergeKey, value: keyValue) {
                    base[index] = .object(try mergeMap(base[index].objectValue!, patchItem, schema: items))
                } else if let kept = Directive.cleaned(item) {
                    base.append(kept)
                }
            }
            let (inPatch, serverOnly) = Self.partition(base, by: plainPatch, mergeKey: mergeKey)
            return try normalizeOrder(inPatch, serverOnly, patchOrder: plainPatch, serverOrder: serverOrder, mergeKey: mergeKey, kind: kind)
        }
    }

    /// Handles `{$patch: delete, <key>: v}` and `{$patch: replace}` items; returns the list to merge
    /// into and the patch items left to merge.
    private func applySpecialElements(_ original: [JSON], _ patch: [JSON], mergeKey: String) throws(Failure) -> ([JSON], [JSON]) {
        var original = original
        var plain: [JSON] = []
        var replace = false
        for item in patch {
            guard case .object(let map) = item else { throw .badArgType(expected: GoFormat.mapType, actual: item) }
            guard let directive = map[Directive.patch] else { plain.append(item); continue }
            switch directive.stringValue {
            case "delete":
                guard let keyValue = map[mergeKey] else { throw .noMergeKey(map, mergeKey) }
                original.removeAll { $0.objectValue?[mergeKey] == keyValue }
            case "replace":
                replace = true
            case "merge":
                throw Failure("merging lists cannot yet be specified in the patch")
            default:
                throw .badPatchType(directive, map)
            }
        }
        return replace ? (plain.compactMap { Directive.cleaned($0) }, []) : (original, plain)
    }

    /// `$setElementOrder/<list>`: merge the list as usual, then order it as the directive says.
    func applySetElementOrder(_ original: inout JSONObject, _ patch: inout JSONObject, schema: Node?) throws(Failure) {
        for key in patch.keys where key.hasPrefix(Directive.setElementOrderPrefix) {
            let orderValue = patch.removeValue(forKey: key)!
            guard case .array(let order) = orderValue else { throw .badArgType(expected: GoFormat.sliceType, actual: orderValue) }
            guard let listKey = Directive.listName(in: key, prefix: Directive.setElementOrderPrefix) else {
                throw .badSetElementOrderFormat
            }
            let originalList = original[listKey]
            let patchList = patch[listKey]
            if let originalList, originalList.arrayValue == nil { throw .badArgType(expected: GoFormat.sliceType, actual: originalList) }
            if let patchList, patchList.arrayValue == nil { throw .badArgType(expected: GoFormat.sliceType, actual: patchList) }
            let field = schema?.member(listKey)
            let mergeKey = field?.patchMergeKey ?? ""
            try Self.validate(patchList?.arrayValue ?? [], against: order, mergeKey: mergeKey)

            let merged: [JSON]
            switch (originalList?.arrayValue, patchList?.arrayValue) {
            case let (.some(originalItems), nil): merged = originalItems
            case let (nil, .some(patchItems)): merged = Directive.cleaned(.array(patchItems))?.arrayValue ?? []
            case let (.some(originalItems), .some(patchItems)):
                if Self.listOrMapStrategy(field) == .merge {
                    merged = try mergeList(originalItems, patchItems, items: field?.listItems, mergeKey: mergeKey, isDeleteList: false)
                } else {
                    merged = patchItems
                }
            case (nil, nil): continue
            }
            let kind = try Self.elementKind(originalList?.arrayValue ?? [], patchList?.arrayValue ?? [], merged)
            let (inOrder, serverOnly) = Self.partition(merged, by: order, mergeKey: mergeKey)
            original[listKey] = .array(try normalizeOrder(inOrder, serverOnly, patchOrder: order,
                                                          serverOrder: originalList?.arrayValue ?? [], mergeKey: mergeKey, kind: kind))
            patch.removeValue(forKey: listKey)
        }
    }

    /// The patch's items must appear in the `$setElementOrder` list, in the same relative order.
    private static func validate(_ patchList: [JSON], against order: [JSON], mergeKey: String) throws(Failure) {
        if order.isEmpty || patchList.isEmpty { return }
        let items = mergeKey.isEmpty ? patchList : patchList.filter { $0.objectValue?[Directive.patch]?.stringValue != "delete" }
        var patchIndex = 0, orderIndex = 0
        while patchIndex < items.count && orderIndex < order.count {
            if items[patchIndex].objectValue?[Directive.patch] != nil { patchIndex += 1; continue }
            if try sameElement(items[patchIndex], order[orderIndex], mergeKey: mergeKey) { patchIndex += 1 }
            orderIndex += 1
        }
        if patchIndex < items.count && orderIndex >= order.count {
            throw Failure("the order in patch list:\n\(GoFormat.value(.array(patchList)))\n doesn't match \(Directive.setElementOrderPrefix) list:\n\(GoFormat.value(.array(order)))")
        }
    }

    private static func sameElement(_ a: JSON, _ b: JSON, mergeKey: String) throws(Failure) -> Bool {
        if mergeKey.isEmpty { return a == b }
        guard case .object(let left) = a else { throw .badArgType(expected: GoFormat.mapType, actual: a) }
        guard case .object(let right) = b else { throw .badArgType(expected: GoFormat.mapType, actual: b) }
        guard let l = left[mergeKey] else { throw .noMergeKey(left, mergeKey) }
        guard let r = right[mergeKey] else { throw .noMergeKey(right, mergeKey) }
        return l == r
    }

    static func elementKind(_ lists: [JSON]...) throws(Failure) -> ElementKind {
        var first: JSON?
        for list in lists {
            for item in list {
                if case .array = item { throw .listOfLists }
                if let first {
                    guard sameKind(first, item) else {
                        throw Failure("list element types are not identical: \(GoFormat.value(.array(lists.map { .array($0) })))")
                    }
                } else {
                    first = item
                }
            }
            if first != nil { break }
        }
        if case .object = first { return .maps }
        return .scalars
    }

    /// Removes repeated scalars the way apimachinery's `deduplicateScalars` does.
    static func deduplicated(_ items: [JSON]) -> [JSON] {
        var s = items
        var length = s.count - 1
        var i = 0
        while i < length {
            var j = i + 1
            while j <= length {
                if s[i] == s[j] {
                    s[j] = s[length]
                    s.removeLast()
                    length -= 1
                    j -= 1
                }
                j += 1
            }
            i += 1
        }
        return s
    }

    static func indexOfMap(in list: [JSON], key: String, value: JSON) throws(Failure) -> Int? {
        for (index, item) in list.enumerated() {
            guard case .object(let map) = item else { throw Failure("value for key \(index) is not a map.") }
            if map[key] == value { return index }
        }
        return nil
    }

    /// The identity of an item for ordering: its merge key's value, or the scalar itself.
    private static func identity(_ item: JSON, mergeKey: String) -> JSON? {
        mergeKey.isEmpty ? item : item.objectValue?[mergeKey]
    }

    private static func position(of item: JSON, in list: [JSON], mergeKey: String) -> Int? {
        let id = identity(item, mergeKey: mergeKey)
        return list.firstIndex { identity($0, mergeKey: mergeKey) == id }
    }

    /// Splits `items` into those present in `list` and the rest, keeping their order.
    static func partition(_ items: [JSON], by list: [JSON], mergeKey: String) -> ([JSON], [JSON]) {
        var present: [JSON] = [], absent: [JSON] = []
        for item in items {
            if position(of: item, in: list, mergeKey: mergeKey) != nil { present.append(item) } else { absent.append(item) }
        }
        return (present, absent)
    }

    /// Sorts the patch's items by `patchOrder` and the server-only items by `serverOrder`, then
    /// interleaves them, server-only items going before a patch item only when the live list
    /// had them in that order.
    func normalizeOrder(_ patchItems: [JSON], _ serverOnly: [JSON], patchOrder: [JSON], serverOrder: [JSON],
                        mergeKey: String, kind: ElementKind) throws(Failure) -> [JSON] {
        let sortedPatch = try Self.sorted(patchItems, by: patchOrder, mergeKey: mergeKey, kind: kind)
        let sortedServer = try Self.sorted(serverOnly, by: serverOrder, mergeKey: mergeKey, kind: kind)
        var result: [JSON] = []
        result.reserveCapacity(sortedPatch.count + sortedServer.count)
        var i = 0, j = 0
        while i < sortedServer.count || j < sortedPatch.count {
            if i >= sortedServer.count { result.append(sortedPatch[j]); j += 1; continue }
            if j >= sortedPatch.count { result.append(sortedServer[i]); i += 1; continue }
            let left = Self.position(of: sortedServer[i], in: serverOrder, mergeKey: mergeKey)
            let right = Self.position(of: sortedPatch[j], in: serverOrder, mergeKey: mergeKey)
            if let left, let right, left < right {
                result.append(sortedServer[i]); i += 1
            } else {
                result.append(sortedPatch[j]); j += 1
            }
        }
        return result
    }

    private static func sorted(_ items: [JSON], by order: [JSON], mergeKey: String, kind: ElementKind) throws(Failure) -> [JSON] {
        var items = items
        var deletions: [JSON] = []
        if kind == .maps {
            for item in items + order {
                guard case .object(let map) = item else { throw .badArgType(expected: GoFormat.mapType, actual: item) }
                if map[mergeKey] == nil { throw .noMergeKey(map, mergeKey) }
            }
            deletions = items.filter { $0.objectValue?[Directive.patch]?.stringValue == "delete" }
            items.removeAll { $0.objectValue?[Directive.patch]?.stringValue == "delete" }
        }
        let ranked = items.enumerated().map { (offset: $0.offset, rank: position(of: $0.element, in: order, mergeKey: mergeKey), item: $0.element) }
        let stable = ranked.sorted { a, b in
            if let ra = a.rank, let rb = b.rank, ra != rb { return ra < rb }
            return a.offset < b.offset
        }
        return stable.map(\.item) + deletions
    }
}

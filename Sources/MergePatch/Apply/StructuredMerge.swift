import Manifests

/// Merging an applied configuration into a live object by the schema (typed.TypedValue.Merge):
/// objects merge field by field, list maps item by item (by key), sets by value; scalars,
/// atomic lists and atomic maps take the configuration's value.
struct StructuredMerge<Node: MergeSchemaNode> {
    func merge(_ live: JSON?, _ config: JSON, schema: Node?, path: FieldSetPath) throws(FieldPathError) -> JSON {
        guard let live else { return config }
        switch (live, config) {
        case let (.object(liveObject), .object(configObject)) where schema?.isAtomicMap != true:
            var out = liveObject
            for (key, value) in configObject {
                guard let current = liveObject[key] else { out[key] = value; continue }
                out[key] = try merge(current, value, schema: schema?.member(key), path: path + [.field(key)])
            }
            return .object(out)
        case let (.array(liveItems), .array(configItems)):
            let listType = schema?.listType ?? .atomic
            if listType == .atomic { return config }
            return .array(try mergeList(liveItems, configItems, schema: schema, path: path))
        default:
            return config
        }
    }

    /// Keeps live-only items where they were and the configuration's items in its order
    /// (merge.go `visitListItems`).
    private func mergeList(_ live: [JSON], _ config: [JSON], schema: Node?, path: FieldSetPath) throws(FieldPathError) -> [JSON] {
        let livePEs = try FieldSetWalker<Node>.elements(of: live, schema: schema, path: path)
        let configPEs = try FieldSetWalker<Node>.elements(of: config, schema: schema, path: path)
        var liveByPE: [PathElement: JSON] = [:]
        for (pe, item) in zip(livePEs, live) where liveByPE[pe] == nil { liveByPE[pe] = item }
        var configByPE: [PathElement: JSON] = [:]
        for (pe, item) in zip(configPEs, config) where configByPE[pe] == nil { configByPE[pe] = item }

        var shared = configPEs.filter { liveByPE[$0] != nil }[...]
        var nextShared = shared.popFirst()
        var merged: Set<PathElement> = []
        var out: [JSON] = []
        let items = schema?.listItems
        func mergedItem(_ pe: PathElement) throws(FieldPathError) -> JSON {
            try merge(liveByPE[pe], configByPE[pe]!, schema: items, path: path + [pe])
        }

        var l = 0, r = 0
        while l < livePEs.count || r < configPEs.count {
            if l < livePEs.count && r < configPEs.count {
                let pe = livePEs[l]
                if pe == configPEs[r] {
                    if !merged.contains(pe) { out.append(try mergedItem(pe)) }
                    merged.insert(pe)
                    l += 1; r += 1
                    nextShared = shared.popFirst()
                    continue
                }
                if configByPE[pe] != nil, let next = nextShared, next != pe {
                    l += 1  // a shared item that comes later in the configuration's order
                    continue
                }
            }
            if l < livePEs.count {
                let pe = livePEs[l]
                if configByPE[pe] == nil {
                    out.append(live[l]); l += 1; continue
                } else if merged.contains(pe) {
                    l += 1; continue
                }
            }
            if r < configPEs.count {
                let pe = configPEs[r]
                if !merged.contains(pe) { out.append(try mergedItem(pe)) }
                merged.insert(pe)
                r += 1
                if let next = nextShared, next == pe { nextShared = shared.popFirst() }
            }
        }
        return out
    }
}

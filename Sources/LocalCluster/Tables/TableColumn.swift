import Manifests

/// One column of a `meta.k8s.io/v1` Table: its definition and how to compute a cell.
struct TableColumn: Sendable {
    var name: String
    var type: String = "string"
    var format: String = ""
    var priority: Int = 0
    var description: String = ""
    var cell: @Sendable (JSON) -> JSON

    var definition: JSON {
        ["name": .string(name), "type": .string(type), "format": .string(format),
         "description": .string(description), "priority": .int(Int64(priority))]
    }

    static let name = TableColumn(name: "Name", format: "name",
                                  description: "Name must be unique within a namespace.") { object in
        object[path: ["metadata", "name"]] ?? ""
    }

    static let age = TableColumn(name: "Age", description: "CreationTimestamp is a timestamp representing the server time when this object was created.") { object in
        .string(HumanDuration.since(object[path: ["metadata", "creationTimestamp"]]?.stringValue))
    }

    static let createdAt = TableColumn(name: "Created At", type: "date", description: "CreationTimestamp is a timestamp representing the server time when this object was created.") { object in
        object[path: ["metadata", "creationTimestamp"]] ?? .null
    }

    static func int(_ name: String, priority: Int = 0, _ path: [String]) -> TableColumn {
        TableColumn(name: name, type: "integer", priority: priority) { .int($0[path: path]?.intValue ?? 0) }
    }

    /// How many items the list at `path` has.
    static func count(_ name: String, priority: Int = 0, _ path: [String]) -> TableColumn {
        TableColumn(name: name, type: "integer", priority: priority) { .int(Int64($0[path: path]?.arrayValue?.count ?? 0)) }
    }

    static func text(_ name: String, priority: Int = 0, _ value: @escaping @Sendable (JSON) -> String) -> TableColumn {
        TableColumn(name: name, priority: priority) { .string(value($0)) }
    }
}

import Foundation
import Manifests

/// The opaque `continue` token of a paged LIST: where the next page starts.
struct ContinueToken {
    var after: String
    var resourceVersion: Int64

    init(after: String, resourceVersion: Int64) {
        self.after = after
        self.resourceVersion = resourceVersion
    }

    init?(encoded: String) {
        guard let data = Data(base64Encoded: encoded), let json = try? JSON(parsing: Array(data)),
              let after = json["start"]?.stringValue, let rv = json["rv"]?.intValue else { return nil }
        self.after = after
        self.resourceVersion = rv
    }

    var encoded: String {
        Data(JSON.object(["v": "meta.k8s.io/v1", "rv": .int(resourceVersion), "start": .string(after)]).serializedBytes())
            .base64EncodedString()
    }
}

import Manifests

/// The one error a revision with unknown or duplicate fields ends in, each field located where
/// it was written:
///
///     environments/develop/deployment.yaml:9: Deployment.apps django-develop/django-admin: unknown field "spec.replica"; nothing of revision … was applied
struct FieldRejectionReport {
    let rejections: [FieldRejection]
    let rendered: [ObjectIdentity: RenderedObject]

    init(_ rejections: [FieldRejection], rendered: [ObjectIdentity: RenderedObject]) {
        self.rejections = rejections
        self.rendered = rendered
    }

    /// One line per refused field, in file order.
    var lines: [String] {
        var located: [(SourceLocation?, String)] = []
        for rejection in rejections {
            let object = rendered[rejection.identity]
            for field in rejection.unknownFields {
                located.append((object?.location(ofField: field), "\(rejection.identity): unknown field \"\(field)\""))
            }
            for field in rejection.duplicateFields {
                located.append((object?.location(ofField: field), "\(rejection.identity): duplicate field \"\(field)\""))
            }
        }
        return located
            .sorted { ($0.0?.file ?? "", $0.0?.line ?? 0) < ($1.0?.file ?? "", $1.0?.line ?? 0) }
            .map { location, text in location.map { "\($0): \(text)" } ?? text }
    }

    var message: String {
        let all = lines
        guard let first = all.first else { return "" }
        let more = all.count > 1 ? " (and \(all.count - 1) more: \(all.dropFirst().joined(separator: "; ")))" : ""
        return "\(first)\(more); the API server refuses unknown fields, so nothing of this revision is applied"
    }
}

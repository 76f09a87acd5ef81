import Manifests

/// The total size limit of an object's annotations (apimachinery `ValidateAnnotationsSize`):
/// the bytes of every key and value together, at most 256 KiB.
enum AnnotationSize {
    static let limit = 256 * 1024

    static func total(_ annotations: JSON?) -> Int {
        (annotations?.objectValue ?? [:]).reduce(0) { sum, entry in
            sum + entry.key.utf8.count + (entry.value.stringValue?.utf8.count ?? 0)
        }
    }
}

/// Narrowing and paging of a LIST.
public struct ListOptions: Sendable, Equatable {
    /// e.g. `app=web,tier!=cache` or `env in (a,b)`.
    public var labelSelector: String?
    /// e.g. `metadata.name=web`.
    public var fieldSelector: String?
    /// Page size; the server returns a `continue` token when more remain.
    public var limit: Int?
    public var continueToken: String?
    public var resourceVersion: String?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil,
                continueToken: String? = nil, resourceVersion: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
    }

    var queryItems: [(String, String?)] {
        [("labelSelector", labelSelector), ("fieldSelector", fieldSelector), ("limit", limit.map(String.init)),
         ("continue", continueToken), ("resourceVersion", resourceVersion)]
    }
}

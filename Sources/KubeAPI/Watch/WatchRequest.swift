/// What to watch.
public struct WatchRequest: Sendable {
    public var namespace: String?
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Where to start; `nil` starts with an ADDED event for every existing object.
    public var resourceVersion: String?
    /// How long the server keeps one stream open before the watch reconnects.
    public var timeoutSeconds: Int

    public init(namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
                resourceVersion: String? = nil, timeoutSeconds: Int = 300) {
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.timeoutSeconds = timeoutSeconds
    }
}

import Hummingbird

/// `GET /metrics`: every `mooring_*` family in the Prometheus text format.
public struct MetricsRoutes: RouteProvider {
    public let export: PrometheusExport

    public init(export: PrometheusExport = .shared) { self.export = export }

    public func addRoutes(to router: Router<ServiceRequestContext>) {
        let export = export
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: export.exposition())))
        }
    }
}

import HTTPTypes
import Hummingbird
import Logging
import Reconciler

/// `POST /hooks/{github,gitlab,gitea,generic}`: a signed push to the configured repository
/// triggers an immediate fetch and reconcile of the environments that follow its ref, and is
/// answered 202 at once. In order, and stopping at the first that fails:
///
/// 1. a provider without a configured secret is not served: 404;
/// 2. a body over 1 MiB is refused before anything is hashed: 413;
/// 3. a missing or wrong signature (or GitLab token) is 401, and nothing else happens;
/// 4. a signed body that is not the provider's event is 400;
/// 5. a ping, another event, another repository or a ref nobody follows: 200, nothing done;
/// 6. a push some environments follow: 202 naming them, and they reconcile.
public struct WebhookRoutes: RouteProvider {
    /// GitHub's own limit for a delivered payload is 25 MB; Mooring needs a few kilobytes of it.
    public static let bodyLimit = 1 << 20

    public let secrets: [WebhookProvider: WebhookSecret]
    public let routing: PushRouting
    public let trigger: any ReconcileTrigger
    public let logger: Logger

    public init(secrets: [WebhookProvider: WebhookSecret], routing: PushRouting, trigger: any ReconcileTrigger, logger: Logger) {
        self.secrets = secrets
        self.routing = routing
        self.trigger = trigger
        self.logger = logger
    }

    public func addRoutes(to router: Router<ServiceRequestContext>) {
        let hooks = self
        router.post("/hooks/:provider") { request, context in
            guard let name = context.parameters.get("provider"), let provider = WebhookProvider(rawValue: name),
                  let secret = hooks.secrets[provider]
            else { return Response.text(.notFound, "no such hook") }
            return await hooks.handle(request, provider: provider, secret: secret)
        }
    }

    func handle(_ request: Request, provider: WebhookProvider, secret: WebhookSecret) async -> Response {
        var logger = logger
        logger[metadataKey: "provider"] = "\(provider.rawValue)"
        if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.bodyLimit {
            return refuse(provider, .tooLarge, .contentTooLarge, "body over \(Self.bodyLimit) bytes", logger)
        }
        let body: [UInt8]
        do {
            body = Array(buffer: try await request.body.collect(upTo: Self.bodyLimit))
        } catch {
            return refuse(provider, .tooLarge, .contentTooLarge, "body over \(Self.bodyLimit) bytes", logger)
        }
        guard verify(request, provider: provider, body: body, secret: secret) else {
            return refuse(provider, .unauthorized, .unauthorized, "bad signature", logger)
        }
        let event: WebhookEvent
        do {
            event = try PushEventParser.parse(provider, event: eventName(request, provider), body: body)
        } catch {
            return refuse(provider, .badRequest, .badRequest, "\(error)", logger)
        }
        switch event {
        case .ping:
            ServiceMetrics.webhook(provider, .ignored)
            return Response.text(.ok, "pong")
        case .other(let name):
            ServiceMetrics.webhook(provider, .ignored)
            return Response.text(.ok, "ignored: event \(name)")
        case .push(let push):
            let names = routing.environments(for: push, generic: provider == .generic)
            guard !names.isEmpty else {
                ServiceMetrics.webhook(provider, .ignored)
                logger.info("push ignored: no environment follows it", metadata: ["ref": "\(push.ref)"])
                return Response.text(.ok, "ignored: no environment follows \(push.ref) of this repository")
            }
            ServiceMetrics.webhook(provider, .accepted)
            logger.info("push accepted", metadata: ["ref": "\(push.ref)", "revision": "\(push.after ?? "")",
                                                    "environments": "\(names.joined(separator: ","))"])
            trigger.reconcileSoon(names, reason: "\(provider.rawValue) push of \(push.ref)")
            return Response.text(.accepted, "reconciling: \(names.joined(separator: ", "))")
        }
    }

    private func verify(_ request: Request, provider: WebhookProvider, body: [UInt8], secret: WebhookSecret) -> Bool {
        let headers = request.headers
        switch provider {
        case .github: return SignatureCheck.prefixedHMAC(headers[WebhookHeaders.githubSignature], body: body, secret: secret)
        case .gitea: return SignatureCheck.hexHMAC(headers[WebhookHeaders.giteaSignature], body: body, secret: secret)
        case .gitlab: return SignatureCheck.token(headers[WebhookHeaders.gitlabToken], secret: secret)
        case .generic: return SignatureCheck.prefixedHMAC(headers[WebhookHeaders.mooringSignature], body: body, secret: secret)
        }
    }

    private func eventName(_ request: Request, _ provider: WebhookProvider) -> String? {
        switch provider {
        case .github: return request.headers[WebhookHeaders.githubEvent]
        case .gitea: return request.headers[WebhookHeaders.giteaEvent]
        case .gitlab: return request.headers[WebhookHeaders.gitlabEvent]
        case .generic: return "push"
        }
    }

    private func refuse(_ provider: WebhookProvider, _ result: ServiceMetrics.WebhookResult, _ status: HTTPResponse.Status,
                        _ reason: String, _ logger: Logger) -> Response {
        ServiceMetrics.webhook(provider, result)
        logger.warning("webhook refused", metadata: ["reason": "\(reason)", "status": "\(status.code)"])
        return Response.text(status, reason)
    }
}

/// The headers each provider signs and names its events with.
public enum WebhookHeaders {
    public static let githubSignature = HTTPField.Name("X-Hub-Signature-256")!
    public static let githubEvent = HTTPField.Name("X-GitHub-Event")!
    public static let giteaSignature = HTTPField.Name("X-Gitea-Signature")!
    public static let giteaEvent = HTTPField.Name("X-Gitea-Event")!
    public static let gitlabToken = HTTPField.Name("X-Gitlab-Token")!
    public static let gitlabEvent = HTTPField.Name("X-Gitlab-Event")!
    /// The generic hook: `X-Mooring-Signature: sha256=<hex of HMAC-SHA256(secret, body)>`.
    public static let mooringSignature = HTTPField.Name("X-Mooring-Signature")!
}

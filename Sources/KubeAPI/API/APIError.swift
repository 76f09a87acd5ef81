/// A request the API server answered with an error. `reason` says which, `status` carries the
/// server's own words; catch e.g. `catch let error as APIError where error.reason == .notFound`.
public struct APIError: Error, Sendable, CustomStringConvertible {
    /// The kinds of failure callers act on; `other` for anything else.
    public enum Reason: Sendable, Equatable {
        case badRequest, unauthorized, forbidden, notFound, methodNotAllowed, alreadyExists, conflict
        case gone, expired, invalid, tooManyRequests, serverTimeout, timeout, internalError, serviceUnavailable
        case other
    }

    public var reason: Reason
    public var status: APIStatus
    /// `GET /api/v1/namespaces/x/configmaps/y`: which request failed.
    public var request: String

    public init(status: APIStatus, request: String) {
        self.status = status
        self.request = request
        reason = Self.classify(status)
    }

    /// The server's `reason` decides first, as client-go's `apierrors` do; the HTTP code otherwise.
    static func classify(_ status: APIStatus) -> Reason {
        switch status.reason {
        case "BadRequest": return .badRequest
        case "Unauthorized": return .unauthorized
        case "Forbidden": return .forbidden
        case "NotFound": return .notFound
        case "MethodNotAllowed": return .methodNotAllowed
        case "AlreadyExists": return .alreadyExists
        case "Conflict": return .conflict
        case "Gone": return .gone
        case "Expired": return .expired
        case "Invalid": return .invalid
        case "TooManyRequests": return .tooManyRequests
        case "ServerTimeout": return .serverTimeout
        case "Timeout": return .timeout
        case "InternalError": return .internalError
        case "ServiceUnavailable": return .serviceUnavailable
        default: break
        }
        switch status.code {
        case 400: return .badRequest
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 405: return .methodNotAllowed
        case 409: return .conflict
        case 410: return .gone
        case 422: return .invalid
        case 429: return .tooManyRequests
        case 500: return .internalError
        case 503: return .serviceUnavailable
        case 504: return .timeout
        default: return .other
        }
    }

    public var description: String { "\(request): \(status)" }
}

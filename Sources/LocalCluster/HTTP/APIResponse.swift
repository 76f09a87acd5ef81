import Foundation
import Manifests
import NIOHTTP1

/// What the API layer answers: a complete body, or a stream of chunks (watch) sent with
/// chunked transfer encoding until the stream ends.
enum APIResponse: Sendable {
    case complete(status: HTTPResponseStatus, headers: HTTPHeaders, body: [UInt8])
    case stream(status: HTTPResponseStatus, headers: HTTPHeaders, chunks: AsyncStream<[UInt8]>)
    /// Fault injection: the head and the first `sentBytes` of the body, then the connection closes.
    case dropped(status: HTTPResponseStatus, headers: HTTPHeaders, body: [UInt8], sentBytes: Int)

    /// A JSON body with `application/json` unless another content type is given.
    static func json(_ value: JSON, status: HTTPResponseStatus = .ok, contentType: String = "application/json",
                     extraHeaders: HTTPHeaders = HTTPHeaders()) -> APIResponse {
        .bytes(value.serializedBytes(), status: status, contentType: contentType, extraHeaders: extraHeaders)
    }

    static func bytes(_ body: [UInt8], status: HTTPResponseStatus = .ok, contentType: String = "application/json",
                      extraHeaders: HTTPHeaders = HTTPHeaders()) -> APIResponse {
        var headers = extraHeaders
        headers.replaceOrAdd(name: "Content-Type", value: contentType)
        return .complete(status: status, headers: headers, body: body)
    }

    static func text(_ body: String, status: HTTPResponseStatus = .ok) -> APIResponse {
        .bytes(Array(body.utf8), status: status, contentType: "text/plain; charset=utf-8")
    }

    /// Adds a header (e.g. `Warning`) to either form of response.
    func adding(header name: String, value: String) -> APIResponse {
        switch self {
        case .complete(let status, var headers, let body):
            headers.add(name: name, value: value)
            return .complete(status: status, headers: headers, body: body)
        case .stream(let status, var headers, let chunks):
            headers.add(name: name, value: value)
            return .stream(status: status, headers: headers, chunks: chunks)
        case .dropped(let status, var headers, let body, let sent):
            headers.add(name: name, value: value)
            return .dropped(status: status, headers: headers, body: body, sentBytes: sent)
        }
    }

    var status: HTTPResponseStatus {
        switch self {
        case .complete(let status, _, _), .stream(let status, _, _), .dropped(let status, _, _, _): return status
        }
    }
}

extension APIResponse {
    /// The same complete response with another status (e.g. 201 Created).
    func withStatus(_ status: HTTPResponseStatus) -> APIResponse {
        guard case .complete(_, let headers, let body) = self else { return self }
        return .complete(status: status, headers: headers, body: body)
    }

    /// `Warning: 299 - "message"` headers, as the API server sends them.
    func withWarnings(_ warnings: [String]) -> APIResponse {
        var response = self
        for warning in warnings {
            let escaped = warning.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            response = response.adding(header: "Warning", value: "299 - \"\(escaped)\"")
        }
        return response
    }
}

internal import CCurl
import Foundation

/// One request on one curl easy handle. Lives on the engine's thread from `start` to `complete`;
/// curl's callbacks reach it through an unretained pointer the engine keeps alive.
final class CurlTransfer: @unchecked Sendable {
    /// How the body is delivered: all at once, or in chunks once a 2xx head arrived.
    enum Delivery {
        case buffered(@Sendable (Result<HTTPResponse, TransportError>) -> Void)
        case streamed(head: @Sendable (Result<HTTPResponse, TransportError>) -> Void,
                      chunk: @Sendable ([UInt8]) -> Void,
                      end: @Sendable (TransportError?) -> Void)
    }

    let easy: UnsafeMutableRawPointer
    let requestLine: String
    private let timeout: Duration?
    private let connectTimeout: Duration
    private let delivery: Delivery
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var status = 0
    private var httpVersion = ""
    private var headers: [(name: String, value: String)] = []
    private var body: [UInt8] = []
    /// The most a `Content-Length` header makes the transfer reserve before the bytes arrive.
    static let largestReservation = 64 << 20
    private var streaming = false
    private var headDelivered = false

    init(request: HTTPRequest, settings: ConnectionSettings, delivery: Delivery) throws(TransportError) {
        guard let easy = curl_easy_init() else {
            throw TransportError(code: -1, message: "curl_easy_init failed", request: request.label, beforeSending: true)
        }
        self.easy = easy
        self.delivery = delivery
        self.requestLine = request.label
        self.timeout = request.timeout
        self.connectTimeout = request.connectTimeout
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        configure(request: request, settings: settings)
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    private func configure(request: HTTPRequest, settings: ConnectionSettings) {
        var url = request.url
        var extraHeaders = request.headers
        // tls-server-name: ask curl for that name (SNI and verification) but connect to the real host.
        if let serverName = settings.tls.serverName, let address = ServerAddress(url: url), address.scheme == "https" {
            url = "https://\(ServerAddress.bracketed(serverName)):\(address.port)\(address.rest)"
            let connectTo = "\(ServerAddress.bracketed(serverName)):\(address.port):\(ServerAddress.bracketed(address.host)):\(address.port)"
            let list = curl_slist_append(nil, connectTo)
            setPointer(CURLOPT_CONNECT_TO, UnsafeRawPointer(list))
            connectToList = list
            extraHeaders.append((name: "Host", value: address.authority))
        }
        setString(CURLOPT_URL, url)
        setPointer(CURLOPT_ERRORBUFFER, UnsafeRawPointer(errorBuffer))
        setLong(CURLOPT_NOSIGNAL, 1)
        setLong(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS)
        setString(CURLOPT_ACCEPT_ENCODING, "")
        setLong(CURLOPT_TCP_KEEPALIVE, 1)
        setLong(CURLOPT_TCP_KEEPIDLE, 30)
        setLong(CURLOPT_TCP_KEEPINTVL, 15)
        setLong(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout))
        if let timeout = request.timeout { setLong(CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout)) }
        configureTLS(settings.tls)
        if let proxy = settings.proxyURL { setString(CURLOPT_PROXY, proxy) }

        switch request.method {
        case .get: break
        case .head: setLong(CURLOPT_NOBODY, 1)
        case .post: setLong(CURLOPT_POST, 1)
        default: setString(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
        if let body = request.body {
            _ = mooring_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { _ = mooring_easy_setopt_ptr(easy, CURLOPT_COPYPOSTFIELDS, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)) }
        } else if request.method == .post || request.method == .put || request.method == .patch {
            _ = mooring_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, 0)
            setString(CURLOPT_COPYPOSTFIELDS, "")
        }
        // No "Expect: 100-continue" round trip for larger bodies.
        for header in extraHeaders + [(name: "Expect", value: "")] {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        setPointer(CURLOPT_HTTPHEADER, UnsafeRawPointer(headerList))

        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = mooring_easy_setopt_write(easy, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        setPointer(CURLOPT_WRITEDATA, me)
        _ = mooring_easy_setopt_write(easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback)
        setPointer(CURLOPT_HEADERDATA, me)
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000), 1)
    }

    private var connectToList: UnsafeMutablePointer<curl_slist>? {
        didSet { if let oldValue { curl_slist_free_all(oldValue) } }
    }

    private func configureTLS(_ tls: TLSSettings) {
        if tls.insecureSkipVerify {
            setLong(CURLOPT_SSL_VERIFYPEER, 0)
            setLong(CURLOPT_SSL_VERIFYHOST, 0)
        } else {
            setLong(CURLOPT_SSL_VERIFYPEER, 1)
            setLong(CURLOPT_SSL_VERIFYHOST, 2)
            if let ca = tls.certificateAuthorityPEM {
                // Only the cluster's CA, as client-go: no system bundle or CA folder besides it.
                setPointer(CURLOPT_CAINFO, nil)
                setPointer(CURLOPT_CAPATH, nil)
                setBlob(CURLOPT_CAINFO_BLOB, ca)
            }
        }
        if let certificate = tls.clientCertificatePEM, let key = tls.clientKeyPEM {
            setString(CURLOPT_SSLCERTTYPE, "PEM")
            setBlob(CURLOPT_SSLCERT_BLOB, certificate)
            setString(CURLOPT_SSLKEYTYPE, "PEM")
            setBlob(CURLOPT_SSLKEY_BLOB, key)
        }
    }

    // MARK: - Typed setopt

    private func setLong(_ option: CURLoption, _ value: Int) { _ = mooring_easy_setopt_long(easy, option, value) }
    private func setString(_ option: CURLoption, _ value: String) {
        // curl copies string options (all but POSTFIELDS).
        _ = value.withCString { mooring_easy_setopt_ptr(easy, option, $0) }
    }
    private func setPointer(_ option: CURLoption, _ value: UnsafeRawPointer?) { _ = mooring_easy_setopt_ptr(easy, option, value) }
    private func setBlob(_ option: CURLoption, _ bytes: [UInt8]) {
        var copy = bytes
        copy.withUnsafeMutableBytes { buffer in
            var blob = curl_blob(data: buffer.baseAddress, len: buffer.count, flags: UInt32(CURL_BLOB_COPY))
            _ = withUnsafePointer(to: &blob) { mooring_easy_setopt_ptr(easy, option, $0) }
        }
    }

    // MARK: - Callbacks (engine thread)

    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            httpVersion = String(parts[0])
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = []
        } else if line.isEmpty {
            if status >= 200 { headComplete() }
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name: name, value: value))
            // A LIST body is megabytes: grown by doubling, it was copied and faulted in anew
            // several times. Reserved up front (within reason: the header is the server's word).
            if name == "content-length", let length = Int(value), length > 0 {
                body.reserveCapacity(min(length, Self.largestReservation))
            }
        }
    }

    private func headComplete() {
        guard case .streamed(let head, _, _) = delivery, !headDelivered, (200..<300).contains(status) else { return }
        headDelivered = true
        streaming = true
        head(.success(HTTPResponse(status: status, headers: headers, body: [], httpVersion: httpVersion)))
    }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) {
        if streaming, case .streamed(_, let chunk, _) = delivery {
            chunk(Array(bytes))
        } else {
            body.append(contentsOf: bytes)
        }
    }

    /// curl finished the transfer with `code`.
    func complete(code: CURLcode) {
        let error: TransportError? = code == CURLE_OK ? nil : transportError(code)
        switch delivery {
        case .buffered(let done):
            if let error { done(.failure(error)) } else { done(.success(response())) }
        case .streamed(let head, _, let end):
            if headDelivered {
                end(error)
            } else if let error {
                head(.failure(error))
            } else {
                head(.success(response()))
            }
        }
    }

    func completeCancelled() {
        complete(code: CURLE_ABORTED_BY_CALLBACK)
    }

    private func response() -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: body, httpVersion: httpVersion)
    }

    private func transportError(_ code: CURLcode) -> TransportError {
        var message = String(cString: errorBuffer)
        if message.isEmpty { message = String(cString: curl_easy_strerror(code)) }
        if code == CURLE_ABORTED_BY_CALLBACK { message = "request cancelled" }
        let unsent: [CURLcode] = [CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY,
                                  CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE,
                                  CURLE_SSL_CERTPROBLEM]
        var error = TransportError(code: Int(code.rawValue), message: message, request: requestLine,
                                   beforeSending: unsent.contains(code))
        if code == CURLE_OPERATION_TIMEDOUT {
            // curl reports both deadlines with one code: a connection made tells them apart.
            var connectTime: curl_off_t = 0
            _ = mooring_easy_getinfo_ptr(easy, CURLINFO_CONNECT_TIME_T, &connectTime)
            if connectTime == 0 {
                error.timeout = .connecting(connectTimeout)
                error.beforeSending = true
            } else {
                error.timeout = .answering(timeout ?? connectTimeout)
            }
            error.message = TransportError.message(for: error.timeout!)
        }
        return error
    }
}

private let curlWriteCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { data, size, count, user in
    let length = size * count
    guard let user, let data else { return length }
    Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().receiveBody(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

private let curlHeaderCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { data, size, count, user in
    let length = size * count
    guard let user, let data else { return length }
    Unmanaged<CurlTransfer>.fromOpaque(user).takeUnretainedValue().receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

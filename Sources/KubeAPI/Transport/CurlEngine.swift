internal import CCurl
import Foundation

/// Runs every HTTP request of the process on one curl multi handle, driven by one dedicated
/// thread. Swift tasks suspend on a continuation instead of blocking a cooperative thread, and
/// the multi handle's connection cache gives connection reuse and HTTP/2 multiplexing.
final class CurlEngine: @unchecked Sendable {
    static let shared = CurlEngine()

    private struct Inbox {
        var added: [CurlTransfer] = []
        var cancelled: [CurlTransfer] = []
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Locked(Inbox())
    /// Only touched on the engine thread.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    private init() {
        _ = Self.globalInit
        multi = curl_multi_init()
        _ = mooring_multi_setopt_long(multi, CURLMOPT_PIPELINING, 2 /* CURLPIPE_MULTIPLEX */)
        _ = mooring_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, 64)
        let thread = Thread { [self] in run() }
        thread.name = "mooring-curl"
        thread.start()
    }

    private static let globalInit: Void = { _ = curl_global_init(3 /* CURL_GLOBAL_ALL */) }()

    /// Sends a request and returns the whole response.
    func perform(_ request: HTTPRequest, settings: ConnectionSettings) async throws -> HTTPResponse {
        let holder = Locked<CurlTransfer?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, Error>) in
                do {
                    let transfer = try CurlTransfer(request: request, settings: settings, delivery: .buffered { result in
                        continuation.resume(with: result.mapError { $0 as Error })
                    })
                    holder.withLock { $0 = transfer }
                    submit(transfer)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            if let transfer = holder.withLock({ $0 }) { cancel(transfer) }
        }
    }

    /// Sends a request whose body arrives over time (a watch). Returns once the head arrived:
    /// a non-2xx response comes back whole, with an empty stream.
    func openStream(_ request: HTTPRequest, settings: ConnectionSettings) async throws -> (HTTPResponse, AsyncThrowingStream<[UInt8], Error>) {
        let (stream, sink) = AsyncThrowingStream<[UInt8], Error>.makeStream()
        let holder = Locked<CurlTransfer?>(nil)
        let head = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, Error>) in
                do {
                    let transfer = try CurlTransfer(request: request, settings: settings, delivery: .streamed(
                        head: { result in
                            if case .success(let response) = result, !(200..<300).contains(response.status) { sink.finish() }
                            if case .failure = result { sink.finish() }
                            continuation.resume(with: result.mapError { $0 as Error })
                        },
                        chunk: { bytes in sink.yield(bytes) },
                        end: { error in
                            if let error { sink.finish(throwing: error) } else { sink.finish() }
                        }))
                    holder.withLock { $0 = transfer }
                    submit(transfer)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            if let transfer = holder.withLock({ $0 }) { cancel(transfer) }
        }
        if let transfer = holder.withLock({ $0 }) {
            sink.onTermination = { [weak self] reason in
                if case .cancelled = reason { self?.cancel(transfer) }
            }
        }
        return (head, stream)
    }

    private func submit(_ transfer: CurlTransfer) {
        inbox.withLock { $0.added.append(transfer) }
        curl_multi_wakeup(multi)
    }

    private func cancel(_ transfer: CurlTransfer) {
        inbox.withLock { $0.cancelled.append(transfer) }
        curl_multi_wakeup(multi)
    }

    // MARK: - Engine thread

    private func run() {
        while true {
            let (added, cancelled) = inbox.withLock { inbox -> ([CurlTransfer], [CurlTransfer]) in
                defer { inbox = Inbox() }
                return (inbox.added, inbox.cancelled)
            }
            for transfer in added {
                active[transfer.easy] = transfer
                curl_multi_add_handle(multi, transfer.easy)
            }
            for transfer in cancelled where active.removeValue(forKey: transfer.easy) != nil {
                curl_multi_remove_handle(multi, transfer.easy)
                transfer.completeCancelled()
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                active.removeValue(forKey: easy)?.complete(code: code)
            }
            var ready: Int32 = 0
            curl_multi_poll(multi, nil, 0, 1000, &ready)
        }
    }
}

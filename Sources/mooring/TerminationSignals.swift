import Foundation
import Reconciler

/// SIGINT and SIGTERM for the commands that run until stopped (`run`, `cluster serve`): either
/// signal sets a `StopSignal`, so the work in progress finishes before the command exits.
/// Keep the value alive as long as the signals should be caught; `cancel()` restores the defaults.
struct TerminationSignals {
    private let sources: [any DispatchSourceSignal]

    init(stopping stop: StopSignal) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.stop() }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

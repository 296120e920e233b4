import Dispatch
import Foundation
import Synchronization

/// Graceful shutdown on SIGTERM and SIGINT: the handler runs once, off the signal context.
enum ShutdownSignals {
    // nonisolated(unsafe): written once, on the main thread, by `install` before `dispatchMain`;
    // it only keeps the sources alive and is never read concurrently.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install(_ handler: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "pcsim.signals")
        let once = OnceFlag()
        for signalNumber in [SIGTERM, SIGINT] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                if once.claim() { handler() }
            }
            source.resume()
            sources.append(source)
        }
    }
}

/// Lets exactly one caller through, whichever signal arrives first.
final class OnceFlag: Sendable {
    private let claimed = Mutex(false)
    func claim() -> Bool {
        claimed.withLock { value in
            defer { value = true }
            return !value
        }
    }
}

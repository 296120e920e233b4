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
            // Dispatch registers the source asynchronously, and until it has, the signal is
            // ignored (SIG_IGN above) and lost: wait for the registration, so a SIGTERM sent
            // as soon as the ready line appears is always acted on.
            let registered = DispatchSemaphore(value: 0)
            source.setRegistrationHandler { registered.signal() }
            source.resume()
            _ = registered.wait(timeout: .now() + 2)
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

import Dispatch
import Foundation
import SQLite

/// SIM-2 with real time running: once a second, apply transitions that fell due since the
/// last request. It takes the write lock only when something is due.
///
/// `@unchecked Sendable`: the only state is the timer source, which is configured before
/// `init` returns and afterwards only cancelled; Dispatch sources are thread-safe for that.
public final class TransitionTicker: @unchecked Sendable {
    private let timer: DispatchSourceTimer

    public init(services: Services, interval: TimeInterval = 1) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "pcsim.transitions"))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler {
            let now = services.clock.now
            let nowText = Timestamp.format(now)
            let due = (try? services.database.read { db in try services.transitions.anythingDue(db, nowText: nowText) }) ?? false
            guard due else { return }
            // The service itself applies what fell due: no caller, no request.
            let context = OperationContext(principal: nil, now: now, services: services)
            do {
                try services.database.write { db in try services.transitions.apply(context, db) }
            } catch {
                services.logger.error("transition tick failed", metadata: ["error": .string("\(error)")])
            }
        }
        timer.resume()
    }

    public func stop() { timer.cancel() }
}

import Dispatch
import Synchronization

/// The state of fault injection of one instance: the rules of `/_sim/faults` and, with
/// `--throttle`, the rate limiter. What a request meets is decided at the start of
/// `PartnerCenterApp.handle` (App/FaultInterception).
final class FaultInjection: Sendable {
    let rules = FaultRegistry()
    /// nil without `--throttle`.
    let limiter: RateLimiter?

    /// Where probabilities and random delays are drawn, and the throttle's time (monotonic
    /// nanoseconds): tests replace them (`use`) so nothing depends on chance or on waiting.
    struct Sources: Sendable {
        var random: @Sendable () -> Double = { Double.random(in: 0..<1) }
        var now: @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    }

    private let current = Mutex(Sources())

    init(throttles: Bool) {
        limiter = throttles ? RateLimiter() : nil
    }

    var throttles: Bool { limiter != nil }

    /// Nothing to do for any request: no rule and no throttle (one atomic load).
    var isIdle: Bool { limiter == nil && rules.isEmpty }

    var sources: Sources { current.withLock { $0 } }

    func use(random: (@Sendable () -> Double)? = nil, now: (@Sendable () -> UInt64)? = nil) {
        current.withLock { sources in
            if let random { sources.random = random }
            if let now { sources.now = now }
        }
    }
}

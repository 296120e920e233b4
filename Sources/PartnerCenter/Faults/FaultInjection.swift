import Dispatch
import HTTP
import Synchronization

/// Fault rules (`/_sim/faults`) and `--throttle`, consulted at the start of every request
/// outside `/_sim` (`PartnerCenterApp.handle`). With no rule and no throttle a request pays
/// one atomic load.
final class FaultInjection: Sendable {
    let rules = FaultRegistry()
    /// nil without `--throttle`.
    private let limiter: RateLimiter?

    /// Where probabilities and random delays are drawn, and the throttle's time (monotonic
    /// nanoseconds): tests replace them (`use`) so nothing depends on chance or on waiting.
    struct Sources: Sendable {
        var random: @Sendable () -> Double = { Double.random(in: 0..<1) }
        var now: @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    }

    private let sources = Mutex(Sources())

    init(throttles: Bool) {
        limiter = throttles ? RateLimiter() : nil
    }

    var throttles: Bool { limiter != nil }

    func use(random: (@Sendable () -> Double)? = nil, now: (@Sendable () -> UInt64)? = nil) {
        sources.withLock { sources in
            if let random { sources.random = random }
            if let now { sources.now = now }
        }
    }

    /// The decision for `request`, or nil when neither the throttle nor a rule applies (the
    /// request is then served as if faults did not exist). The control plane never is.
    func intercept(_ request: HTTPRequest, services: Services, responder: Responder) -> FaultDecision? {
        guard limiter != nil || !rules.isEmpty else { return nil }
        let segments = PathPattern.segments(ofRawPath: request.rawPath)
        if segments.first == "_sim" { return nil }
        let sources = self.sources.withLock { $0 }
        // Verified once, and only when the throttle or a tenant rule needs it.
        var verified: String??
        func tenantId() -> String? {
            if let verified { return verified }
            let tenant = try? services.tokens.principal(fromAuthorization: request.headers["Authorization"]).tenantId.lowercased()
            verified = .some(tenant)
            return tenant
        }
        if let limiter {
            var resolved = request
            let route = responder.resolve(&resolved)
            if let pattern = route.pattern, let method = route.method,
               let (index, limit) = ThrottleLimits.limit(method: method, pattern: pattern), let tenant = tenantId(),
               let seconds = limiter.admit(tenantId: tenant, route: index, limit: limit, now: sources.now()) {
                return .throttled(retryAfter: seconds)
            }
        }
        guard !rules.isEmpty else { return nil }
        let tenant = rules.needsTenant ? tenantId() : nil
        guard let rule = rules.fire(method: request.method, path: segments, tenantId: tenant, now: services.clock.now,
                                    random: sources.random) else { return nil }
        let delay: Int = switch rule.effect.delay {
        case .fixed(let milliseconds)?: milliseconds
        case .random(let min, let max)?: min + Int((sources.random() * Double(max - min + 1)).rounded(.down)).clamped(to: 0...(max - min))
        case nil: 0
        }
        return FaultDecision(rule, rawPath: request.rawPath, delayMilliseconds: delay)
    }
}

private extension Int {
    func clamped(to range: ClosedRange<Int>) -> Int { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}

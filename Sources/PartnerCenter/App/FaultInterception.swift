import HTTP

/// Where `PartnerCenterApp.handle` meets fault injection: the throttle first (a throttled
/// request never reaches the service, so it spends no rule's `times`), then the first rule
/// that fires. The control plane never is (docs/decisions.md, "Faults and throttling").
enum FaultInterception {
    /// The decision for `request`, or nil when neither the throttle nor a rule applies (the
    /// request is then served as if faults did not exist).
    static func decide(_ request: HTTPRequest, services: Services, responder: Responder) -> FaultDecision? {
        let faults = services.faults
        guard !faults.isIdle, !ControlPlanePath.contains(request.path) else { return nil }
        let sources = faults.sources
        // Verified once, and only when the throttle or a tenant rule needs it.
        var verified: String??
        func tenantId() -> String? {
            if let verified { return verified }
            let tenant = try? services.tokens.principal(fromAuthorization: request.headers["Authorization"]).tenantId.lowercased()
            verified = .some(tenant)
            return tenant
        }
        if let limiter = faults.limiter {
            var resolved = request
            let route = responder.resolve(&resolved)
            if let pattern = route.pattern, let method = route.method,
               let (index, limit) = ThrottleLimits.limit(method: method, pattern: pattern), let tenant = tenantId(),
               let seconds = limiter.admit(tenantId: tenant, route: index, limit: limit, now: sources.now()) {
                return .throttled(retryAfter: seconds)
            }
        }
        guard !faults.rules.isEmpty else { return nil }
        // As the router sees it: split on the raw `/`, decoded, any case.
        let segments = PathPattern.segments(ofRawPath: request.rawPath)
        let tenant = faults.rules.needsTenant ? tenantId() : nil
        guard let rule = faults.rules.fire(method: request.method, path: segments, tenantId: tenant, now: services.clock.now,
                                           random: sources.random) else { return nil }
        return FaultDecision(rule, rawPath: request.rawPath, delayMilliseconds: delay(rule.effect.delay, random: sources.random))
    }

    /// A rule's delay for this request: fixed, or drawn uniformly from its range, bounds included.
    static func delay(_ delay: FaultEffect.Delay?, random: () -> Double) -> Int {
        switch delay {
        case .fixed(let milliseconds)?:
            return milliseconds
        case .random(let min, let max)?:
            let offset = Int((random() * Double(max - min + 1)).rounded(.down))
            return min + Swift.min(Swift.max(offset, 0), max - min)
        case nil:
            return 0
        }
    }
}

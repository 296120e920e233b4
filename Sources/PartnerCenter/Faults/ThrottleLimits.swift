import HTTP

/// The routes `--throttle` limits, per caller tenant: the operations Partner Center's "API
/// throttling guidance" (learn.microsoft.com/partner-center/developer/api-throttling-guidance)
/// lists as throttled today, of those pcsim serves. That page publishes no numbers (the limits
/// are tuned from telemetry); its sample 429 says "Retry-After: 57", a one-minute window. The
/// counts are pcsim's (docs/decisions.md): writes lower than reads, as the page says writes
/// are throttled sooner. Routes not listed are never throttled.
enum ThrottleLimits {
    static let write = RateLimiter.Limit(requests: 50, windowSeconds: 60)
    static let read = RateLimiter.Limit(requests: 300, windowSeconds: 60)

    struct Route: Sendable {
        let method: HTTPMethod
        let pattern: String
        let limit: RateLimiter.Limit
    }

    static let routes: [Route] = [
        Route(method: .post, pattern: "/v1/customers/{customerId}/orders", limit: write),                         // create an order
        Route(method: .patch, pattern: "/v1/customers/{customerId}/subscriptions/{subscriptionId}", limit: write), // manage a subscription
        Route(method: .get, pattern: "/v1/customers/{customerId}", limit: read),                                   // get a customer by id
        Route(method: .get, pattern: "/v1/customers/{customerId}/subscriptions", limit: read),
        Route(method: .get, pattern: "/v1/customers/{customerId}/subscriptions/{subscriptionId}", limit: read),
        Route(method: .get, pattern: "/v1/customers/{customerId}/subscriptions/{subscriptionId}/addons", limit: read),
        Route(method: .get, pattern: "/v1/customers/{customerId}/orders", limit: read),
        Route(method: .get, pattern: "/v1/customers/{customerId}/orders/{orderId}", limit: read),
        Route(method: .get, pattern: "/v1/customers/{customerId}/orders/{orderId}/provisioningstatus", limit: read),
        Route(method: .get, pattern: "/v1/customers/{customerId}/transfers", limit: read),                        // a customer's transfers
    ]

    private struct Key: Hashable {
        let method: HTTPMethod
        let pattern: String
    }

    private static let index: [Key: Int] = Dictionary(uniqueKeysWithValues: routes.enumerated().map {
        (Key(method: $0.element.method, pattern: $0.element.pattern), $0.offset)
    })

    /// The route's index in `routes` and its limit, for a request that matched `pattern`
    /// (a HEAD served by a GET route counts as that GET); nil when it is not throttled.
    static func limit(method: HTTPMethod, pattern: String) -> (route: Int, limit: RateLimiter.Limit)? {
        guard let route = index[Key(method: method, pattern: pattern)] else { return nil }
        return (route, routes[route].limit)
    }
}

/// The route a request matched, as `Responder.resolve(_:)` reports it: what a lane classifier
/// needs to tell one endpoint from another without matching the path itself.
public struct ResolvedRoute: Sendable, Equatable {
    /// The pattern as registered (`/v1/customers/{customerId}`); nil when no route matched
    /// (the request will be answered 404 or 405).
    public let pattern: String?
    /// The method of the route that serves the request: a HEAD request served by a GET route
    /// reports GET. nil when no route matched.
    public let method: HTTPMethod?
}

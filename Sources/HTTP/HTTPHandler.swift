/// Synchronous on purpose: handlers do blocking SQLite work on the connection's Dispatch queue,
/// so there is no async hop per request.
public typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse

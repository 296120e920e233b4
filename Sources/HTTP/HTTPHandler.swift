/// Synchronous on purpose: handlers do blocking SQLite work. Worker-lane handlers run on the
/// server's own threads and inline-lane ones on the connection's queue (see `HTTPLane`), so
/// there is no async hop per request.
public typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse

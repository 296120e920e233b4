// Lets bench/main.swift build against the server before lanes existed (for a before/after
// figure): BENCH_OLD_API adds the lane parameter the old initializer lacks, ignoring it.
#if BENCH_OLD_API
enum HTTPLane { case inline, worker }
extension HTTPServer {
    convenience init(
        configuration: ServerConfiguration, handler: @escaping HTTPHandler,
        errorResponse: @escaping @Sendable (HTTPStatus, String) -> HTTPResponse,
        lane: @escaping @Sendable (HTTPRequest) -> HTTPLane
    ) {
        self.init(configuration: configuration, handler: handler, errorResponse: errorResponse)
    }
}
#endif

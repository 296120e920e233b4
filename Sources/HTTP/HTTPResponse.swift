/// A response as the application builds it; the server adds framing headers when writing.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// True: the server writes nothing for this request and closes the connection once the
    /// responses before it are sent, so the client sees the connection drop (an emulator's
    /// injected network fault). The status and body are then only what the access log reports.
    public var dropsConnection = false
    /// Facts for the access log only (never sent): the application's names for what it knows of
    /// the request, such as an error code or the caller's tenant.
    public var logFields: [(name: String, value: String)] = []
    /// How long the server holds this response before writing it (or, with `dropsConnection`,
    /// before dropping the connection): an emulator's injected latency. The wait holds no
    /// thread (a timer on the connection's queue) and nothing else is answered on this
    /// connection meanwhile, as HTTP/1.1 answers in order; zero (the default) writes at once.
    public var delay: Duration = .zero

    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Listening address, limits and timeouts for `HTTPServer`; times are in seconds.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 asks the kernel for an ephemeral port; `HTTPServer.start()` returns the one bound.
    public var port: Int
    public var maxRequestLineBytes: Int
    public var maxHeaderBytes: Int
    public var maxHeaderCount: Int
    public var maxBodyBytes: Int
    /// How long a client has to deliver a complete request head (408 after that).
    public var headTimeout: Double
    /// How long a keep-alive connection may sit without a new request before being closed silently.
    public var idleTimeout: Double
    public var maxConnections: Int
    public var shutdownGracePeriod: Double
    public var backlog: Int

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxRequestLineBytes: Int = 8192,
        maxHeaderBytes: Int = 65536,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 1 << 20,
        headTimeout: Double = 10,
        idleTimeout: Double = 60,
        maxConnections: Int = 1024,
        shutdownGracePeriod: Double = 10,
        backlog: Int = 1024
    ) {
        self.host = host
        self.port = port
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.headTimeout = headTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.shutdownGracePeriod = shutdownGracePeriod
        self.backlog = backlog
    }

    var parserLimits: ParserLimits {
        ParserLimits(
            maxRequestLineBytes: maxRequestLineBytes,
            maxHeaderBytes: maxHeaderBytes,
            maxHeaderCount: maxHeaderCount,
            maxBodyBytes: maxBodyBytes
        )
    }
}

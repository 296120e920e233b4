/// Listening address, limits and timeouts for `HTTPServer`; times are in seconds.
/// The chosen defaults and their reasons are in docs/decisions.md.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 asks the kernel for an ephemeral port; `HTTPServer.start()` returns the one bound.
    public var port: Int
    /// Longest request line (method, target, version); 414 beyond it.
    public var maxRequestLineBytes: Int
    /// Largest header section (and trailer section); 431 beyond it.
    public var maxHeaderBytes: Int
    public var maxHeaderCount: Int
    /// Largest body of one request (Content-Length or chunked total); 413 beyond it.
    public var maxBodyBytes: Int
    /// Bodies of all requests in flight together (declared Content-Length, or chunk sizes as
    /// they arrive, until the handler returns or the connection closes). A request that would
    /// go over it is answered 503 and its connection closed. 0 refuses every request body.
    public var maxInFlightBodyBytes: Int
    /// How long a client has to deliver a complete request head (408 after that), counted
    /// from the connection's opening for its first request and from the first byte for later ones.
    public var headTimeout: Double
    /// How long a client has to deliver a whole request, head and body, counted from its first
    /// byte (408 after that). Reads do not restart it.
    public var requestTimeout: Double
    /// Minimum average transfer rate in bytes per second, enforced once `bodyRateGracePeriod`
    /// has passed: for a request body since it started (408 when it falls below), and for a
    /// response since the client stopped keeping up with it (the connection is closed). 0 disables it.
    public var minBodyBytesPerSecond: Double
    public var bodyRateGracePeriod: Double
    /// How long a keep-alive connection may sit without a new request before being closed silently.
    public var idleTimeout: Double
    /// Open connections served at once. At the limit the connection idle the longest is
    /// closed to admit a new client; only when none is idle does the new client get 503.
    public var maxConnections: Int
    /// Threads running `.worker`- and `.bulk`-lane handlers (see `HTTPLane`).
    public var workerThreads: Int
    /// Worker threads that may run `.bulk`-lane handlers at once; nil: all but one of
    /// `workerThreads` (at least one), so a light request always finds a free worker.
    public var bulkThreads: Int?
    /// The nice value the read workers run at (Linux; 0 elsewhere or to turn it off): above
    /// the other threads', so a write, a control-plane request and the connections' own
    /// reading and writing take a core from a busy read worker at once instead of waiting out
    /// its time slice (docs/decisions.md, "Lanes").
    public var readWorkerNiceness: Int32 = ServerConfiguration.defaultReadWorkerNiceness
    public static let defaultReadWorkerNiceness: Int32 = 4
    /// Ordinary worker jobs taken in a row while a `.bulk` job waits, before the next free
    /// worker takes the bulk job (so bulk work always progresses).
    public var bulkInterval: Int
    /// Threads running `.write`-lane handlers (see `HTTPLane`).
    public var writeThreads: Int
    /// Threads running `.control`-lane handlers (see `HTTPLane`).
    public var controlThreads: Int
    /// How long `HTTPServer.shutdown()` waits for in-flight requests before force-closing.
    public var shutdownGracePeriod: Double
    public var backlog: Int
    /// The header that carries a request's correlation id, if the application has one: the
    /// access log quotes it (the response's value first, else the request's). The server gives
    /// the name no meaning of its own; nil logs none.
    public var correlationHeader: String?
    /// HTTPS on the listening port; nil (the default) serves plain HTTP. `HTTPServer.start()`
    /// reads the files and throws `TLSConfigurationError` when they are unusable.
    public var tls: TLSConfiguration?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxRequestLineBytes: Int = 8192,
        maxHeaderBytes: Int = 65536,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 1 << 20,
        maxInFlightBodyBytes: Int = 64 << 20,
        headTimeout: Double = 10,
        requestTimeout: Double = 30,
        minBodyBytesPerSecond: Double = 1024,
        bodyRateGracePeriod: Double = 5,
        idleTimeout: Double = 60,
        maxConnections: Int = 1024,
        workerThreads: Int = ServerConfiguration.defaultWorkerThreads,
        bulkThreads: Int? = nil,
        bulkInterval: Int = ServerConfiguration.defaultBulkInterval,
        writeThreads: Int = ServerConfiguration.defaultWriteThreads,
        controlThreads: Int = 2,
        shutdownGracePeriod: Double = 10,
        backlog: Int = 1024,
        correlationHeader: String? = nil,
        tls: TLSConfiguration? = nil
    ) {
        self.host = host
        self.port = port
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxInFlightBodyBytes = maxInFlightBodyBytes
        self.headTimeout = headTimeout
        self.requestTimeout = requestTimeout
        self.minBodyBytesPerSecond = minBodyBytesPerSecond
        self.bodyRateGracePeriod = bodyRateGracePeriod
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.workerThreads = workerThreads
        self.bulkThreads = bulkThreads
        self.bulkInterval = bulkInterval
        self.writeThreads = writeThreads
        self.controlThreads = controlThreads
        self.shutdownGracePeriod = shutdownGracePeriod
        self.backlog = backlog
        self.correlationHeader = correlationHeader
        self.tls = tls
    }

    /// Online cores + 2, at least 4 (reasons in docs/decisions.md, "Lanes").
    public static var defaultWorkerThreads: Int {
        WorkerPool.defaultSize
    }

    /// 8 (reasons in docs/decisions.md, "Lanes").
    public static var defaultBulkInterval: Int {
        WorkerPool.defaultBulkInterval
    }

    /// 2: a database has one writer; the second thread gets the next write ready (parsing,
    /// authentication) while the first holds it, and more would only wait on its lock.
    public static let defaultWriteThreads = 2

    var parserLimits: ParserLimits {
        ParserLimits(
            maxRequestLineBytes: maxRequestLineBytes,
            maxHeaderBytes: maxHeaderBytes,
            maxHeaderCount: maxHeaderCount,
            maxBodyBytes: maxBodyBytes
        )
    }
}

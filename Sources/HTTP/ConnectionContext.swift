/// What every connection of one server shares: limits, the application handler and hooks,
/// the worker pools, the body budget and the handler activity count.
struct ConnectionContext: Sendable {
    let configuration: ServerConfiguration
    let limits: ParserLimits
    let handler: HTTPHandler
    /// Renders the server's own errors: status, message, and the request's raw path when
    /// its request line was read (`RequestParser.currentPath`).
    let errorResponse: @Sendable (HTTPStatus, String, String?) -> HTTPResponse
    let accessLog: (@Sendable (AccessLogEntry) -> Void)?
    let lane: @Sendable (inout HTTPRequest) -> HTTPLane
    /// Runs `.worker`- and `.bulk`-lane handlers.
    let workers: WorkerPool
    /// Runs `.write`-lane handlers, so a write waiting for the database's writer holds no worker.
    let writeWorkers: WorkerPool
    /// Runs `.control`-lane handlers, so they never wait behind the other lanes' backlogs.
    let controlWorkers: WorkerPool
    let budget: BodyBudget
    let activity: HandlerActivity

    /// How long a connection that must close keeps draining input after its last response, so
    /// unread request bytes don't turn our FIN into an RST that destroys the response in flight.
    var lingerNanoseconds: UInt64 {
        Connection.nanoseconds(min(2, max(0.05, configuration.idleTimeout)))
    }
}

extension ConnectionContext {
    /// The pool and class a lane's handlers run in; nil for `.inline` (the connection's own queue).
    func pool(for lane: HTTPLane) -> (WorkerPool, WorkerPool.Priority)? {
        switch lane {
        case .worker: (workers, .ordinary)
        case .bulk: (workers, .bulk)
        case .write: (writeWorkers, .ordinary)
        case .control: (controlWorkers, .ordinary)
        case .inline: nil
        }
    }
}

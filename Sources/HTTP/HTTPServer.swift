#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// An HTTP/1.1 server on non-blocking sockets and Dispatch sources: one listening source for
/// accepts, one serial queue per connection for reading, parsing and writing. Handlers run on
/// the lane the `lane` classifier picks (`HTTPLane`): `.worker` and `.bulk` on the server's
/// own worker threads (`.worker` is the default), `.write` and `.control` on small pools of
/// their own, `.inline` directly on the connection's queue.
public final class HTTPServer: Sendable {
    private struct State {
        var listenSource: DispatchSourceRead?
        var acceptPaused = false
        var accepting = false
        var port = 0
        var connections: [Int: Connection] = [:]
        /// Connections holding one of the `maxConnections` slots.
        var counted: Set<Int> = []
        var nextID = 0
        /// Built from `configuration.tls` by each `start()` (so a restart rereads the files).
        var tls: TLSContext?
    }

    private let configuration: ServerConfiguration
    private let context: ConnectionContext
    private let acceptQueue = DispatchQueue(label: "pcsim.http.accept")
    private let state = Mutex(State())

    /// - Parameters:
    ///   - handler: answers a complete request; may block when its lane is `.worker`.
    ///   - errorResponse: renders the server's own errors (400, 408, 413, 503, ...): status,
    ///     message, and the raw path of the request (target up to `?`) when its request line
    ///     was read, nil otherwise (a request line too long, a connection refused at accept).
    ///   - accessLog: called once per response.
    ///   - lane: picks where each request's handler runs; called on the connection's queue,
    ///     so it must be cheap and must not block. It may annotate the request for its handler:
    ///     `Responder.resolve(_:)` records the route it matched, so that `respond(to:)` does
    ///     not match again.
    public init(
        configuration: ServerConfiguration,
        handler: @escaping HTTPHandler,
        errorResponse: @escaping @Sendable (HTTPStatus, String, String?) -> HTTPResponse,
        accessLog: (@Sendable (AccessLogEntry) -> Void)? = nil,
        lane: @escaping @Sendable (inout HTTPRequest) -> HTTPLane = { _ in .worker }
    ) {
        self.configuration = configuration
        self.context = ConnectionContext(
            configuration: configuration,
            limits: configuration.parserLimits,
            handler: handler,
            errorResponse: errorResponse,
            accessLog: accessLog,
            lane: lane,
            workers: WorkerPool(size: configuration.workerThreads, bulkInterval: configuration.bulkInterval,
                                bulkLimit: configuration.bulkThreads, niceness: configuration.readWorkerNiceness),
            writeWorkers: WorkerPool(size: configuration.writeThreads),
            controlWorkers: WorkerPool(size: configuration.controlThreads),
            budget: BodyBudget(limit: configuration.maxInFlightBodyBytes),
            activity: HandlerActivity()
        )
    }

    deinit {
        context.workers.stop()
        context.writeWorkers.stop()
        context.controlWorkers.stop()
    }

    /// Body-budget bytes reserved right now across all connections (for tests).
    var inFlightBodyBytes: Int {
        context.budget.reserved
    }

    /// Connections open right now, lingering ones included (for tests).
    var openConnections: Int {
        state.withLock { $0.connections.count }
    }

    /// Jobs waiting for a worker thread, by class (for tests).
    var queuedWorkerJobs: (ordinary: Int, bulk: Int) {
        context.workers.queued
    }

    /// Jobs waiting for a write-lane thread (for tests).
    var queuedWriteJobs: Int {
        context.writeWorkers.queued.ordinary
    }

    /// Handlers executing right now, on any lane (for tests and shutdown).
    var runningHandlers: Int {
        context.activity.running
    }

    /// The bound port (meaningful after `start()`; with port 0 it is the ephemeral one).
    public var port: Int {
        state.withLock { $0.port }
    }

    /// Binds, listens and starts accepting. Returns the port actually bound.
    /// Throws `TLSConfigurationError` (before binding) when HTTPS is configured and its files
    /// are missing, unreadable, not PEM, or the key does not match the certificate, and
    /// `SocketError` when the address cannot be bound.
    @discardableResult
    public func start() throws -> Int {
        Socket.ignoreSIGPIPE()
        if let running = state.withLock({ $0.listenSource != nil ? $0.port : nil }) {
            return running
        }
        let tls = try configuration.tls.map { configuration throws(TLSConfigurationError) in try TLSContext(configuration) }
        let (fd, port) = try Socket.listen(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        state.withLock { state in
            // Built inside the lock: a Dispatch source isn't Sendable, so it is created in the
            // region of the state that owns it.
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: acceptQueue)
            // Weak: a server dropped without shutdown() must not be kept alive by its own source.
            source.setEventHandler { [weak self] in self?.acceptConnections(listenFD: fd) }
            source.setCancelHandler { Socket.closeDescriptor(fd) }
            state.listenSource = source
            state.port = port
            state.tls = tls
            state.accepting = true
            source.activate()
        }
        return port
    }

    /// Graceful stop: no new connections, in-flight requests finish and are answered (with
    /// `Connection: close`), idle connections close. After `shutdownGracePeriod` whatever is
    /// left is force-closed, and the call returns at most about half a second later even if a
    /// handler is stuck: it never waits on a handler forever.
    ///
    /// Returns true when nothing is left behind: every connection is closed and no handler is
    /// still running. False means a handler was still executing (or a connection could not be
    /// closed because an inline handler holds its queue) when the call gave up.
    /// Must not be called from inside a handler (it waits for handlers to finish).
    @discardableResult
    public func shutdown() -> Bool {
        let connections: [Connection] = acceptQueue.sync {
            state.withLock { state in
                state.accepting = false
                if let source = state.listenSource {
                    if state.acceptPaused {
                        source.resume()
                        state.acceptPaused = false
                    }
                    source.cancel()
                }
                state.listenSource = nil
                return Array(state.connections.values)
            }
        }
        for connection in connections {
            connection.beginShutdown()
        }
        let graceDeadline = Connection.now() + Connection.nanoseconds(configuration.shutdownGracePeriod)
        if waitForConnections(until: graceDeadline) {
            return true
        }
        for connection in state.withLock({ Array($0.connections.values) }) {
            connection.forceClose()
        }
        // A handler still running past the grace period may never return; don't wait on it forever.
        return waitForConnections(until: Connection.now() + 500_000_000)
    }

    /// Waits until no connection is open and no handler runs (true), or the deadline (false).
    private func waitForConnections(until deadline: UInt64) -> Bool {
        while true {
            if state.withLock({ $0.connections.isEmpty }) && context.activity.running == 0 {
                return true
            }
            if Connection.now() >= deadline {
                return false
            }
            usleep(2_000)
        }
    }

    // MARK: - Accepting

    private func acceptConnections(listenFD: Int32) {
        let tlsContext = state.withLock { $0.tls }
        while true {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    // accept4 isn't exported by the Glibc module; flags are set right after.
                    accept(listenFD, $0, &length)
                }
            }
            if fd < 0 {
                switch errno {
                case EINTR, ECONNABORTED:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    pauseAccepting()
                    return
                default:
                    return
                }
            }
            guard Socket.setNonBlocking(fd) else {
                Socket.closeDescriptor(fd)
                continue
            }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            Socket.setNoDelay(fd)
            let peer = Socket.describe(storage)
            let remoteAddress = "\(peer.host):\(peer.port)"
            var session: TLSSession?
            if let tlsContext {
                // Created outside the lock; only OpenSSL running out of memory makes it fail.
                session = TLSSession(context: tlsContext)
                if session == nil {
                    Socket.closeDescriptor(fd)
                    continue
                }
            }
            let registered: Bool = state.withLock { state in
                guard state.accepting else { return false }
                // Over the limit we still accept, so the client gets a 503 instead of a
                // silent wait in the backlog — unless an idle connection can make room.
                var counted = state.counted.count < configuration.maxConnections
                if !counted, let victim = HTTPServer.claimOldestIdle(state) {
                    state.counted.remove(victim.id)
                    victim.evict()
                    counted = true
                }
                state.nextID += 1
                let id = state.nextID
                if counted {
                    state.counted.insert(id)
                }
                let connection = Connection(
                    id: id, fd: fd, remoteAddress: remoteAddress, counted: counted, context: context,
                    tls: session,
                    onRelease: { [weak self] id in self?.releaseSlot(id) },
                    onClose: { [weak self] id in self?.connectionClosed(id) }
                )
                state.connections[id] = connection
                // Started under the lock so its setup block is queued before any
                // `beginShutdown` that a concurrent shutdown() could send it.
                connection.start()
                return true
            }
            if !registered {
                Socket.closeDescriptor(fd)
            }
        }
    }

    /// The counted connection idle the longest, claimed (its idle mark cleared) so that two
    /// accepts never pick the same one. nil when every connection is busy.
    private static func claimOldestIdle(_ state: State) -> Connection? {
        while true {
            var oldest: (connection: Connection, since: UInt64)?
            for id in state.counted {
                guard let connection = state.connections[id] else { continue }
                let since = connection.idleSince.load(ordering: .relaxed)
                if since != 0 && since < (oldest?.since ?? .max) {
                    oldest = (connection, since)
                }
            }
            guard let oldest else { return nil }
            let (claimed, _) = oldest.connection.idleSince.compareExchange(
                expected: oldest.since, desired: 0, ordering: .relaxed)
            if claimed {
                return oldest.connection
            }
            // It turned busy meanwhile; look again.
        }
    }

    /// Out of descriptors: the listening socket stays readable, so stop the source briefly
    /// instead of spinning, and retry once some connections have had a chance to close.
    private func pauseAccepting() {
        let paused: Bool = state.withLock { state in
            guard state.accepting, !state.acceptPaused, let source = state.listenSource else { return false }
            source.suspend()
            state.acceptPaused = true
            return true
        }
        guard paused else { return }
        acceptQueue.asyncAfter(deadline: .now() + .milliseconds(100)) { [weak self] in
            self?.state.withLock { state in
                if state.acceptPaused, let source = state.listenSource {
                    state.acceptPaused = false
                    source.resume()
                }
            }
        }
    }

    /// A connection that is only draining input before closing no longer counts as open.
    private func releaseSlot(_ id: Int) {
        _ = state.withLock { $0.counted.remove(id) }
    }

    private func connectionClosed(_ id: Int) {
        state.withLock { state in
            state.connections.removeValue(forKey: id)
            state.counted.remove(id)
        }
    }
}

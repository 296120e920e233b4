#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// One accepted TCP connection: reads, parses, runs the handler and writes responses,
/// all on its own serial queue, driven by Dispatch read/write/timer sources.
///
/// `@unchecked Sendable` is safe because every mutable property is read and written only on
/// `queue` (source handlers target it, and the few entry points from other threads —
/// `start`, `beginShutdown`, `forceClose` — hop onto it with `queue.async`). The immutable
/// `let`s are set in `init` before the object is shared.
final class Connection: @unchecked Sendable {
    private enum Phase {
        /// Reading and answering requests.
        case active
        /// A response that ends the connection is queued; no more input is processed.
        case closeAfterFlush
        /// Write side shut down; input is drained and discarded until EOF or timeout.
        case lingering
        case closed
    }

    private enum TimeoutAction {
        case requestTimeout
        case silentClose
    }

    let id: Int
    /// Whether this connection counts against `maxConnections` (rejected ones don't).
    let counted: Bool
    private let fd: Int32
    private let queue: DispatchQueue
    private let context: ConnectionContext
    private let remoteAddress: String
    private let onRelease: @Sendable (Int) -> Void
    private let onClose: @Sendable (Int) -> Void
    private let readSource: DispatchSourceRead
    private let timer: DispatchSourceTimer
    private var writeSource: DispatchSourceWrite?

    private var parser: RequestParser
    private var phase = Phase.active
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var readSuspended = false
    private var writeSuspended = true
    private var writeActivated = false
    private var writeBlocked = false
    private var peerClosed = false
    private var shuttingDown = false
    private var requestsServed = 0
    private var headDeadlineArmed = true
    private var deadline: UInt64 = .max
    private var timerFireTime: UInt64 = .max
    private var timeoutAction = TimeoutAction.requestTimeout
    private var pendingCancellations = 0

    /// Connection queues share one label and target the global concurrent pool, so a
    /// thousand connections cost a thousand small queue objects, not a thousand threads.
    private static let targetQueue = DispatchQueue.global(qos: .userInitiated)

    init(
        id: Int, fd: Int32, remoteAddress: String, counted: Bool,
        context: ConnectionContext,
        onRelease: @escaping @Sendable (Int) -> Void,
        onClose: @escaping @Sendable (Int) -> Void
    ) {
        self.id = id
        self.fd = fd
        self.counted = counted
        self.remoteAddress = remoteAddress
        self.context = context
        self.onRelease = onRelease
        self.onClose = onClose
        self.queue = DispatchQueue(label: "pcsim.http.connection", target: Connection.targetQueue)
        self.parser = RequestParser(limits: context.limits, remoteAddress: remoteAddress)
        self.readSource = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        self.timer = DispatchSource.makeTimerSource(queue: queue)
    }

    /// Activates the sources; a rejected connection immediately gets 503 and closes.
    func start() {
        queue.async { [self] in
            pendingCancellations = 1
            readSource.setEventHandler { [self] in readable() }
            readSource.setCancelHandler { [self] in sourceCancelled() }
            timer.setEventHandler { [self] in timerFired() }
            setDeadline(Connection.now() + Connection.nanoseconds(context.configuration.headTimeout), .requestTimeout)
            timer.activate()
            readSource.activate()
            if !counted {
                fail(.serviceUnavailable, "Too many open connections")
                process()
            }
        }
    }

    /// Graceful shutdown: an idle connection closes now; one mid-request finishes it first
    /// (its response then carries `Connection: close`).
    func beginShutdown() {
        queue.async { [self] in
            shuttingDown = true
            switch phase {
            case .lingering:
                close()
            case .active:
                if parser.isIdle && !writeBlocked {
                    close()
                }
            case .closeAfterFlush, .closed:
                break
            }
        }
    }

    func forceClose() {
        queue.async { [self] in close() }
    }

    // MARK: - Reading

    private func readable() {
        guard phase != .closed else { return }
        let count = withUnsafeTemporaryAllocation(byteCount: 16_384, alignment: 16) { buffer -> Int in
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 && phase != .lingering {
                parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            }
            return count
        }
        if count < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
            close()
            return
        }
        if count == 0 {
            peerClosed = true
            if phase == .lingering {
                close()
                return
            }
            // EOF stays readable forever; stop the source so it doesn't spin, then answer
            // whatever complete requests are already buffered before closing.
            suspendReading()
        }
        if phase == .lingering {
            return
        }
        process()
    }

    /// Answers every complete buffered request, then flushes and decides what comes next.
    private func process() {
        parsing: while phase == .active && !writeBlocked {
            let event: RequestParser.Event
            do {
                event = try parser.next()
            } catch {
                fail(error.status, error.message)
                break parsing
            }
            switch event {
            case .needMoreData:
                armWaitingDeadline()
                break parsing
            case .expectContinue:
                output.append(contentsOf: ResponseSerializer.continueResponse)
            case .request(let request, let keepAlive):
                respond(to: request, keepAlive: keepAlive)
                // Bound memory under deep pipelining: push out what we have before continuing.
                if output.count - outputOffset >= 65_536 && !flush() {
                    return
                }
            }
        }
        guard flush() else { return }
        switch phase {
        case .active:
            if peerClosed || (shuttingDown && parser.isIdle) {
                close()
            } else if parser.isIdle {
                parser.releaseIdleMemory()
                if output.capacity > 65_536 {
                    output = []
                }
            }
        case .closeAfterFlush:
            startLingering()
        case .lingering, .closed:
            break
        }
    }

    private func respond(to request: HTTPRequest, keepAlive: Bool) {
        let started = context.accessLog == nil ? 0 : Connection.now()
        let response = context.handler(request)
        requestsServed += 1
        headDeadlineArmed = false
        let close = !keepAlive || shuttingDown || ResponseSerializer.requestsClose(response)
        let isHead = request.method == .head
        ResponseSerializer.append(
            response,
            to: &output,
            omitBody: isHead,
            close: close,
            keepAliveHeader: request.version == .http1_0,
            date: HTTPDate.shared.current()
        )
        if close {
            phase = .closeAfterFlush
        }
        if let accessLog = context.accessLog {
            accessLog(AccessLogEntry(
                method: request.method.rawValue,
                path: request.path,
                status: response.status.code,
                bytes: isHead ? 0 : response.body.count,
                durationSeconds: Double(Connection.now() - started) / 1e9,
                correlationId: response.headers["MS-CorrelationId"] ?? request.headers["MS-CorrelationId"],
                remoteAddress: remoteAddress
            ))
        }
    }

    /// Queues a server-generated error (rendered by the application) and ends the connection.
    private func fail(_ status: HTTPStatus, _ message: String) {
        guard phase == .active else { return }
        let response = context.errorResponse(status, message)
        ResponseSerializer.append(
            response, to: &output, omitBody: false, close: true, keepAliveHeader: false,
            date: HTTPDate.shared.current()
        )
        phase = .closeAfterFlush
        context.accessLog?(AccessLogEntry(
            method: "-", path: "-", status: status.code, bytes: response.body.count, durationSeconds: 0,
            correlationId: response.headers["MS-CorrelationId"], remoteAddress: remoteAddress
        ))
    }

    // MARK: - Writing

    /// Sends pending output. Returns true when everything was written; false when the socket
    /// is full (a write source will resume us) or the connection was closed.
    private func flush() -> Bool {
        while outputOffset < output.count {
            let sent = output.withUnsafeBytes { bytes in
                send(fd, bytes.baseAddress.map { $0 + outputOffset }, bytes.count - outputOffset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                outputOffset += sent
                if writeBlocked {
                    // Progress on a slow reader: it isn't dead yet.
                    setDeadline(Connection.now() + Connection.nanoseconds(context.configuration.idleTimeout), .silentClose)
                }
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                waitUntilWritable()
                return false
            }
            close()
            return false
        }
        output.removeAll(keepingCapacity: true)
        outputOffset = 0
        return phase != .closed
    }

    private func waitUntilWritable() {
        guard !writeBlocked else { return }
        writeBlocked = true
        // Stop reading while the peer isn't reading: otherwise a pipelining client could make
        // us buffer without bound.
        suspendReading()
        let source: DispatchSourceWrite
        if let existing = writeSource {
            source = existing
        } else {
            source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: queue)
            source.setEventHandler { [self] in writable() }
            source.setCancelHandler { [self] in sourceCancelled() }
            pendingCancellations += 1
            writeSource = source
        }
        if !writeActivated {
            writeActivated = true
            source.activate()
        } else if writeSuspended {
            source.resume()
        }
        writeSuspended = false
        setDeadline(Connection.now() + Connection.nanoseconds(context.configuration.idleTimeout), .silentClose)
    }

    private func writable() {
        guard phase != .closed, writeBlocked else { return }
        writeBlocked = false
        guard flush() else {
            return
        }
        if let writeSource, !writeSuspended {
            writeSource.suspend()
            writeSuspended = true
        }
        if !peerClosed {
            resumeReading()
        }
        process()
    }

    // MARK: - Timeouts

    /// Chooses the timeout for the state the parser is waiting in.
    private func armWaitingDeadline() {
        let configuration = context.configuration
        if parser.isIdle {
            // Before the first request the open-time head deadline (408) keeps running;
            // between requests an idle connection is simply closed.
            if requestsServed > 0 && !headDeadlineArmed {
                setDeadline(Connection.now() + Connection.nanoseconds(configuration.idleTimeout), .silentClose)
            }
        } else if parser.isReadingHead {
            // Armed once per head, not per read: a slow-drip client must not extend it.
            if !headDeadlineArmed {
                headDeadlineArmed = true
                setDeadline(Connection.now() + Connection.nanoseconds(configuration.headTimeout), .requestTimeout)
            }
        } else {
            // Body: progress-based, so large uploads on slow links are fine.
            setDeadline(Connection.now() + Connection.nanoseconds(configuration.headTimeout), .requestTimeout)
        }
    }

    /// Records a deadline. The timer is only rescheduled when it must fire earlier; a later
    /// deadline is picked up when the armed timer fires, so requests don't pay for rescheduling.
    private func setDeadline(_ time: UInt64, _ action: TimeoutAction) {
        deadline = time
        timeoutAction = action
        if time < timerFireTime {
            timerFireTime = time
            timer.schedule(deadline: DispatchTime(uptimeNanoseconds: time), leeway: .milliseconds(5))
        }
    }

    private func timerFired() {
        timerFireTime = .max
        guard phase != .closed else { return }
        if Connection.now() < deadline {
            setDeadline(deadline, timeoutAction)
            return
        }
        switch timeoutAction {
        case .silentClose:
            close()
        case .requestTimeout:
            if phase == .active && !(parser.isIdle && requestsServed > 0) {
                fail(.requestTimeout, "No complete request was received in time")
                process()
            } else {
                close()
            }
        }
    }

    // MARK: - Closing

    private func startLingering() {
        phase = .lingering
        shutdown(fd, Int32(SHUT_WR))
        if counted {
            onRelease(id)
        }
        if peerClosed || shuttingDown {
            close()
            return
        }
        resumeReading()
        setDeadline(Connection.now() + context.lingerNanoseconds, .silentClose)
    }

    private func close() {
        guard phase != .closed else { return }
        phase = .closed
        timer.cancel()
        resumeReading()
        readSource.cancel()
        if let writeSource {
            if !writeActivated {
                writeSource.activate()
            } else if writeSuspended {
                writeSource.resume()
            }
            writeSuspended = false
            writeSource.cancel()
        }
    }

    /// The descriptor is closed only once every source on it is cancelled, so a recycled fd
    /// number can never receive events meant for this connection.
    private func sourceCancelled() {
        pendingCancellations -= 1
        guard pendingCancellations == 0 else { return }
        Socket.closeDescriptor(fd)
        // Break the source -> handler -> self cycles.
        readSource.setEventHandler(handler: nil)
        readSource.setCancelHandler(handler: nil)
        writeSource?.setEventHandler(handler: nil)
        writeSource?.setCancelHandler(handler: nil)
        timer.setEventHandler(handler: nil)
        onClose(id)
    }

    private func suspendReading() {
        if !readSuspended {
            readSuspended = true
            readSource.suspend()
        }
    }

    private func resumeReading() {
        if readSuspended {
            readSuspended = false
            readSource.resume()
        }
    }

    // MARK: - Time

    static func now() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }

    static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds > 0 else { return 0 }
        return UInt64(min(seconds, 1e9) * 1e9)
    }
}

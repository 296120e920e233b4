#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// One accepted TCP connection: reads, parses and writes on its own serial queue, driven by
/// Dispatch read/write/timer sources. `.inline` handlers run on that queue; every other lane's
/// handlers run on one of the server's thread pools and their response hops back to the queue.
///
/// `@unchecked Sendable` is safe because every mutable property is read and written only on
/// `queue` (source handlers target it, and the entry points from other threads — `start`,
/// `beginShutdown`, `evict`, `forceClose`, a worker's finished handler — hop onto it with
/// `queue.async`). The immutable `let`s are set in `init` before the object is shared, and
/// `idleSince` is an atomic the accept path reads to pick eviction victims.
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
        case requestTimeout(String)
        case silentClose
    }

    /// While a pool-lane handler runs, input beyond this many unparsed bytes is left in the
    /// kernel (reading is suspended), so pipelined data cannot grow the buffer without bound.
    static let readAheadWhileHandling = 65_536

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
    /// HTTPS: the connection's TLS engine (nil for plain HTTP). Received bytes go through it
    /// to the parser and responses through it to the socket; everything else is unchanged.
    private let tls: TLSSession?
    /// Uptime (ns) since which this connection has been idle — no request byte buffered, no
    /// handler running, nothing left to write — or 0 while busy. Read by the accept path.
    let idleSince = Atomic<UInt64>(0)
    /// Set when the connection closes, so a worker job still queued for it skips the handler.
    private let closedFlag = Atomic<Bool>(false)

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
    private var headDeadline: UInt64 = .max
    private var deadline: UInt64 = .max
    private var timerFireTime: UInt64 = .max
    private var timeoutAction = TimeoutAction.requestTimeout("")
    private var pendingCancellations = 0
    /// A pool-lane handler is running: nothing more is parsed and no request timeout fires.
    private var handlerRunning = false
    /// Body-budget bytes of the request whose handler is running.
    private var heldReservation = 0
    /// An answer waiting out its `delay` (`hold`), and which one: shutdown sends it at once
    /// instead of letting the grace period run out and the client lose an answer whose change
    /// may already be committed.
    private var heldAnswer: (response: HTTPResponse, request: HTTPRequest, keepAlive: Bool, started: UInt64, number: UInt64)?
    private var heldAnswers: UInt64 = 0
    /// Every byte received on this connection, for the body transfer-rate check.
    private var receivedBytes = 0
    /// When the current request's first byte was seen (0: no request in progress).
    private var requestStart: UInt64 = 0
    /// When the current request's body started, and `receivedBytes` at that moment.
    private var bodyStart: UInt64 = 0
    private var bodyStartBytes = 0
    /// Every byte sent, and since when (and from which count) the output has been backed up.
    private var sentBytes = 0
    private var writeWaitStart: UInt64 = 0
    private var writeWaitStartBytes = 0

    /// Connection queues share one label and target the global concurrent pool, so a
    /// thousand connections cost a thousand small queue objects, not a thousand threads.
    private static let targetQueue = DispatchQueue.global(qos: .userInitiated)

    init(
        id: Int, fd: Int32, remoteAddress: String, counted: Bool,
        context: ConnectionContext,
        tls: TLSSession? = nil,
        onRelease: @escaping @Sendable (Int) -> Void,
        onClose: @escaping @Sendable (Int) -> Void
    ) {
        self.id = id
        self.fd = fd
        self.counted = counted
        self.remoteAddress = remoteAddress
        self.context = context
        self.tls = tls
        self.onRelease = onRelease
        self.onClose = onClose
        self.queue = DispatchQueue(label: "pcsim.http.connection", target: Connection.targetQueue)
        self.parser = RequestParser(limits: context.limits, remoteAddress: remoteAddress, budget: context.budget)
        self.readSource = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        self.timer = DispatchSource.makeTimerSource(queue: queue)
    }

    /// Activates the sources; a rejected connection immediately gets 503 and closes (over TLS,
    /// once the handshake is done: the head deadline bounds the wait).
    func start() {
        queue.async { [self] in
            pendingCancellations = 1
            readSource.setEventHandler { [self] in readable() }
            readSource.setCancelHandler { [self] in sourceCancelled() }
            timer.setEventHandler { [self] in timerFired() }
            let now = Connection.now()
            headDeadline = now + Connection.nanoseconds(context.configuration.headTimeout)
            setDeadline(headDeadline, .requestTimeout(Connection.headTimeoutMessage))
            timer.activate()
            readSource.activate()
            if !counted {
                fail(.serviceUnavailable, "Too many open connections")
                process()
            } else {
                idleSince.store(now, ordering: .relaxed)
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
                if let held = heldAnswer {
                    heldAnswer = nil
                    handlerFinished(held.response, to: held.request, keepAlive: held.keepAlive, started: held.started)
                } else if parser.isIdle && !writeBlocked && !handlerRunning {
                    close()
                }
            case .closeAfterFlush, .closed:
                break
            }
        }
    }

    /// The server needs this connection's slot for a new client. An idle connection closes
    /// silently now; if a request slipped in meanwhile (bytes buffered, or already waiting in
    /// the kernel), it is answered first, with `Connection: close`.
    func evict() {
        queue.async { [self] in
            guard phase == .active else { return }
            shuttingDown = true
            if parser.isIdle && !writeBlocked && !handlerRunning && !kernelHasInput() {
                close()
            }
        }
    }

    func forceClose() {
        queue.async { [self] in close() }
    }

    // MARK: - Reading

    private func readable() {
        guard phase != .closed else { return }
        var decrypted = TLSSession.ReadOutcome.progress
        let count = ReceiveBuffer.withBuffer { buffer -> Int in
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 && phase != .lingering {
                let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
                if let tls {
                    decrypted = tls.receive(bytes) { parser.append($0) }
                } else {
                    parser.append(bytes)
                }
            }
            return count
        }
        if count > 0 {
            receivedBytes += count
            idleSince.store(0, ordering: .relaxed)
            switch decrypted {
            case .progress:
                break
            case .failed:
                // Garbage, an alert or a failed handshake: send OpenSSL's alert if it made one.
                close()
                return
            case .plainHTTP:
                fail(.badRequest, Connection.plainHTTPOnTLSMessage)
                process()
                return
            case .peerClosed:
                // close_notify: like EOF, the requests already received are still answered.
                peerClosed = true
                suspendReading()
            }
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
        if handlerRunning {
            // The next request waits for the running one (responses stay in order); keep
            // buffering it only up to a bound.
            if parser.bufferedBytes >= Connection.readAheadWhileHandling {
                suspendReading()
            }
            // TLS may have answered something meanwhile (a key update): it must not wait.
            if tls != nil {
                _ = flush()
            }
            return
        }
        process()
    }

    /// Answers every complete buffered request, then flushes and decides what comes next.
    private func process() {
        guard !handlerRunning else { return }
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
            case .request(var request, let keepAlive):
                requestStart = 0
                bodyStart = 0
                let reservation = parser.takeCompletedReservation()
                // The body now lives in the request; don't also keep the read buffer it was
                // copied from while the handler runs (the budget counts the body once).
                parser.releaseIdleMemory()
                if let (pool, priority) = context.pool(for: context.lane(&request)) {
                    dispatch(request, to: pool, priority, keepAlive: keepAlive, reservation: reservation)
                    break parsing
                }
                let started = Connection.now()
                context.activity.begin()
                let response = context.handler(request)
                context.activity.end()
                if response.delay > .zero {
                    // Held like a pool-lane answer (see `dispatch`): parsing waits for it.
                    handlerRunning = true
                    heldReservation = reservation
                    deadline = .max
                    hold(response, to: request, keepAlive: keepAlive, started: started)
                    break parsing
                }
                context.budget.release(reservation)
                append(response, to: request, keepAlive: keepAlive, started: started)
                // Bound memory under deep pipelining: push out what we have before continuing.
                if output.count - outputOffset >= 65_536 && !flush() {
                    return
                }
            }
        }
        guard flush() else { return }
        if handlerRunning {
            return
        }
        switch phase {
        case .active:
            if peerClosed || (shuttingDown && parser.isIdle) {
                close()
            } else if parser.isIdle && !(tls?.hasBufferedInput ?? false) {
                // (Part of a TLS record received is a request in progress, as a partial head is.)
                parser.releaseIdleMemory()
                tls?.releaseIdleMemory()
                if output.capacity > 65_536 {
                    output = []
                }
                idleSince.store(Connection.now(), ordering: .relaxed)
            }
        case .closeAfterFlush:
            startLingering()
        case .lingering, .closed:
            break
        }
    }

    /// Runs the handler on one of `pool`'s threads; parsing resumes when its response is back.
    private func dispatch(_ request: HTTPRequest, to pool: WorkerPool, _ priority: WorkerPool.Priority,
                          keepAlive: Bool, reservation: Int) {
        handlerRunning = true
        heldReservation = reservation
        // No head, idle or request timeout may fire while the handler runs (a blocked write
        // of earlier responses still arms its own silent-close deadline).
        deadline = .max
        let started = Connection.now()
        // The job reads the handler through `self` (an immutable `let`): capturing the context
        // itself would copy a dozen references into every job.
        pool.submit(priority) { [self] in
            // Force-closed while queued: nobody would get the answer, so don't run it.
            var response: HTTPResponse?
            if !closedFlag.load(ordering: .relaxed) {
                context.activity.begin()
                response = context.handler(request)
                context.activity.end()
            }
            if let response, response.delay > .zero {
                hold(response, to: request, keepAlive: keepAlive, started: started)
                return
            }
            // sync, not async: the worker itself runs the short write-and-parse step under the
            // queue's exclusion, which saves a thread wake-up per request. It cannot deadlock:
            // nothing on a connection queue ever waits for a worker.
            queue.sync {
                handlerFinished(response, to: request, keepAlive: keepAlive, started: started)
            }
        }
    }

    /// Finishes `response` once its `delay` has passed, on a timer of the connection's queue:
    /// no thread waits out the delay. Until then `handlerRunning` stays set, so nothing more is
    /// parsed (responses stay in order) and no request or idle deadline fires. Called on the
    /// queue or on a pool thread: it only schedules.
    private func hold(_ response: HTTPResponse, to request: HTTPRequest, keepAlive: Bool, started: UInt64) {
        queue.async { [self] in
            heldAnswers &+= 1
            let number = heldAnswers
            // Shutting down already: no reason to make the client wait.
            guard !shuttingDown else {
                handlerFinished(response, to: request, keepAlive: keepAlive, started: started)
                return
            }
            heldAnswer = (response, request, keepAlive, started, number)
            queue.asyncAfter(deadline: .now() + .nanoseconds(Connection.nanoseconds(response.delay))) { [self] in
                // Sent by shutdown meanwhile (or a later answer is held): nothing to do.
                guard let held = heldAnswer, held.number == number else { return }
                heldAnswer = nil
                handlerFinished(held.response, to: held.request, keepAlive: held.keepAlive, started: held.started)
            }
        }
    }

    private func handlerFinished(_ response: HTTPResponse?, to request: HTTPRequest, keepAlive: Bool, started: UInt64) {
        handlerRunning = false
        context.budget.release(heldReservation)
        heldReservation = 0
        // nil or closed: force-closed while the handler was queued or running.
        guard phase == .active, let response else { return }
        append(response, to: request, keepAlive: keepAlive, started: started)
        if !peerClosed && !writeBlocked {
            resumeReading()
        }
        process()
    }

    private func append(_ response: HTTPResponse, to request: HTTPRequest, keepAlive: Bool, started: UInt64) {
        requestsServed += 1
        headDeadlineArmed = false
        let isHead = request.method == .head
        if response.dropsConnection {
            // Nothing of this answer is written: the responses before it go out, then the
            // connection ends (lingering, so the client reads a clean end of stream, not a reset
            // that could destroy those earlier responses).
            parser.releaseReservations()
            phase = .closeAfterFlush
        } else {
            let close = !keepAlive || shuttingDown || ResponseSerializer.requestsClose(response)
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
        }
        if let accessLog = context.accessLog {
            accessLog(AccessLogEntry(
                method: request.method.rawValue,
                path: request.path,
                target: request.target,
                status: response.status.code,
                bytes: isHead || response.dropsConnection ? 0 : response.body.count,
                durationSeconds: Double(Connection.now() - started) / 1e9,
                correlationId: context.configuration.correlationHeader.flatMap { response.headers[$0] ?? request.headers[$0] },
                remoteAddress: remoteAddress,
                dropped: response.dropsConnection,
                fields: response.logFields
            ))
        }
    }

    /// Queues a server-generated error (rendered by the application) and ends the connection.
    private func fail(_ status: HTTPStatus, _ message: String) {
        guard phase == .active else { return }
        // Nothing more of this connection's input will be parsed: its body reservation ends.
        parser.releaseReservations()
        let response = context.errorResponse(status, message, parser.currentPath)
        ResponseSerializer.append(
            response, to: &output, omitBody: false, close: true, keepAliveHeader: false,
            date: HTTPDate.shared.current()
        )
        phase = .closeAfterFlush
        context.accessLog?(AccessLogEntry(
            method: "-", path: "-", status: status.code, bytes: response.body.count, durationSeconds: 0,
            correlationId: context.configuration.correlationHeader.flatMap { response.headers[$0] }, remoteAddress: remoteAddress
        ))
    }

    // MARK: - Writing

    /// Sends pending output. Returns true when everything was written; false when the socket
    /// is full (a write source will resume us) or the connection was closed.
    private func flush() -> Bool {
        if let tls, tls.state != .plaintextRefused {
            return flushTLS(tls)
        }
        while outputOffset < output.count {
            let outcome = output.withUnsafeBytes { bytes in
                sendOnce(bytes.baseAddress.map { $0 + outputOffset }, bytes.count - outputOffset)
            }
            switch outcome {
            case .sent(let count):
                outputOffset += count
            case .blocked:
                waitUntilWritable()
                return false
            case .failed:
                close()
                return false
            }
        }
        return flushed()
    }

    private enum SendOutcome {
        case sent(Int)
        /// The socket buffer is full: wait for the write source.
        case blocked
        /// The peer is gone (or the socket broke): close.
        case failed
    }

    /// One send(2) of up to `count` bytes (EINTR retried), counted in `sentBytes`.
    private func sendOnce(_ bytes: UnsafeRawPointer?, _ count: Int) -> SendOutcome {
        while true {
            let sent = send(fd, bytes, count, Int32(MSG_NOSIGNAL))
            if sent > 0 {
                sentBytes += sent
                return .sent(sent)
            }
            if sent < 0 && errno == EINTR { continue }
            if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return .blocked }
            return .failed
        }
    }

    /// Everything queued went out: drop the output and end any wait for the reader.
    private func flushed() -> Bool {
        output.removeAll(keepingCapacity: true)
        outputOffset = 0
        if writeWaitStart != 0 {
            writeWaitStart = 0
            if handlerRunning {
                deadline = .max  // the write deadline must not fire while the next handler runs
            }
        }
        return phase != .closed
    }

    /// `flush` over TLS: sends pending ciphertext first (handshake messages included), then
    /// seals the next few records of plaintext only once the wire buffer is empty, so memory
    /// stays bounded and the socket's backpressure reaches the plaintext as in plain HTTP.
    /// Plaintext waits until the handshake is done (returns false meanwhile: the handshake's
    /// progress, on reading, flushes again). A response that ends the connection is followed
    /// by close_notify.
    private func flushTLS(_ tls: TLSSession) -> Bool {
        while true {
            if let ciphertext = tls.pendingCiphertext() {
                switch sendOnce(ciphertext.baseAddress, ciphertext.count) {
                case .sent(let count):
                    tls.sent(count)
                    continue
                case .blocked:
                    waitUntilWritable()
                    return false
                case .failed:
                    close()
                    return false
                }
            }
            if outputOffset < output.count {
                guard tls.isEstablished else { return false }
                let sealed = output.withUnsafeBytes { bytes in
                    tls.seal(UnsafeRawBufferPointer(rebasing: bytes[outputOffset...]))
                }
                guard let sealed else {
                    close()
                    return false
                }
                outputOffset += sealed
                continue
            }
            if phase == .closeAfterFlush && tls.queueCloseNotify() {
                continue
            }
            return flushed()
        }
    }

    /// A reader that stops reading is closed after `idleTimeout` without progress; one that
    /// reads, but slower on average than `minBodyBytesPerSecond` once `bodyRateGracePeriod`
    /// has passed since the output first backed up, is closed too: otherwise a slow reader
    /// could hold its slot forever by taking a byte now and then.
    private func armWriteDeadline() {
        let configuration = context.configuration
        let now = Connection.now()
        if writeWaitStart == 0 {
            writeWaitStart = now
            writeWaitStartBytes = sentBytes
        }
        var time = now + Connection.nanoseconds(configuration.idleTimeout)
        if configuration.minBodyBytesPerSecond > 0 {
            let earned = Double(sentBytes - writeWaitStartBytes) / configuration.minBodyBytesPerSecond
            time = min(time, writeWaitStart &+ Connection.nanoseconds(max(configuration.bodyRateGracePeriod, earned)))
        }
        setDeadline(time, .silentClose)
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
        armWriteDeadline()
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

    static let headTimeoutMessage = "No complete request head was received in time"
    static let requestTimeoutMessage = "No complete request was received in time"
    static let slowBodyMessage = "The request body arrived too slowly"
    static let plainHTTPOnTLSMessage = "This port speaks HTTPS; send the request over TLS (https://)"

    /// Chooses the timeout for the state the parser is waiting in. Every deadline is fixed
    /// by the time a request or its body started, never restarted by a read, so dripping
    /// bytes cannot hold a connection longer than `requestTimeout`.
    private func armWaitingDeadline() {
        let configuration = context.configuration
        let now = Connection.now()
        if parser.isIdle {
            requestStart = 0
            bodyStart = 0
            // Before the first request the open-time head deadline (408) keeps running;
            // between requests an idle connection is simply closed.
            if requestsServed > 0 && !headDeadlineArmed {
                setDeadline(now + Connection.nanoseconds(configuration.idleTimeout), .silentClose)
            }
            return
        }
        if requestStart == 0 {
            requestStart = now
        }
        let requestDeadline = requestStart &+ Connection.nanoseconds(configuration.requestTimeout)
        if parser.isReadingHead {
            // Armed once per head, not per read: a slow-drip client must not extend it.
            if !headDeadlineArmed {
                headDeadlineArmed = true
                headDeadline = now + Connection.nanoseconds(configuration.headTimeout)
            }
            if headDeadline <= requestDeadline {
                setDeadline(headDeadline, .requestTimeout(Connection.headTimeoutMessage))
            } else {
                setDeadline(requestDeadline, .requestTimeout(Connection.requestTimeoutMessage))
            }
            return
        }
        if bodyStart == 0 {
            bodyStart = now
            bodyStartBytes = receivedBytes
        }
        // Minimum average rate: the bytes received since the body started buy time at
        // `minBodyBytesPerSecond`, after a grace period; recomputed (never reset) per read.
        if configuration.minBodyBytesPerSecond > 0 {
            let earned = Double(receivedBytes - bodyStartBytes) / configuration.minBodyBytesPerSecond
            let rateDeadline = bodyStart &+ Connection.nanoseconds(max(configuration.bodyRateGracePeriod, earned))
            if rateDeadline < requestDeadline {
                setDeadline(rateDeadline, .requestTimeout(Connection.slowBodyMessage))
                return
            }
        }
        setDeadline(requestDeadline, .requestTimeout(Connection.requestTimeoutMessage))
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
            if writeBlocked {
                // A reader too slow for its response: reset instead of FIN, so the kernel drops
                // the megabytes still queued for it rather than trickling them out after close.
                var option = linger(l_onoff: 1, l_linger: 0)
                setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
            }
            close()
        case .requestTimeout(let message):
            if handlerRunning {
                return
            }
            // A TLS client still in its handshake can get no answer: it is just closed.
            let canAnswer = tls?.isEstablished ?? true
            if phase == .active && !(parser.isIdle && requestsServed > 0) && canAnswer {
                fail(.requestTimeout, message)
                process()
            } else {
                close()
            }
        }
    }

    // MARK: - Closing

    private func startLingering() {
        phase = .lingering
        // Input is only discarded from here on: drop the parser's buffers now.
        parser.releaseReservations()
        parser = RequestParser(limits: context.limits, remoteAddress: remoteAddress)
        idleSince.store(0, ordering: .relaxed)
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
        closedFlag.store(true, ordering: .relaxed)
        idleSince.store(0, ordering: .relaxed)
        // A running handler's reservation is released when it returns (handlerFinished).
        parser.releaseReservations()
        parser = RequestParser(limits: context.limits, remoteAddress: remoteAddress)
        if let tls, !writeBlocked {
            sayGoodbye(tls)
        }
        output = []
        outputOffset = 0
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
        tls?.release()
        // Break the source -> handler -> self cycles.
        readSource.setEventHandler(handler: nil)
        readSource.setCancelHandler(handler: nil)
        writeSource?.setEventHandler(handler: nil)
        writeSource?.setCancelHandler(handler: nil)
        timer.setEventHandler(handler: nil)
        onClose(id)
    }

    /// Closing a TLS connection whose socket has room: one attempt, without waiting, to send
    /// close_notify (or the alert a failed handshake left), so the client sees an orderly end.
    /// Not for a reader that stopped reading: that close is abortive.
    private func sayGoodbye(_ tls: TLSSession) {
        _ = tls.queueCloseNotify()
        if let ciphertext = tls.pendingCiphertext() {
            _ = send(fd, ciphertext.baseAddress, ciphertext.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
        }
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

    /// Whether request bytes are already waiting in the socket (not yet read by the source), or
    /// received but still inside TLS (part of a record).
    private func kernelHasInput() -> Bool {
        if let tls, tls.hasBufferedInput {
            return true
        }
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        return count > 0
    }

    // MARK: - Time

    static func now() -> UInt64 {
        DispatchTime.now().uptimeNanoseconds
    }

    /// A response's delay in nanoseconds, bounded like `nanoseconds(_:)` (a day at most).
    static func nanoseconds(_ delay: Duration) -> Int {
        let (seconds, attoseconds) = delay.components
        guard seconds >= 0, delay > .zero else { return 0 }
        return Int(min(seconds, 86_400)) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    }

    static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds > 0 else { return 0 }
        return UInt64(min(seconds, 1e9) * 1e9)
    }
}

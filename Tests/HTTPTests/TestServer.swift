#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization
import HTTP

/// Starts a real `HTTPServer` on an ephemeral port with a small fixed route table.
/// Paths under `/inline` run on the inline lane, under `/control` on the control lane, under
/// `/bulk` in the worker lane's bulk class, under `/write` on the write lane, everything else
/// on the worker lane.
final class TestServer {
    let server: HTTPServer
    let port: Int
    let log = AccessLogRecorder()
    /// `/block` and `/inline/block` wait on it; tests release it with `gate.open()`.
    let gate = Gate()
    /// The `.../hold/{name}` routes wait on it; `turnstile.pass()` lets one of them through.
    let turnstile = Turnstile()
    /// Names of the `.../hold/{name}` and `.../log/{name}` requests, in the order their
    /// handlers started.
    let started = Journal()

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, headTimeout: 5, idleTimeout: 10, shutdownGracePeriod: 5,
            correlationHeader: "MS-CorrelationId")
        configure(&configuration)
        let log = self.log
        let responder = TestServer.routes(gate: gate, turnstile: turnstile, started: started).freeze()
        server = HTTPServer(
            configuration: configuration,
            handler: { request in
                responder.respond(to: request) { status, message, headers in
                    var headers = headers
                    headers["Content-Type"] = "text/plain"
                    return HTTPResponse(status: status, headers: headers, body: Array("error: \(message)".utf8))
                }
            },
            errorResponse: { status, message, path in
                // The path the server knew of, so tests can see what the renderer was given.
                var headers = HTTPHeaders([("Content-Type", "text/plain")])
                if let path { headers.add(name: "X-Error-Path", value: path) }
                return HTTPResponse(status: status, headers: headers, body: Array("error: \(message)".utf8))
            },
            accessLog: { entry in log.entries.withLock { $0.append(entry) } },
            lane: { request in
                let path = request.rawPath
                if path.hasPrefix("/inline") { return .inline }
                if path.hasPrefix("/control") { return .control }
                if path.hasPrefix("/bulk") { return .bulk }
                if path.hasPrefix("/write") { return .write }
                return .worker
            }
        )
        port = try server.start()
    }

    deinit {
        // Never leave a test's handler blocked: that would hold a worker thread forever.
        gate.open()
        turnstile.open()
        server.shutdown()
    }

    func client(receiveTimeout: Double = 5) throws -> TestClient {
        try TestClient(port: port, receiveTimeout: receiveTimeout)
    }

    static func routes(gate: Gate, turnstile: Turnstile, started: Journal) -> Router {
        var router = Router(options: .caseInsensitive)
        // One route of each kind per lane prefix: `hold` waits for the turnstile, `log` answers
        // at once; both record their name when their handler starts.
        for prefix in ["", "/bulk", "/write", "/control"] {
            router.add(.get, "\(prefix)/hold/{name}") { request in
                let name = request.pathParameters["name"] ?? "?"
                started.record(name)
                turnstile.wait()
                return HTTPResponse(status: .ok, body: Array(name.utf8))
            }
            router.add(.get, "\(prefix)/log/{name}") { request in
                let name = request.pathParameters["name"] ?? "?"
                started.record(name)
                return HTTPResponse(status: .ok, body: Array(name.utf8))
            }
        }
        router.add(.get, "/block") { _ in
            gate.wait()
            return HTTPResponse(status: .ok, body: Array("released".utf8))
        }
        router.add(.get, "/inline/block") { _ in
            gate.wait()
            return HTTPResponse(status: .ok, body: Array("released".utf8))
        }
        router.add(.get, "/inline/ping") { _ in
            HTTPResponse(status: .ok, body: Array("pong".utf8))
        }
        router.add(.get, "/control/ping") { _ in
            // Blocks briefly, as a control-plane request waiting on a database lock would.
            usleep(20_000)
            return HTTPResponse(status: .ok, body: Array("control".utf8))
        }
        router.add(.get, "/sleep") { _ in
            usleep(1_000_000)
            return HTTPResponse(status: .ok, body: Array("slept".utf8))
        }
        router.add(.get, "/huge") { _ in
            // Larger than the kernel's socket buffers can absorb (tcp_wmem max is often 4 MiB).
            HTTPResponse(status: .ok, body: [UInt8](repeating: UInt8(ascii: "h"), count: 24 << 20))
        }
        router.add(.get, "/_sim/health") { _ in
            HTTPResponse(status: .ok, body: Array("healthy".utf8))
        }
        router.add(.get, "/hello") { _ in
            HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "text/plain")]), body: Array("hello".utf8))
        }
        router.add(.post, "/echo") { request in
            HTTPResponse(status: .ok, headers: HTTPHeaders([("MS-CorrelationId", "corr-1")]), body: request.body)
        }
        router.add(.get, "/slow") { _ in
            usleep(300_000)
            return HTTPResponse(status: .ok, body: Array("slow".utf8))
        }
        router.add(.get, "/customers/{id}") { request in
            HTTPResponse(status: .ok, body: Array((request.pathParameters["id"] ?? "?").utf8))
        }
        router.add(.get, "/close") { _ in
            HTTPResponse(status: .ok, headers: HTTPHeaders([("Connection", "close")]), body: Array("bye".utf8))
        }
        router.add(.get, "/big") { _ in
            HTTPResponse(status: .ok, body: [UInt8](repeating: UInt8(ascii: "x"), count: 4 << 20))
        }
        router.add(.delete, "/hello") { _ in HTTPResponse(status: .noContent) }
        // An injected network fault: the answer is never written and the connection closes.
        for path in ["/drop", "/inline/drop"] {
            router.add(.get, path) { _ in
                var response = HTTPResponse(status: .created, body: Array("never sent".utf8))
                response.dropsConnection = true
                return response
            }
        }
        // Injected latency: the answer is held `ms` milliseconds (and `/delay/{ms}/drop` then
        // drops the connection instead of answering).
        for prefix in ["", "/inline"] {
            router.add(.get, "\(prefix)/delay/{ms}") { request in
                var response = HTTPResponse(status: .ok, body: Array("delayed".utf8))
                response.delay = .milliseconds(Int(request.pathParameters["ms"] ?? "") ?? 0)
                return response
            }
            router.add(.get, "\(prefix)/delay/{ms}/drop") { request in
                var response = HTTPResponse(status: .ok, body: Array("never sent".utf8))
                response.delay = .milliseconds(Int(request.pathParameters["ms"] ?? "") ?? 0)
                response.dropsConnection = true
                return response
            }
        }
        return router
    }
}

/// Collects access-log entries across the server's connection queues.
final class AccessLogRecorder: Sendable {
    let entries = Mutex<[AccessLogEntry]>([])
}

/// A latch handlers block on until the test opens it (once open, it stays open): a turnstile
/// only ever opened.
typealias Gate = Turnstile

/// Names recorded across threads, in order.
final class Journal: Sendable {
    private let entries = Mutex<[String]>([])

    func record(_ name: String) {
        entries.withLock { $0.append(name) }
    }

    var names: [String] {
        entries.withLock { $0 }
    }
}

/// A door handlers wait at: `pass()` lets one waiter (present or future) through, `open()`
/// lets every one through from then on.
final class Turnstile: Sendable {
    private let opened = Mutex(false)
    private let semaphore = DispatchSemaphore(value: 0)

    func wait() {
        if opened.withLock({ $0 }) { return }
        semaphore.wait()
        // Once open, every wake-up passes the next one on.
        if opened.withLock({ $0 }) { semaphore.signal() }
    }

    func pass() {
        semaphore.signal()
    }

    func open() {
        let first = opened.withLock { opened -> Bool in
            defer { opened = true }
            return !opened
        }
        if first { semaphore.signal() }
    }
}

/// Polls `condition` every 10 ms until it holds (true) or `seconds` pass (false). For waiting
/// on server state, never for asserting speed.
func eventually(within seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    while DispatchTime.now().uptimeNanoseconds < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// Seconds elapsed since `start`.
func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

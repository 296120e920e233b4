#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import HTTP

/// Starts a real `HTTPServer` on an ephemeral port with a small fixed route table.
final class TestServer {
    let server: HTTPServer
    let port: Int
    let log = AccessLogRecorder()

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, headTimeout: 5, idleTimeout: 10, shutdownGracePeriod: 5)
        configure(&configuration)
        let log = self.log
        let responder = TestServer.routes().freeze()
        server = HTTPServer(
            configuration: configuration,
            handler: { request in
                responder.respond(to: request) { status, message, headers in
                    var headers = headers
                    headers["Content-Type"] = "text/plain"
                    return HTTPResponse(status: status, headers: headers, body: Array("error: \(message)".utf8))
                }
            },
            errorResponse: { status, message in
                HTTPResponse(
                    status: status, headers: HTTPHeaders([("Content-Type", "text/plain")]),
                    body: Array("error: \(message)".utf8))
            },
            accessLog: { entry in log.entries.withLock { $0.append(entry) } }
        )
        port = try server.start()
    }

    deinit {
        server.shutdown()
    }

    func client(receiveTimeout: Double = 5) throws -> TestClient {
        try TestClient(port: port, receiveTimeout: receiveTimeout)
    }

    static func routes() -> Router {
        var router = Router()
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
        return router
    }
}

/// Collects access-log entries across the server's connection queues.
final class AccessLogRecorder: Sendable {
    let entries = Mutex<[AccessLogEntry]>([])
}

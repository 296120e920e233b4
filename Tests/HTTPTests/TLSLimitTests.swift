#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization
import Testing
@testable import HTTP

/// Every server limit of ServerLimitTests, SlowClientTests, BodyBudgetTests and ShutdownTests,
/// again over TLS with a raw TLS client: the same status, `Connection: close`, then the
/// server's close_notify (or its EOF).
@Suite struct TLSLimitTests {
    private func expectRejected(
        _ request: String, status: String, server: TestServer,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let client = try server.tlsClient()
        client.send(request)
        let response = try #require(client.readResponse(), sourceLocation: sourceLocation)
        #expect(response.statusLine == status, sourceLocation: sourceLocation)
        #expect(response.header("Connection") == "close", sourceLocation: sourceLocation)
        #expect(response.body.hasPrefix("error: "), sourceLocation: sourceLocation)
        let (rest, end) = client.readAll()
        #expect(rest.isEmpty, sourceLocation: sourceLocation)
        #expect(end == .closeNotify, sourceLocation: sourceLocation)
    }

    @Test func longRequestLineIs414OverTLS() throws {
        let server = try TestServer.https { $0.maxRequestLineBytes = 128 }
        let target = "/hello?" + String(repeating: "q", count: 200)
        try expectRejected("GET \(target) HTTP/1.1\r\nHost: t\r\n\r\n", status: "HTTP/1.1 414 URI Too Long", server: server)
    }

    @Test func largeHeaderSectionIs431OverTLS() throws {
        let server = try TestServer.https { $0.maxHeaderBytes = 256 }
        let request = "GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "h", count: 400) + "\r\n\r\n"
        try expectRejected(request, status: "HTTP/1.1 431 Request Header Fields Too Large", server: server)
    }

    @Test func malformedRequestIs400OverTLS() throws {
        let server = try TestServer.https()
        try expectRejected("GET /hello HTTP/1.1\r\nHost t\r\n\r\n", status: "HTTP/1.1 400 Bad Request", server: server)
    }

    @Test func largeBodyIs413OverTLS() throws {
        let server = try TestServer.https { $0.maxBodyBytes = 64 }
        let body = String(repeating: "b", count: 65)
        try expectRejected("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 65\r\n\r\n\(body)", status: "HTTP/1.1 413 Payload Too Large", server: server)
    }

    @Test func errorResponseSurvivesUnreadRequestBodyOverTLS() throws {
        let server = try TestServer.https { $0.maxBodyBytes = 1024 }
        let client = try server.tlsClient()
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 300000\r\n\r\n")
        client.send([UInt8](repeating: 0x61, count: 300_000))
        #expect(client.readResponse()?.status == 413)
    }

    @Test("Hardening over TLS: a body over the in-flight budget is 503; the budget returns to zero on close")
    func inFlightBudgetIs503OverTLS() throws {
        let server = try TestServer.https {
            $0.maxBodyBytes = 10_000
            $0.maxInFlightBodyBytes = 1_000
        }
        var holder: TLSTestClient? = try server.tlsClient()
        holder?.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 800\r\n\r\npartial")
        #expect(eventually { server.server.inFlightBodyBytes == 800 })
        try expectRejected("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 300\r\n\r\n",
                           status: "HTTP/1.1 503 Service Unavailable", server: server)
        #expect(server.server.inFlightBodyBytes == 800)
        holder = nil
        #expect(eventually { server.server.inFlightBodyBytes == 0 })
    }

    @Test func incompleteHeadTimesOutWith408OverTLS() throws {
        let server = try TestServer.https { $0.headTimeout = 0.5 }
        try expectRejected("GET /hello HTTP/1.1\r\nHost: x\r\n", status: "HTTP/1.1 408 Request Timeout", server: server)
    }

    @Test("Hardening over TLS: a body dripped one record per byte gets 408 at the whole-request deadline")
    func drippedBodyHitsRequestDeadlineOverTLS() throws {
        let server = try TestServer.https {
            $0.headTimeout = 5
            $0.requestTimeout = 1
            $0.minBodyBytesPerSecond = 0
        }
        let client = try server.tlsClient(receiveTimeout: 8)
        let started = DispatchTime.now()
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n")
        client.drip([UInt8](repeating: 0x61, count: 100), interval: 100_000)
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 408 Request Timeout")
        #expect(response.body.contains("received in time"))
        #expect(seconds(since: started) >= 0.9)
        #expect(seconds(since: started) < 4)
    }

    @Test("Hardening over TLS: a body slower than the minimum rate gets 408 after the grace period")
    func bodyBelowMinimumRateIs408OverTLS() throws {
        let server = try TestServer.https {
            $0.requestTimeout = 30
            $0.minBodyBytesPerSecond = 100
            $0.bodyRateGracePeriod = 0.5
        }
        let client = try server.tlsClient(receiveTimeout: 8)
        let started = DispatchTime.now()
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 200\r\n\r\n")
        client.drip([UInt8](repeating: 0x62, count: 200), interval: 100_000)
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 408 Request Timeout")
        #expect(response.body.contains("too slowly"))
        #expect(client.isClosedByServer())
        #expect(seconds(since: started) < 5)
    }

    @Test func idleKeepAliveConnectionIsClosedWithCloseNotify() throws {
        let server = try TestServer.https { $0.idleTimeout = 0.3 }
        let client = try server.tlsClient()
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
        let started = DispatchTime.now()
        let (rest, end) = client.readAll()
        #expect(rest.isEmpty)
        #expect(end == .closeNotify)
        #expect(seconds(since: started) >= 0.2)
    }

    @Test("Over TLS, a client past the connection limit gets 503 after its handshake when none is idle")
    func connectionsOverTheLimitGet503OverTLS() throws {
        let server = try TestServer.https { $0.maxConnections = 2 }
        let first = try server.tlsClient()
        let second = try server.tlsClient()
        for client in [first, second] {
            client.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
        }
        usleep(100_000)
        try expectRejected("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n", status: "HTTP/1.1 503 Service Unavailable", server: server)
        first.send("\r\n")
        #expect(first.readResponse()?.status == 200)
        second.send("\r\n")
        #expect(second.readResponse()?.status == 200)
    }

    @Test("Hardening over TLS: at the connection limit the oldest idle keep-alive is closed to admit a new client")
    func idleKeepAliveIsEvictedAtTheLimitOverTLS() throws {
        let server = try TestServer.https { $0.maxConnections = 2 }
        let oldest = try server.tlsClient()
        let newer = try server.tlsClient()
        for client in [oldest, newer] {
            client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
            usleep(20_000)
        }
        let newcomer = try server.tlsClient()
        newcomer.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(newcomer.readResponse()?.statusLine == "HTTP/1.1 200 OK")
        #expect(oldest.isClosedByServer())
        newer.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(newer.readResponse()?.body == "hello")
    }

    @Test("Over TLS, part of a record received is a request in progress: that connection is not evicted as idle")
    func partialRecordIsNotIdle() throws {
        let server = try TestServer.https { $0.maxConnections = 2 }
        let partial = try server.tlsClient()
        let halfHead = try server.tlsClient()
        partial.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(partial.readResponse()?.status == 200)
        halfHead.send("GET /hello HTTP/1.1\r\n")
        // The next request, as one record, of which only the first 20 bytes reach the server.
        let record = partial.sealWithoutSending("GET /customers/late HTTP/1.1\r\nHost: t\r\n\r\n")
        partial.raw.send(Array(record[0..<20]))
        usleep(100_000)
        // Neither connection is idle: the newcomer is refused, nobody is closed.
        let newcomer = try server.tlsClient()
        let refused = try #require(newcomer.readResponse())
        #expect(refused.statusLine == "HTTP/1.1 503 Service Unavailable")
        partial.raw.send(Array(record[20...]))
        let late = try #require(partial.readResponse())
        #expect(late.body == "late")
        #expect(late.header("Connection") == nil)
        halfHead.send("Host: t\r\n\r\n")
        #expect(halfHead.readResponse()?.body == "hello")
    }

    @Test("Hardening over TLS: a client that stops reading its response frees its slot after the grace period")
    func stalledReaderIsDisconnectedOverTLS() throws {
        let server = try TestServer.https {
            $0.minBodyBytesPerSecond = 200_000
            $0.bodyRateGracePeriod = 0.3
            $0.idleTimeout = 30
        }
        let client = try server.tlsClient(receiveTimeout: 10)
        client.send("GET /huge HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(eventually { server.server.openConnections == 1 })
        #expect(eventually(within: 5) { server.server.openConnections == 0 })
    }

    @Test("Hardening over TLS: a client reading a response slower than the minimum rate is disconnected")
    func slowReaderIsDisconnectedOverTLS() throws {
        let server = try TestServer.https {
            $0.minBodyBytesPerSecond = 200_000
            $0.bodyRateGracePeriod = 0.3
            $0.idleTimeout = 30
        }
        let client = try server.tlsClient(receiveTimeout: 10)
        var size: Int32 = 4096
        setsockopt(client.fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        client.send("GET /huge HTTP/1.1\r\nHost: t\r\n\r\n")
        let started = DispatchTime.now()
        var received = 0
        // About 80 KB/s: the 24 MiB response would take five minutes.
        while seconds(since: started) < 15, let count = client.read(upTo: 4096) {
            received += count
            usleep(50_000)
        }
        #expect(received < 24 << 20)
        #expect(seconds(since: started) < 12)
        #expect(eventually { server.server.openConnections == 0 })
    }

    @Test("Graceful shutdown answers an in-flight TLS request with Connection: close, then close_notify")
    func inFlightRequestCompletesDuringShutdownOverTLS() throws {
        let server = try TestServer.https()
        let busy = try server.tlsClient()
        let idle = try server.tlsClient()
        idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(idle.readResponse()?.status == 200)
        busy.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(eventually { server.server.runningHandlers == 1 })
        let finished = DispatchSemaphore(value: 0)
        let result = Mutex(false)
        let httpServer = server.server
        DispatchQueue.global().async {
            let clean = httpServer.shutdown()
            result.withLock { $0 = clean }
            finished.signal()
        }
        // Once the idle connection is gone, shutdown has reached the busy one too.
        #expect(eventually { server.server.openConnections == 1 })
        usleep(50_000)
        server.gate.open()
        let response = try #require(busy.readResponse())
        #expect(response.body == "released")
        #expect(response.header("Connection") == "close")
        let (rest, end) = busy.readAll()
        #expect(rest.isEmpty)
        #expect(end == .closeNotify)
        let (idleRest, idleEnd) = idle.readAll()
        #expect(idleRest.isEmpty)
        #expect(idleEnd == .closeNotify)
        #expect(finished.wait(timeout: .now() + 5) == .success)
        #expect(result.withLock { $0 })
    }

    @Test func shutdownClosesAConnectionStillInItsHandshake() throws {
        let server = try TestServer.https()
        let staller = try server.client()
        staller.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01])
        #expect(eventually { server.server.openConnections == 1 })
        #expect(server.server.shutdown())
        let (text, _) = staller.readAll()
        #expect(text == "")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Testing
import HTTP

/// Every limit and malformed input, checked on the wire: exact status line, `Connection: close`,
/// rendered through the app's errorResponse, then EOF from the server.
@Suite struct ServerLimitTests {
    private func expectRejected(
        _ request: String, status: String, server: TestServer,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let client = try server.client()
        client.send(request)
        let response = try #require(client.readResponse(), sourceLocation: sourceLocation)
        #expect(response.statusLine == status, sourceLocation: sourceLocation)
        #expect(response.header("Connection") == "close", sourceLocation: sourceLocation)
        #expect(response.body.hasPrefix("error: "), sourceLocation: sourceLocation)
        #expect(client.isClosedByServer(), sourceLocation: sourceLocation)
    }

    @Test(arguments: RequestParserTests.malformed)
    func malformedRequestIs400ThenClose(name: String, text: String) throws {
        let server = try TestServer()
        try expectRejected(text, status: "HTTP/1.1 400 Bad Request", server: server)
    }

    @Test func unsupportedVersionIs505() throws {
        let server = try TestServer()
        try expectRejected("GET /hello HTTP/2.0\r\n\r\n", status: "HTTP/1.1 505 HTTP Version Not Supported", server: server)
    }

    @Test func longRequestLineIs414() throws {
        let server = try TestServer { $0.maxRequestLineBytes = 128 }
        let target = "/hello?" + String(repeating: "q", count: 200)
        try expectRejected("GET \(target) HTTP/1.1\r\nHost: t\r\n\r\n", status: "HTTP/1.1 414 URI Too Long", server: server)
    }

    @Test func largeHeaderSectionIs431() throws {
        let server = try TestServer { $0.maxHeaderBytes = 256 }
        let request = "GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "h", count: 400) + "\r\n\r\n"
        try expectRejected(request, status: "HTTP/1.1 431 Request Header Fields Too Large", server: server)
    }

    @Test func tooManyHeaderFieldsIs431() throws {
        let server = try TestServer { $0.maxHeaderCount = 5 }
        let fields = (0..<6).map { "X-\($0): v\r\n" }.joined()
        try expectRejected("GET /hello HTTP/1.1\r\nHost: t\r\n\(fields)\r\n", status: "HTTP/1.1 431 Request Header Fields Too Large", server: server)
    }

    /// The renderer learns the request's path once the request line is read, so an app can
    /// answer its own routes' errors in their shape; not before (the line itself too long).
    @Test func errorRendererGetsThePathOnceTheRequestLineIsRead() throws {
        let server = try TestServer {
            $0.maxBodyBytes = 64
            $0.maxHeaderBytes = 256
            $0.maxRequestLineBytes = 128
        }
        func rejected(_ request: String) throws -> TestResponse {
            let client = try server.client()
            client.send(request)
            return try #require(client.readResponse())
        }
        let tooLarge = try rejected("POST /echo?x=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 65\r\n\r\n")
        #expect(tooLarge.statusLine == "HTTP/1.1 413 Payload Too Large")
        #expect(tooLarge.header("X-Error-Path") == "/echo")
        // The path as routing reads it: absolute-form and a fragment give the same one.
        let absolute = try rejected("POST http://t/echo#f HTTP/1.1\r\nHost: t\r\nContent-Length: 65\r\n\r\n")
        #expect(absolute.statusLine == "HTTP/1.1 413 Payload Too Large")
        #expect(absolute.header("X-Error-Path") == "/echo")
        let headers = try rejected("GET /a/b HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "h", count: 400) + "\r\n\r\n")
        #expect(headers.statusLine == "HTTP/1.1 431 Request Header Fields Too Large")
        #expect(headers.header("X-Error-Path") == "/a/b")
        let badHeader = try rejected("GET /c HTTP/1.1\r\nHost: t\r\nNo colon here\r\n\r\n")
        #expect(badHeader.statusLine == "HTTP/1.1 400 Bad Request")
        #expect(badHeader.header("X-Error-Path") == "/c")
        let longLine = try rejected("GET /hello?" + String(repeating: "q", count: 200) + " HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(longLine.statusLine == "HTTP/1.1 414 URI Too Long")
        #expect(longLine.header("X-Error-Path") == nil)
        let badTarget = try rejected("GET /a\u{7F}b HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(badTarget.statusLine == "HTTP/1.1 400 Bad Request")
        #expect(badTarget.header("X-Error-Path") == nil, "a target that is not one is not handed on")
    }

    @Test func largeContentLengthIs413() throws {
        let server = try TestServer { $0.maxBodyBytes = 64 }
        let body = String(repeating: "b", count: 65)
        try expectRejected("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 65\r\n\r\n\(body)", status: "HTTP/1.1 413 Payload Too Large", server: server)
    }

    @Test func largeChunkedBodyIs413() throws {
        let server = try TestServer { $0.maxBodyBytes = 64 }
        let chunk = "20\r\n" + String(repeating: "c", count: 32) + "\r\n"
        try expectRejected(
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n\(chunk)\(chunk)\(chunk)0\r\n\r\n",
            status: "HTTP/1.1 413 Payload Too Large", server: server)
    }

    @Test func incompleteHeadTimesOutWith408() throws {
        let server = try TestServer { $0.headTimeout = 0.3 }
        let started = DispatchTime.now()
        try expectRejected("GET /hello HTTP/1.1\r\nHost: x\r\n", status: "HTTP/1.1 408 Request Timeout", server: server)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        #expect(elapsed >= 0.25)
        #expect(elapsed < 3)
    }

    @Test func silentConnectionGets408AfterHeadTimeout() throws {
        let server = try TestServer { $0.headTimeout = 0.3 }
        try expectRejected("", status: "HTTP/1.1 408 Request Timeout", server: server)
    }

    @Test func slowDripHeadStillTimesOut() throws {
        let server = try TestServer { $0.headTimeout = 0.4 }
        let client = try server.client()
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
        // Trickling bytes must not extend the head deadline.
        for _ in 0..<6 {
            usleep(100_000)
            client.send("X: y\r\n")
        }
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 408 Request Timeout")
    }

    @Test func headTimeoutRestartsAfterEachResponse() throws {
        let server = try TestServer { $0.headTimeout = 0.3 }
        let client = try server.client()
        for _ in 0..<3 {
            usleep(150_000)
            client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
        }
        // Idle (no bytes) between requests is governed by idleTimeout, not headTimeout.
        usleep(500_000)
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
    }

    @Test func idleKeepAliveConnectionIsClosedSilently() throws {
        let server = try TestServer { $0.idleTimeout = 0.3 }
        let client = try server.client()
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
        let started = DispatchTime.now()
        let (text, end) = client.readAll()
        #expect(text == "")
        #expect(end == .closed)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        #expect(elapsed >= 0.2)
    }

    @Test func connectionsOverTheLimitGet503WhenNoneIsIdle() throws {
        let server = try TestServer { $0.maxConnections = 2 }
        let first = try server.client()
        let second = try server.client()
        // Both are mid-request (head started, not finished): neither can be evicted.
        for client in [first, second] {
            client.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
        }
        usleep(100_000)
        let third = try server.client()
        let rejected = try #require(third.readResponse())
        #expect(rejected.statusLine == "HTTP/1.1 503 Service Unavailable")
        #expect(rejected.header("Connection") == "close")
        #expect(third.isClosedByServer())
        // Existing connections are unaffected, and a slot frees up when one closes.
        first.send("Connection: close\r\n\r\n")
        #expect(first.readResponse()?.status == 200)
        #expect(first.isClosedByServer())
        second.send("\r\n")
        #expect(second.readResponse()?.status == 200)
        var served = false
        for _ in 0..<50 where !served {
            let fourth = try server.client()
            fourth.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            served = fourth.readResponse()?.status == 200
            if !served { usleep(20_000) }
        }
        #expect(served)
    }

    @Test func errorResponseSurvivesUnreadRequestBody() throws {
        // The server stops reading at the limit; lingering close must keep the 413 from being
        // destroyed by an RST when the unread body arrives.
        let server = try TestServer { $0.maxBodyBytes = 1024 }
        let client = try server.client()
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 300000\r\n\r\n")
        client.send([UInt8](repeating: 0x61, count: 300_000))
        let response = try #require(client.readResponse())
        #expect(response.status == 413)
    }
}

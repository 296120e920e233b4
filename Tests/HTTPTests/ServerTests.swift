#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Testing
import HTTP
import Synchronization

@Suite struct ServerTests {
    @Test func simpleGetKeepsConnectionOpenForReuse() throws {
        let server = try TestServer()
        let client = try server.client()
        for _ in 0..<3 {
            client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.statusLine == "HTTP/1.1 200 OK")
            #expect(response.body == "hello")
            #expect(response.header("Content-Length") == "5")
            #expect(response.header("Content-Type") == "text/plain")
            #expect(response.header("Date")?.hasSuffix(" GMT") == true)
            #expect(response.header("Connection") == nil)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /customers/1 HTTP/1.1\r\nHost: t\r\n\r\nPOST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\ntwoGET /customers/3 HTTP/1.1\r\nHost: t\r\n\r\n")
        let bodies = (0..<3).map { _ in client.readResponse()?.body }
        #expect(bodies == ["1", "two", "3"])
    }

    @Test func http10ClosesUnlessKeepAlive() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /hello HTTP/1.0\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 200 OK")
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())

        let keepAlive = try server.client()
        keepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(keepAlive.readResponse()?.header("Connection") == "keep-alive")
        keepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(keepAlive.readResponse()?.body == "hello")
    }

    @Test func connectionCloseIsHonoured() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())

        let appClose = try server.client()
        appClose.send("GET /close HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(appClose.readResponse()?.header("Connection") == "close")
        #expect(appClose.isClosedByServer())
    }

    @Test func headHasGetHeadersButNoBody() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try #require(client.readResponse(isHead: true))
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "5")
        #expect(head.body == "")
        // The next bytes must be the GET's response, proving no body followed the HEAD head.
        let get = try #require(client.readResponse())
        #expect(get.statusLine == "HTTP/1.1 200 OK")
        #expect(get.body == "hello")
    }

    @Test func expectContinueSendsInterimResponse() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        let interim = try #require(client.readResponse())
        #expect(interim.statusLine == "HTTP/1.1 100 Continue")
        client.send("ping")
        let final = try #require(client.readResponse())
        #expect(final.status == 200)
        #expect(final.body == "ping")
    }

    @Test func expectContinueOverLimitIs413() throws {
        let server = try TestServer { $0.maxBodyBytes = 16 }
        let client = try server.client()
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 17\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 413 Payload Too Large")
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())
    }

    @Test func chunkedBodyIsDecodedAndEchoed() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n4;name=value\r\nWiki\r\n")
        usleep(20_000)
        client.send("6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        #expect(response.body == "Wikipedia in \r\n\r\nchunks.")
        #expect(response.header("Content-Length") == "24")
    }

    @Test func byteAtATimeRequestIsServed() throws {
        let server = try TestServer()
        let client = try server.client()
        for byte in "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nok".utf8 {
            client.send([byte])
        }
        #expect(client.readResponse()?.body == "ok")
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /nope HTTP/1.1\r\nHost: t\r\n\r\n")
        let notFound = try #require(client.readResponse())
        #expect(notFound.statusLine == "HTTP/1.1 404 Not Found")
        client.send("PUT /hello HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
        let notAllowed = try #require(client.readResponse())
        #expect(notAllowed.statusLine == "HTTP/1.1 405 Method Not Allowed")
        #expect(notAllowed.header("Allow") == "GET, HEAD, DELETE")
        // Routing errors are ordinary responses: the connection stays usable.
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.body == "hello")
    }

    @Test func noContentHasNoContentLength() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 204 No Content")
        #expect(response.header("Content-Length") == nil)
    }

    @Test func largeResponseToSlowReaderIsDeliveredCompletely() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(200_000)  // let the server hit EAGAIN and wait on its write source
        let response = try #require(client.readResponse())
        #expect(response.body.utf8.count == 4 << 20)
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.body == "hello")
    }

    @Test func accessLogCarriesCorrelationId() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("POST /echo?x=1 HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabcGET /hello HTTP/1.1\r\nHost: t\r\nMS-CorrelationId: req-2\r\n\r\n")
        _ = client.readResponse()
        _ = client.readResponse()
        let entries = server.log.entries.withLock { $0 }
        #expect(entries.count == 2)
        #expect(entries.first?.method == "POST")
        #expect(entries.first?.path == "/echo")
        #expect(entries.first?.status == 200)
        #expect(entries.first?.bytes == 3)
        #expect(entries.first?.correlationId == "corr-1")
        #expect(entries.last?.correlationId == "req-2")
        #expect(entries.last?.remoteAddress.hasPrefix("127.0.0.1:") == true)
        #expect((entries.last?.durationSeconds ?? -1) >= 0)
    }

    @Test func bindFailureThrowsSocketErrorWithErrnoText() throws {
        let first = try TestServer()
        let second = HTTPServer(
            configuration: ServerConfiguration(port: first.port),
            handler: { _ in HTTPResponse(status: .ok) },
            errorResponse: { status, _, _ in HTTPResponse(status: status) })
        #expect {
            try second.start()
        } throws: { error in
            guard let error = error as? SocketError else { return false }
            return error.code == EADDRINUSE && error.description.contains("in use")
        }
    }

    @Test func manyConcurrentClientsAreServed() throws {
        let server = try TestServer()
        let port = server.port
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            guard let client = try? TestClient(port: port) else {
                failures.withLock { $0 += 1 }
                return
            }
            for index in 0..<50 {
                client.send("GET /customers/\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
                if client.readResponse()?.body != "\(index)" {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
    }
}

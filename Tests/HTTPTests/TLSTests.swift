#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import COpenSSL
import Dispatch
import Synchronization
import Testing
@testable import HTTP

extension TestServer {
    /// A TestServer speaking HTTPS with the test certificate.
    static func https(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws -> TestServer {
        let certificate = try TestCertificate.shared()
        return try TestServer { configuration in
            configuration.tls = certificate.configuration
            configure(&configuration)
        }
    }

    func tlsClient(receiveTimeout: Double = 5, maxVersion: Int32 = 0, alpn: [String] = ["http/1.1"]) throws -> TLSTestClient {
        try TLSTestClient(port: port, certificate: TestCertificate.shared(), receiveTimeout: receiveTimeout,
                          maxVersion: maxVersion, alpn: alpn)
    }
}

/// HTTPS on the server's own sockets (issue 13): handshake, keep-alive, pipelining, large
/// bodies both ways, many connections, and what a client that is not a TLS client gets.
@Suite struct TLSTests {
    @Test("TLS handshake then request and response, with TLS 1.2 and 1.3", arguments: [TLS1_2_VERSION, TLS1_3_VERSION])
    func handshakeAndRequest(maxVersion: Int32) throws {
        let server = try TestServer.https()
        let client = try server.tlsClient(maxVersion: maxVersion)
        #expect(client.version == (maxVersion == TLS1_2_VERSION ? "TLSv1.2" : "TLSv1.3"))
        #expect(client.selectedProtocol == "http/1.1")
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 200 OK")
        #expect(response.body == "hello")
        #expect(server.log.entries.withLock { $0.map(\.path) } == ["/hello"])
    }

    @Test func clientOfferingOnlyH2StillGetsHTTP11WithoutALPN() throws {
        let server = try TestServer.https()
        let client = try server.tlsClient(alpn: ["h2"])
        #expect(client.selectedProtocol == nil)
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.body == "hello")
    }

    @Test func keepAliveServesSeveralRequestsOnOneTLSConnection() throws {
        let server = try TestServer.https()
        let client = try server.tlsClient()
        for id in 1...5 {
            client.send("GET /customers/c\(id) HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 200)
            #expect(response.body == "c\(id)")
            #expect(response.header("Connection") == nil)
        }
        #expect(server.server.openConnections == 1)
    }

    @Test func pipelinedRequestsInOneRecordAreAnsweredInOrder() throws {
        let server = try TestServer.https()
        let client = try server.tlsClient()
        client.send("GET /customers/a HTTP/1.1\r\nHost: t\r\n\r\nGET /inline/ping HTTP/1.1\r\nHost: t\r\n\r\n"
            + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nxyzGET /close HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.body == "a")
        #expect(client.readResponse()?.body == "pong")
        #expect(client.readResponse()?.body == "xyz")
        let last = try #require(client.readResponse())
        #expect(last.body == "bye")
        #expect(last.header("Connection") == "close")
        // A response that ends the connection is followed by close_notify, not just a FIN.
        let (rest, end) = client.readAll()
        #expect(rest.isEmpty)
        #expect(end == .closeNotify)
    }

    @Test func largeRequestBodySpanningManyRecordsIsEchoed() throws {
        let server = try TestServer.https()
        let client = try server.tlsClient()
        let body = (0..<300_000).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        client.send(Array("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        #expect(Array(response.body.utf8) == body)
    }

    @Test("A 24 MB response reaches a slow TLS reader whole, and the connection stays usable")
    func largeResponseToSlowReader() throws {
        let server = try TestServer.https()
        let client = try server.tlsClient(receiveTimeout: 10)
        // At most 16 MB/s, slower than the server seals: once the kernel's buffers (a few MB)
        // are full, the server must wait for the socket, again and again.
        client.readSize = 16_384
        client.readPause = 1_000
        client.send("GET /huge HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        #expect(response.body.utf8.count == 24 << 20)
        #expect(response.body.utf8.allSatisfy { $0 == UInt8(ascii: "h") })
        client.readSize = 65_536
        client.readPause = 0
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.body == "hello")
    }

    @Test func manyConcurrentTLSConnectionsAreServed() throws {
        let server = try TestServer.https()
        var clients: [TLSTestClient] = []
        for _ in 0..<64 {
            clients.append(try server.tlsClient())
        }
        #expect(eventually { server.server.openConnections == 64 })
        for (index, client) in clients.enumerated() {
            client.send("GET /customers/n\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
        }
        for (index, client) in clients.enumerated() {
            #expect(client.readResponse()?.body == "n\(index)")
        }
        // And from several threads at once, each with its own connections.
        let failures = Mutex(0)
        let port = server.port
        let certificate = try TestCertificate.shared()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<4 {
                guard let client = try? TLSTestClient(port: port, certificate: certificate) else {
                    failures.withLock { $0 += 1 }
                    continue
                }
                for request in 0..<3 {
                    client.send("GET /customers/w\(worker)r\(round)q\(request) HTTP/1.1\r\nHost: t\r\n\r\n")
                    if client.readResponse()?.body != "w\(worker)r\(round)q\(request)" {
                        failures.withLock { $0 += 1 }
                    }
                }
            }
        }
        #expect(failures.withLock { $0 } == 0)
    }

    @Test("A request the client follows with close_notify is still answered, then the connection closes")
    func clientCloseNotifyAfterRequest() throws {
        let server = try TestServer.https()
        let client = try server.tlsClient(maxVersion: TLS1_3_VERSION)
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        client.sendCloseNotify()
        #expect(client.readResponse()?.body == "hello")
        #expect(client.isClosedByServer())
        #expect(eventually { server.server.openConnections == 0 })
    }
}

/// What happens to clients that never finish a handshake, speak something else, or send garbage.
@Suite struct TLSHandshakeTests {
    @Test("A client that sends nothing after connecting is closed silently at the head timeout (no plaintext 408)")
    func silentClientIsDroppedAtHeadTimeout() throws {
        let server = try TestServer.https { $0.headTimeout = 0.3 }
        let client = try server.client()
        let started = DispatchTime.now()
        let (text, end) = client.readAll()
        #expect(text == "")
        #expect(end == .closed)
        #expect(seconds(since: started) >= 0.25)
        #expect(seconds(since: started) < 3)
        #expect(eventually { server.server.openConnections == 0 })
    }

    @Test("A client that stalls mid-ClientHello is dropped at the head timeout, and others are served meanwhile")
    func partialClientHelloIsDroppedAtHeadTimeout() throws {
        let server = try TestServer.https { $0.headTimeout = 0.4 }
        let staller = try server.client()
        // A handshake record header announcing 512 bytes, and the start of a ClientHello.
        staller.send([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0x11, 0x22])
        let started = DispatchTime.now()
        let other = try server.tlsClient()
        other.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(other.readResponse()?.body == "hello")
        let (text, end) = staller.readAll()
        #expect(text == "")
        #expect(end == .closed)
        #expect(seconds(since: started) >= 0.3)
        #expect(seconds(since: started) < 3)
        other.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(other.readResponse()?.body == "hello")
    }

    @Test("A client that sends its ClientHello and then never finishes the handshake is dropped at the head timeout")
    func clientStallingAfterServerHelloIsDropped() throws {
        let server = try TestServer.https { $0.headTimeout = 0.4 }
        let staller = try server.client()
        let started = DispatchTime.now()
        staller.send(TLSHandshakeTests.clientHello())
        let (text, end) = staller.readAll()
        // The server's handshake flight (a handshake record), and nothing in plain text.
        #expect(text.utf8.first == 0x16)
        #expect(!text.contains("HTTP/"))
        #expect(end == .closed)
        #expect(seconds(since: started) >= 0.3)
        #expect(seconds(since: started) < 3)
        #expect(eventually { server.server.openConnections == 0 })
    }

    /// A real ClientHello, written by an OpenSSL client into a memory BIO.
    static func clientHello() -> [UInt8] {
        guard let context = SSL_CTX_new(TLS_client_method()) else { return [] }
        defer { SSL_CTX_free(context) }
        guard let ssl = SSL_new(context), let input = BIO_new(BIO_s_mem()), let output = BIO_new(BIO_s_mem()) else {
            return []
        }
        defer { SSL_free(ssl) }
        SSL_set_bio(ssl, input, output)
        _ = SSL_connect(ssl)  // writes the hello, then wants the server's answer
        ERR_clear_error()
        var hello = [UInt8](repeating: 0, count: Int(pcsim_BIO_pending(output)))
        let count = BIO_read(output, &hello, Int32(hello.count))
        return Array(hello.prefix(max(0, Int(count))))
    }

    @Test("The head timeout counts from the connection's opening, handshake included")
    func headTimeoutCoversHandshakeAndHead() throws {
        let server = try TestServer.https { $0.headTimeout = 0.5 }
        let client = try server.tlsClient()
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 408 Request Timeout")
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())
    }

    @Test("Garbage on the TLS port closes that connection (with an alert at most) and the server keeps serving",
          arguments: [
              [UInt8](repeating: 0x00, count: 64),
              [0x16, 0x03, 0x01, 0x00, 0x05, 0xde, 0xad, 0xbe, 0xef, 0x00],  // a malformed ClientHello
              [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28],  // a fatal alert instead of a hello
              (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) },
          ])
    func garbageClosesTheConnection(bytes: [UInt8]) throws {
        let server = try TestServer.https()
        let client = try server.client()
        client.send(bytes)
        let (text, end) = client.readAll()
        // At most a TLS alert record (type 21); never an HTTP answer.
        #expect(!text.hasPrefix("HTTP/"))
        if let first = text.utf8.first {
            #expect(first == 0x15)
        }
        #expect(end == .closed || end == .reset)
        #expect(eventually { server.server.openConnections == 0 })
        let next = try server.tlsClient()
        next.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(next.readResponse()?.body == "hello")
    }

    @Test("A plain HTTP request on the TLS port gets a plain 400 naming HTTPS, then the connection closes")
    func plainHTTPRequestOnTLSPortIs400() throws {
        let server = try TestServer.https()
        let client = try server.client()
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 400 Bad Request")
        #expect(response.header("Connection") == "close")
        #expect(response.body.contains("HTTPS"))
        #expect(client.isClosedByServer())
        // Nothing reached the handler; the refusal is logged like any other.
        #expect(server.log.entries.withLock { $0.map(\.status) } == [400])
        let next = try server.tlsClient()
        next.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(next.readResponse()?.body == "hello")
    }

    @Test func clientThatDistrustsTheCertificateFailsTheHandshakeAndServerKeepsServing() throws {
        let server = try TestServer.https()
        // A trust store without the test certificate: the client rejects the server.
        let empty = TestCertificate(directory: "/nonexistent")
        #expect(throws: TLSTestClient.HandshakeFailed.self) {
            _ = try TLSTestClient(port: server.port, certificate: empty)
        }
        #expect(eventually { server.server.openConnections == 0 })
        let next = try server.tlsClient()
        next.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(next.readResponse()?.body == "hello")
    }
}

/// `start()` refuses bad TLS files with a message naming the file, and binds nothing.
@Suite struct TLSConfigurationTests {
    private func expectStartFails(
        _ configuration: TLSConfiguration, mentioning fragments: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let server = HTTPServer(
            configuration: ServerConfiguration(host: "127.0.0.1", port: 0, tls: configuration),
            handler: { _ in HTTPResponse(status: .ok) },
            errorResponse: { status, _, _ in HTTPResponse(status: status) })
        do {
            try server.start()
            Issue.record("start() accepted \(configuration)", sourceLocation: sourceLocation)
        } catch let error as TLSConfigurationError {
            for fragment in fragments {
                #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
        // Nothing was bound.
        #expect(server.port == 0, sourceLocation: sourceLocation)
        server.shutdown()
    }

    @Test func missingCertificateFileIsRefusedAtStart() throws {
        let files = try TestCertificate.shared()
        expectStartFails(
            TLSConfiguration(certificateChainFile: files.directory + "/missing.pem", privateKeyFile: files.key),
            mentioning: ["missing.pem", "No such file or directory", "certificate chain"])
    }

    @Test func missingKeyFileIsRefusedAtStart() throws {
        let files = try TestCertificate.shared()
        expectStartFails(
            TLSConfiguration(certificateChainFile: files.certificate, privateKeyFile: files.directory + "/nokey.pem"),
            mentioning: ["nokey.pem", "No such file or directory", "private key"])
    }

    @Test func fileWithoutPEMIsRefusedAtStart() throws {
        let files = try TestCertificate.shared()
        expectStartFails(
            TLSConfiguration(certificateChainFile: files.notPEM, privateKeyFile: files.key),
            mentioning: ["not-pem.txt", "no usable PEM certificate"])
        expectStartFails(
            TLSConfiguration(certificateChainFile: files.certificate, privateKeyFile: files.notPEM),
            mentioning: ["not-pem.txt", "private key"])
    }

    @Test func keyOfAnotherCertificateIsRefusedAtStart() throws {
        let files = try TestCertificate.shared()
        expectStartFails(
            TLSConfiguration(certificateChainFile: files.certificate, privateKeyFile: files.otherKey),
            mentioning: ["other-key.pem", "does not belong to the certificate"])
    }

    @Test("An encrypted key is refused at start instead of prompting for a pass phrase")
    func encryptedKeyIsRefusedAtStart() throws {
        let files = try TestCertificate.shared()
        expectStartFails(
            TLSConfiguration(certificateChainFile: files.certificate, privateKeyFile: files.encryptedKey),
            mentioning: ["encrypted-key.pem", "unencrypted PEM private key"])
    }

    @Test func plainServerIgnoresTLSAndTLSServerAnswersOnlyTLS() throws {
        let plain = try TestServer()
        let client = try plain.client()
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.body == "hello")
        #expect(throws: TLSTestClient.HandshakeFailed.self) { _ = try plain.tlsClient(receiveTimeout: 1) }
    }
}

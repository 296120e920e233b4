import Testing
@testable import HTTP

/// Issue 10 item 14: RFC 9112 3.2 Host rules, and routing on the raw path so that an encoded
/// separator never becomes one.
@Suite struct HostAndPathTests {
    static let invalidHosts = [
        "exa mple.com", "a@b", "a/b", "host:port", "host:99999", "host:123456", "h:1:2", "[::1",
        "[::1]x", "[zz::1]", "[1.2.3.4]", "%zz", "%4", "a\"b", "[v1]", "[v.x]", "[::1]:-1", "a{b}",
    ]

    static let validHosts = [
        "example.com", "example.com:8080", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:8080",
        "[2001:db8::7]", "[::ffff:192.0.2.1]", "[v1.fe:x]", "a%20b", "xn--bcher-kva.example",
        "localhost:", "sub.domain-with_underscore~tilde", "a!$&'()*+,;=b", "",
    ]

    @Test("Hardening: an HTTP/1.1 request without Host is 400")
    func missingHostIs400() {
        let outcome = ParserHarness.run("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n")
        #expect(outcome.error == .badRequest("missing Host header"))
        #expect(outcome.requests.isEmpty)
    }

    @Test func http10WithoutHostIsAllowed() {
        let outcome = ParserHarness.run("GET / HTTP/1.0\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.requests.count == 1)
    }

    @Test("Hardening: two Host headers are 400, in HTTP/1.1 and 1.0 alike")
    func twoHostsAre400() {
        for version in ["1.1", "1.0"] {
            for chunk in [nil, 1] as [Int?] {
                let outcome = ParserHarness.run("GET / HTTP/\(version)\r\nHost: a\r\nhost: a\r\n\r\n", chunkSize: chunk)
                #expect(outcome.error == .badRequest("more than one Host header"))
                #expect(outcome.requests.isEmpty)
            }
        }
    }

    @Test("Hardening: an invalid Host value is 400", arguments: invalidHosts)
    func invalidHostIs400(host: String) {
        let outcome = ParserHarness.run("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        #expect(outcome.error == .badRequest("invalid Host header"), "Host: \(host)")
        let http10 = ParserHarness.run("GET / HTTP/1.0\r\nHost: \(host)\r\n\r\n")
        #expect(http10.error == .badRequest("invalid Host header"), "HTTP/1.0 Host: \(host)")
    }

    @Test(arguments: validHosts)
    func validHostIsAccepted(host: String) {
        let outcome = ParserHarness.run("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        #expect(outcome.error == nil, "Host: \(host)")
        #expect(outcome.requests.count == 1)
    }

    @Test("Hardening: missing Host on the wire is 400 and close")
    func missingHostOnTheWire() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /hello HTTP/1.1\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 400 Bad Request")
        #expect(response.header("Connection") == "close")
        #expect(client.isClosedByServer())
        #expect(server.log.entries.withLock { $0.allSatisfy { $0.path != "/hello" } })
    }

    // MARK: - Routing on the raw path

    private func responder() -> Responder {
        var router = Router(options: .caseInsensitive)
        for pattern in ["/_sim/health", "/v1/customers", "/v1/customers/{id}", "/v1/customers/{id}/users"] {
            router.add(.get, pattern) { request in
                HTTPResponse(status: .ok, body: Array((request.pathParameters["id"] ?? pattern).utf8))
            }
        }
        return router.freeze()
    }

    private func outcome(_ method: HTTPMethod, _ target: String) -> (status: Int, body: String) {
        let response = responder().respond(to: HTTPRequest(method: method, target: target)) { status, _, headers in
            HTTPResponse(status: status, headers: headers)
        }
        return (response.status.code, String(decoding: response.body, as: UTF8.self))
    }

    @Test("Hardening: %2F in a path segment is not a separator: GET /_sim%2Fhealth is 404")
    func encodedSlashIsNotASeparator() {
        #expect(outcome(.get, "/_sim/health").status == 200)
        #expect(outcome(.get, "/_sim%2Fhealth").status == 404)
        #expect(outcome(.get, "/_sim%2fhealth").status == 404)
        #expect(outcome(.get, "/v1%2Fcustomers").status == 404)
        // Other escapes are decoded per segment, so encoded letters still route.
        #expect(outcome(.get, "/_sim/%68ealth").status == 200)
        // Inside a parameter the decoded slash is part of the value.
        #expect(outcome(.get, "/v1/customers/a%2Fb") == (200, "a/b"))
        #expect(outcome(.get, "/v1/customers/a%2Fb/users") == (200, "a/b"))
    }

    @Test("Hardening: %2F on the wire is 404, not the decoded route")
    func encodedSlashOnTheWire() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /_sim%2Fhealth HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.status == 404)
        client.send("GET /_sim/health HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.body == "healthy")
    }

    @Test("Hardening: dot segments are never resolved: raw or encoded, .. is text no route has")
    func dotSegmentsAreNotResolved() {
        #expect(outcome(.get, "/_sim/../_sim/health").status == 404)
        #expect(outcome(.get, "/_sim/%2E%2E/_sim/health").status == 404)
        #expect(outcome(.get, "/v1/./customers").status == 404)
        #expect(outcome(.get, "/v1/customers/%2e%2e/users") == (200, ".."))
    }

    @Test("Hardening: a segment decoding to NUL, a control character or invalid UTF-8 matches no route")
    func controlAndInvalidBytesMatchNothing() {
        #expect(outcome(.get, "/v1/customers/a%00b").status == 404)
        #expect(outcome(.get, "/v1/customers/%0A").status == 404)
        #expect(outcome(.get, "/v1/customers/%7F").status == 404)
        #expect(outcome(.get, "/v1/customers/%FF").status == 404)
        #expect(outcome(.get, "/v1/customers/%C3%A9") == (200, "é"))
        #expect(outcome(.get, "/_sim%00/health").status == 404)
    }

    @Test("Hardening: a method the path does not support is 405, also when a parameter holds %2F or is empty")
    func wrongMethodOnAParameterPathIs405() {
        // Before: the decoded %2F made extra segments, and empty segments were dropped, so these were 404.
        #expect(outcome(.patch, "/v1/customers/a%2Fb").status == 405)
        #expect(outcome(.patch, "/v1/customers/a%2Fb/users").status == 405)
        #expect(outcome(.patch, "/v1/customers//users").status == 405)
        #expect(outcome(.patch, "/v1/customers/x").status == 405)
        #expect(outcome(.patch, "/V1/CUSTOMERS/x/").status == 405)
        #expect(outcome(.patch, "/_sim/health/").status == 405)
    }

    @Test func trailingSlashAndCaseStillRoute() {
        #expect(outcome(.get, "/v1/customers/") == (200, "/v1/customers"))
        #expect(outcome(.get, "/V1/Customers") == (200, "/v1/customers"))
        #expect(outcome(.get, "/v1/customers//users") == (200, ""))
        #expect(outcome(.get, "/v1/customers/x/users?q=%2F") == (200, "x"))
    }

    @Test func rawPathKeepsEscapes() {
        let request = HTTPRequest(method: .get, target: "/a%2Fb/c%20d?x=%2F")
        #expect(request.rawPath == "/a%2Fb/c%20d")
        #expect(request.path == "/a/b/c d")
    }
}

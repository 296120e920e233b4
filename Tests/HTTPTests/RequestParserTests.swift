import Testing
@testable import HTTP

@Suite struct RequestParserTests {
    @Test func parsesSimpleGet() throws {
        let outcome = ParserHarness.run("GET /v1/customers?size=10&name=a+b%21 HTTP/1.1\r\nHost: x\r\nMS-CorrelationId: abc\r\n\r\n")
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.keepAlive)
        #expect(request.request.method == .get)
        #expect(request.request.target == "/v1/customers?size=10&name=a+b%21")
        #expect(request.request.path == "/v1/customers")
        #expect(request.request.query["size"] == "10")
        #expect(request.request.query["name"] == "a b!")
        #expect(request.request.headers["ms-correlationid"] == "abc")
        #expect(request.request.version == .http1_1)
        #expect(request.request.remoteAddress == "test")
    }

    @Test(arguments: [1, 2, 3, 7])
    func byteAtATimeAndSmallChunksGiveTheSameResult(chunk: Int) throws {
        let text = "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhelloGET /two HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: x\r\n\r\n"
        let outcome = ParserHarness.run(text, chunkSize: chunk)
        #expect(outcome.error == nil)
        #expect(outcome.requests.count == 2)
        #expect(outcome.requests.first?.request.body == Array("hello".utf8))
        #expect(outcome.requests.last?.request.path == "/two")
        #expect(outcome.requests.last?.request.body == Array("abcde".utf8))
    }

    @Test func pipelinedRequestsComeOutInOrder() {
        let text = "GET /1 HTTP/1.1\r\nHost: t\r\n\r\nGET /2 HTTP/1.1\r\nHost: t\r\n\r\nGET /3 HTTP/1.1\r\nHost: t\r\n\r\n"
        let outcome = ParserHarness.run(text)
        #expect(outcome.requests.map(\.request.path) == ["/1", "/2", "/3"])
    }

    @Test func keepAliveRules() {
        #expect(ParserHarness.run("GET / HTTP/1.0\r\n\r\n").requests.first?.keepAlive == false)
        #expect(ParserHarness.run("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").requests.first?.keepAlive == true)
        #expect(ParserHarness.run("GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").requests.first?.keepAlive == false)
        #expect(ParserHarness.run("GET / HTTP/1.1\r\nHost: t\r\nConnection: foo, close\r\n\r\n").requests.first?.keepAlive == false)
        #expect(ParserHarness.run("GET / HTTP/1.1\r\nHost: t\r\n\r\n").requests.first?.keepAlive == true)
    }

    @Test func expectContinueIsOfferedOnlyWhenBodyIsMissing() {
        let head = "POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n"
        let waiting = ParserHarness.run(head)
        #expect(waiting.continues == 1)
        #expect(waiting.requests.isEmpty)
        let complete = ParserHarness.run(head + "abc")
        #expect(complete.continues == 0)
        #expect(complete.requests.first?.request.body == Array("abc".utf8))
        let http10 = ParserHarness.run("POST /echo HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
        #expect(http10.continues == 0)
    }

    @Test func expectContinueWithOversizedBodyIs413() {
        var limits = ParserLimits.default
        limits.maxBodyBytes = 10
        let outcome = ParserHarness.run("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n", limits: limits)
        #expect(outcome.continues == 0)
        #expect(outcome.error == .payloadTooLarge)
    }

    @Test func identicalRepeatedContentLengthsAreAccepted() {
        let outcome = ParserHarness.run("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nContent-Length: 2, 2\r\n\r\nok")
        #expect(outcome.error == nil)
        #expect(outcome.requests.first?.request.body == Array("ok".utf8))
    }

    @Test func leadingEmptyLinesAreIgnored() {
        let outcome = ParserHarness.run("\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(outcome.requests.count == 1)
    }

    @Test func headerValuesAreTrimmedAndOrderKept() throws {
        let outcome = ParserHarness.run("GET / HTTP/1.1\r\nHost: t\r\nX-A:  1 \t\r\nx-a: 2\r\nX-Empty:\r\n\r\n")
        let headers = try #require(outcome.requests.first?.request.headers)
        #expect(headers.values(for: "X-A") == ["1", "2"])
        #expect(headers["x-empty"] == "")
    }

    @Test func absoluteFormTargetYieldsPath() throws {
        let outcome = ParserHarness.run("GET http://example.com/v1/x?a=1 HTTP/1.1\r\nHost: t\r\n\r\n")
        let request = try #require(outcome.requests.first?.request)
        #expect(request.path == "/v1/x")
        #expect(request.query["a"] == "1")
    }

    static let malformed: [(String, String)] = [
        ("two-part request line", "GET /\r\n\r\n"),
        ("four-part request line", "GET / HTTP/1.1 x\r\n\r\n"),
        ("double space", "GET  / HTTP/1.1\r\nHost: t\r\n\r\n"),
        ("bad method token", "G(T / HTTP/1.1\r\nHost: t\r\n\r\n"),
        ("bad version", "GET / HTXP/1.1\r\n\r\n"),
        ("short version", "GET / HTTP/1\r\n\r\n"),
        ("header without colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n"),
        ("space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n"),
        ("empty header name", "GET / HTTP/1.1\r\nHost: t\r\n: x\r\n\r\n"),
        ("obs-fold", "GET / HTTP/1.1\r\nHost: t\r\nA: b\r\n  c\r\n\r\n"),
        ("non-ASCII header name", "GET / HTTP/1.1\r\nHost: t\r\nNämé: x\r\n\r\n"),
        ("control char in value", "GET / HTTP/1.1\r\nHost: t\r\nA: b\u{01}c\r\n\r\n"),
        ("CL and TE", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"),
        ("differing CLs", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
        ("differing CL list", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3, 4\r\n\r\nabcd"),
        ("non-numeric CL", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3x\r\n\r\nabc"),
        ("negative CL", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n"),
        ("unsupported TE", "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n"),
        ("TE chunked twice", "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"),
        ("bad chunk size", "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
        ("chunk data too long", "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n"),
        ("bare LF in chunk line", "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\nab\r\n0\r\n\r\n"),
        ("bare LF in head", "GET / HTTP/1.1\nHost: x\n\n"),
        ("bare LF ending header", "GET / HTTP/1.1\r\nHost: x\n\r\n"),
        ("space in target", "GET /a b HTTP/1.1\r\nHost: t\r\n\r\n"),
        ("bad trailer", "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n"),
    ]

    @Test(arguments: malformed)
    func malformedRequestsAreBadRequest(name: String, text: String) {
        for chunk in [nil, 1] as [Int?] {
            let outcome = ParserHarness.run(text, chunkSize: chunk)
            guard case .badRequest = outcome.error else {
                Issue.record("\(name): expected 400, got \(String(describing: outcome.error)) with \(outcome.requests.count) requests")
                return
            }
        }
    }

    @Test func unsupportedVersionIs505() {
        #expect(ParserHarness.run("GET / HTTP/2.0\r\n\r\n").error == .versionNotSupported)
        #expect(ParserHarness.run("GET / HTTP/0.9\r\n\r\n").error == .versionNotSupported)
    }

    @Test func requestLineLimitIs414EvenBeforeLineEnds() {
        var limits = ParserLimits.default
        limits.maxRequestLineBytes = 64
        let long = "GET /" + String(repeating: "a", count: 100)
        #expect(ParserHarness.run(long, limits: limits).error == .uriTooLong)
        #expect(ParserHarness.run(long + " HTTP/1.1\r\nHost: t\r\n\r\n", limits: limits, chunkSize: 1).error == .uriTooLong)
        let exact = "GET /" + String(repeating: "a", count: 64 - 14) + " HTTP/1.1"
        #expect(exact.utf8.count == 64)
        #expect(ParserHarness.run(exact + "\r\nHost: t\r\n\r\n", limits: limits).requests.count == 1)
    }

    @Test func headerLimitsAre431() {
        var limits = ParserLimits.default
        limits.maxHeaderBytes = 100
        limits.maxHeaderCount = 3
        let big = "GET / HTTP/1.1\r\nHost: t\r\nX: " + String(repeating: "v", count: 200) + "\r\n\r\n"
        #expect(ParserHarness.run(big, limits: limits).error == .headersTooLarge)
        #expect(ParserHarness.run(String(big.prefix(150)), limits: limits).error == .headersTooLarge)
        let many = "GET / HTTP/1.1\r\nHost: t\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n"
        #expect(ParserHarness.run(many, limits: limits).error == .headersTooLarge)
        let three = "GET / HTTP/1.1\r\nHost: t\r\nA: 1\r\nB: 2\r\n\r\n"
        #expect(ParserHarness.run(three, limits: limits).requests.count == 1)
    }

    @Test func bodyLimitsAre413() {
        var limits = ParserLimits.default
        limits.maxBodyBytes = 8
        #expect(ParserHarness.run("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 9\r\n\r\n", limits: limits).error == .payloadTooLarge)
        #expect(ParserHarness.run("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999999\r\n\r\n", limits: limits).error == .payloadTooLarge)
        let chunked = "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n4\r\nfghi\r\n0\r\n\r\n"
        #expect(ParserHarness.run(chunked, limits: limits, chunkSize: 1).error == .payloadTooLarge)
        #expect(ParserHarness.run("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n", limits: limits).error == .payloadTooLarge)
        let fits = "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n3\r\nfgh\r\n0\r\n\r\n"
        #expect(ParserHarness.run(fits, limits: limits).requests.first?.request.body.count == 8)
    }

    @Test func errorIsSticky() {
        var parser = RequestParser()
        parser.append(contentsOf: Array("BAD\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
        parser.append(contentsOf: Array("GET / HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("GET /HTP1.0\r\n:;-chunkedContent-Length: 0123456789abcxyz \t\u{7f}".utf8) + [0x80, 0x00, 0xFF]
        for _ in 0..<300 {
            let length = Int.random(in: 0..<200, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            _ = ParserHarness.run(bytes, chunkSize: Int.random(in: 1...20, using: &generator))
            _ = ParserHarness.run(Array("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n".utf8) + bytes)
        }
    }
}

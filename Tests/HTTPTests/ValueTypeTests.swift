import Testing
@testable import HTTP

@Suite struct ValueTypeTests {
    @Test func headersAreOrderedAndCaseInsensitive() {
        var headers = HTTPHeaders([("Content-Type", "a"), ("X-One", "1"), ("x-one", "2")])
        #expect(headers["content-type"] == "a")
        #expect(headers.values(for: "X-ONE") == ["1", "2"])
        headers["X-One"] = "3"
        #expect(headers.values(for: "x-one") == ["3"])
        headers.add(name: "X-One", value: "4")
        #expect(headers.values(for: "x-one") == ["3", "4"])
        headers["x-one"] = nil
        #expect(!headers.contains("X-One"))
        #expect(headers.map(\.name) == ["Content-Type"])
    }

    @Test func queryDecoding() {
        let request = HTTPRequest(method: .get, target: "/p%2Fq/r?a=1&A=2&b=x%20y+z&c&a=3&bad=%zz")
        #expect(request.path == "/p/q/r")
        #expect(request.query["a"] == "1")
        #expect(request.query["A"] == "2")
        #expect(request.query["c"] == "")
        #expect(request.query["b"] == "x y z")
        #expect(request.query["bad"] == "%zz")
        #expect(request.queryValue("a", caseInsensitive: false) == "1")
        #expect(request.queryValue("B", caseInsensitive: true) == "x y z")
        #expect(request.queryValue("B", caseInsensitive: false) == nil)
        #expect(request.queryItems.count == 6)
    }

    @Test func dateIsIMFFixdate() {
        #expect(String(decoding: HTTPDate.format(784111777), as: UTF8.self) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.shared.current().count == 29)
    }

    @Test func serializerFramesTheResponse() {
        var buffer: [UInt8] = []
        let response = HTTPResponse(
            status: .ok,
            headers: HTTPHeaders([("Content-Type", "text/plain"), ("Content-Length", "999"), ("X-Evil", "a\r\nb")]),
            body: Array("hi".utf8))
        ResponseSerializer.append(response, to: &buffer, omitBody: false, close: true, keepAliveHeader: false, date: Array("D".utf8))
        #expect(String(decoding: buffer, as: UTF8.self)
            == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Evil: a  b\r\nContent-Length: 2\r\nDate: D\r\nConnection: close\r\n\r\nhi")
        buffer.removeAll()
        ResponseSerializer.append(HTTPResponse(status: .noContent), to: &buffer, omitBody: false, close: false, keepAliveHeader: true, date: Array("D".utf8))
        #expect(String(decoding: buffer, as: UTF8.self) == "HTTP/1.1 204 No Content\r\nDate: D\r\nConnection: keep-alive\r\n\r\n")
    }
}

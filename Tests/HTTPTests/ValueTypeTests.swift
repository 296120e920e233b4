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

    @Test("the token masks are RFC 9110's tchar: DIGIT, ALPHA and !#$%&'*+-.^_`|~, nothing else")
    func tokenCharacters() {
        let symbols = Set("!#$%&'*+-.^_`|~".utf8)
        for byte in UInt8.min...UInt8.max {
            let expected = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || symbols.contains(byte)
            #expect(ASCII.isToken(byte) == expected, "byte \(byte)")
        }
    }

    @Test("header values are sanitized: CR and LF become spaces, everything else is copied as is")
    func sanitizedHeaders() {
        var buffer: [UInt8] = []
        let response = HTTPResponse(status: .ok, headers: HTTPHeaders([("X-A\r\nB", "v1\r\nInjected: yes"), ("X-Plain", "caf\u{E9} \t ok")]))
        ResponseSerializer.append(response, to: &buffer, omitBody: false, close: false, keepAliveHeader: false, date: Array("D".utf8))
        let text = String(decoding: buffer, as: UTF8.self)
        #expect(text.contains("X-A  B: v1  Injected: yes\r\n"))
        #expect(text.contains("X-Plain: caf\u{E9} \t ok\r\n"))
        #expect(!text.contains("\r\nInjected"))
    }

    @Test("field values are checked a word at a time exactly as byte by byte: every byte value, at every offset, and in the tail")
    func fieldValueWords() {
        func byteByByte(_ bytes: [UInt8]) -> Bool {
            bytes.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
        }
        // Clean text around one probe byte: words before, inside and after it, and a tail.
        for length in [1, 7, 8, 9, 16, 21] {
            for position in 0..<length {
                for probe in UInt8.min...UInt8.max {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = probe
                    // A neighbour of 0x80 or above must not hide a control byte (borrows).
                    if position + 1 < length { bytes[position + 1] = 0xFF }
                    let fast = bytes.withUnsafeBufferPointer { ASCII.isFieldValue($0) }
                    #expect(fast == byteByByte(bytes), "length \(length) position \(position) byte \(probe)")
                }
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer { ASCII.isFieldValue($0) })
    }
}

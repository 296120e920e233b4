/// Writes a response head (and body) into one byte buffer so it goes out in one `send`.
enum ResponseSerializer {
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    static func append(
        _ response: HTTPResponse,
        to buffer: inout [UInt8],
        omitBody: Bool,
        close: Bool,
        keepAliveHeader: Bool,
        date: [UInt8]
    ) {
        let status = response.status
        buffer.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status.code, to: &buffer)
        buffer.append(ASCII.space)
        appendSanitized(status.reason, to: &buffer)
        buffer.append(contentsOf: crlf)
        for (name, value) in response.headers {
            // Framing is the server's job: these would contradict what it actually sends.
            if ASCII.equalsIgnoringCase(name, "Content-Length") || ASCII.equalsIgnoringCase(name, "Date")
                || ASCII.equalsIgnoringCase(name, "Connection") || ASCII.equalsIgnoringCase(name, "Transfer-Encoding") {
                continue
            }
            appendSanitized(name, to: &buffer)
            buffer.append(contentsOf: ": ".utf8)
            appendSanitized(value, to: &buffer)
            buffer.append(contentsOf: crlf)
        }
        // RFC 9110 8.6: no Content-Length on 1xx/204, and 304 has no body of its own.
        let bodyless = status.code < 200 || status.code == 204 || status.code == 304
        if !bodyless {
            buffer.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(response.body.count, to: &buffer)
            buffer.append(contentsOf: crlf)
        }
        buffer.append(contentsOf: "Date: ".utf8)
        buffer.append(contentsOf: date)
        buffer.append(contentsOf: crlf)
        if close {
            buffer.append(contentsOf: "Connection: close\r\n".utf8)
        } else if keepAliveHeader {
            buffer.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        buffer.append(contentsOf: crlf)
        if !omitBody && !bodyless {
            buffer.append(contentsOf: response.body)
        }
    }

    /// True when the application itself asked for the connection to close.
    static func requestsClose(_ response: HTTPResponse) -> Bool {
        guard let value = response.headers["Connection"] else { return false }
        return value.split(separator: ",").contains {
            ASCII.equalsIgnoringCase($0.trimmingPrefix(" ").utf8, "close".utf8)
        }
    }

    private static let crlf: [UInt8] = [ASCII.cr, ASCII.lf]

    private static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        if value < 10 {
            buffer.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: max(0, value)))
            return
        }
        buffer.append(contentsOf: String(value).utf8)
    }

    /// CR and LF in an application-supplied header would split the response; they become spaces.
    /// A native string is copied in one go and the copy fixed in place (values are almost
    /// always clean); others byte by byte.
    private static func appendSanitized(_ text: String, to buffer: inout [UInt8]) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            let start = buffer.count
            buffer.append(contentsOf: bytes)
            buffer.withUnsafeMutableBufferPointer { output in
                for index in start..<output.count where output[index] == ASCII.cr || output[index] == ASCII.lf {
                    output[index] = ASCII.space
                }
            }
        }
        if copied != nil { return }
        for byte in text.utf8 {
            buffer.append(byte == ASCII.cr || byte == ASCII.lf ? ASCII.space : byte)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import JSON

/// A blocking HTTP/1.1 client over one real TCP connection (adapted from HTTPTests'
/// TestClient; test targets cannot import each other). Requests on the same client reuse the
/// connection (keep-alive). One client is used by one thread at a time.
final class WireClient: @unchecked Sendable {
    private var fd: Int32
    private var pending: [UInt8] = []

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(port: Int, receiveTimeout: Int = 15) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        // deinit closes the descriptor when init throws after this point.
        guard result == 0 else { throw Failure(description: "connect: errno \(errno)") }
        var timeout = timeval(tv_sec: receiveTimeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// The bytes of one request: JSON body, bearer token, Host and Content-Length.
    static func encode(_ method: String, _ target: String, token: String? = nil, body: JSON? = nil,
                       headers: [(String, String)] = []) -> [UInt8] {
        let payload = body?.serialized() ?? []
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(payload.count)\r\n"
        if !payload.isEmpty { head += "Content-Type: application/json\r\n" }
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + payload
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw Failure(description: "send: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads exactly one response (status line, headers, Content-Length body).
    func readResponse() throws -> WireResponse {
        while true {
            if let response = WireResponse.parse(&pending) { return response }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                pending.append(contentsOf: chunk[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                throw Failure(description: count == 0 ? "connection closed before a full response" : "recv: errno \(errno)")
            }
        }
    }

    func request(_ method: String, _ target: String, token: String? = nil, body: JSON? = nil,
                 headers: [(String, String)] = []) throws -> WireResponse {
        try send(Self.encode(method, target, token: token, body: body, headers: headers))
        return try readResponse()
    }
}

/// A response as read from the socket.
struct WireResponse: Sendable, CustomStringConvertible {
    let status: Int
    let headers: [(String, String)]
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: JSON { (try? JSON.parse(body)) ?? .null }
    subscript(key: String) -> JSON? { json[key] }
    /// The Partner Center error code of an error response.
    var code: Int? { json["code"]?.intValue.map(Int.init) }
    var description: String { "\(status) \(text)" }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    static func parse(_ buffer: inout [UInt8]) -> WireResponse? {
        guard buffer.count >= 4,
              let headEnd = (0...(buffer.count - 4)).first(where: {
                  buffer[$0] == 13 && buffer[$0 + 1] == 10 && buffer[$0 + 2] == 13 && buffer[$0 + 3] == 10
              }) else { return nil }
        let lines = String(decoding: buffer[0..<headEnd], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let statusLine = lines.first else { return nil }
        let parts = statusLine.split(separator: " ")
        let status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let headers = lines.dropFirst().map { line -> (String, String) in
            let pieces = line.split(separator: ":", maxSplits: 1)
            return (String(pieces[0]), pieces.count > 1 ? String(pieces[1].drop { $0 == " " }) : "")
        }
        let length = (status < 200 || status == 204 || status == 304) ? 0
            : Int(headers.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
        let bodyStart = headEnd + 4
        guard buffer.count >= bodyStart + length else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return WireResponse(status: status, headers: headers, body: body)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HTTP

/// A deliberately dumb blocking client: writes raw bytes, reads raw bytes, reports EOF.
final class TestClient {
    private(set) var fd: Int32

    init(port: Int, receiveTimeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(operation: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            // deinit still runs for a fully initialized class whose init throws, so the
            // descriptor is closed there, exactly once (a double close could hit another
            // test's freshly opened socket).
            throw SocketError(operation: "connect", code: errno)
        }
        setReceiveTimeout(receiveTimeout)
    }

    deinit {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
    }

    func setReceiveTimeout(_ seconds: Double) {
        var timeout = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) {
        send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return }
            offset += sent
        }
    }

    enum ReadEnd: Equatable {
        case closed
        case reset
        case timedOut
    }

    /// Reads until EOF, reset or the receive timeout.
    func readAll() -> (text: String, end: ReadEnd) {
        var bytes: [UInt8] = []
        while true {
            switch readChunk(into: &bytes) {
            case .some(let end): return (String(decoding: bytes, as: UTF8.self), end)
            case .none: continue
            }
        }
    }

    private var pending: [UInt8] = []

    /// Reads exactly one response (head plus Content-Length body; no body for HEAD or 1xx/204).
    func readResponse(isHead: Bool = false) -> TestResponse? {
        while true {
            if let response = TestResponse.parse(&pending, isHead: isHead) {
                return response
            }
            if readChunk(into: &pending) != nil {
                return TestResponse.parse(&pending, isHead: isHead)
            }
        }
    }

    /// After a response: is the connection closed by the server (EOF) within the timeout?
    func isClosedByServer() -> Bool {
        var bytes: [UInt8] = []
        while true {
            if let end = readChunk(into: &bytes) {
                return end == .closed && bytes.isEmpty
            }
            if !bytes.isEmpty { return false }
        }
    }

    /// Returns nil after appending data, or how the stream ended.
    private func readChunk(into bytes: inout [UInt8]) -> ReadEnd? {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 {
            bytes.append(contentsOf: chunk[0..<count])
            return nil
        }
        if count == 0 { return .closed }
        if errno == EINTR { return nil }
        return errno == ECONNRESET ? .reset : .timedOut
    }
}

/// A parsed response as the test client saw it on the wire.
struct TestResponse {
    var statusLine: String
    var headers: [(String, String)]
    var body: String

    var status: Int {
        let parts = statusLine.split(separator: " ")
        return parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    static func parse(_ buffer: inout [UInt8], isHead: Bool) -> TestResponse? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard buffer.count >= 4,
              let headEnd = (0...(buffer.count - 4)).first(where: { Array(buffer[$0..<($0 + 4)]) == separator }) else {
            return nil
        }
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let headers = lines.map { line -> (String, String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1].drop { $0 == " " }) : "")
        }
        var response = TestResponse(statusLine: statusLine, headers: headers, body: "")
        let code = response.status
        let length = (isHead || code < 200 || code == 204) ? 0 : Int(response.header("Content-Length") ?? "0") ?? 0
        let bodyStart = headEnd + 4
        guard buffer.count >= bodyStart + length else { return nil }
        response.body = String(decoding: buffer[bodyStart..<(bodyStart + length)], as: UTF8.self)
        buffer.removeFirst(bodyStart + length)
        return response
    }
}

extension String {
    /// Foundation-free line splitting for the test client.
    func components(separatedBy separator: String) -> [String] {
        var result: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            result.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        result.append(String(rest))
        return result
    }
}

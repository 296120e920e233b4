#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Incremental HTTP/1.1 request parser. Bytes may arrive in any split (one at a time too);
/// `next()` yields complete requests in order, so pipelined requests fall out naturally.
///
/// The head is scanned line by line with `memchr` as bytes arrive, which lets limits trip
/// as soon as they are exceeded (not after buffering a whole oversized head) and lets a bare
/// LF be rejected instead of waiting forever for a CRLFCRLF that never comes.
struct RequestParser {
    enum Event {
        case request(HTTPRequest, keepAlive: Bool)
        /// The head asked for `100-continue` and the body has not arrived yet.
        case expectContinue
        case needMoreData
    }

    private enum State {
        case head
        case fixedBody(Int)
        case chunkSize
        case chunkData(Int)
        case chunkDataEnd
        case trailers
        case failed(HTTPParseError)
    }

    private struct Head {
        var method: HTTPMethod
        var target: String
        var version: HTTPVersion
        var headers: HTTPHeaders
        var keepAlive: Bool
        var expectsContinue: Bool
    }

    let limits: ParserLimits
    var remoteAddress: String
    /// Shared in-flight body budget; nil (tests, fuzzing) means unlimited.
    let budget: BodyBudget?
    /// Budget bytes reserved for the request being parsed.
    private(set) var reservedBytes = 0
    /// Budget bytes of the last completed request, until the connection takes them over.
    private var completedReservation = 0

    private var buffer: [UInt8] = []
    /// First byte not yet consumed by a completed request or decoded chunk.
    private var readIndex = 0
    /// Where the next LF search starts, so re-scans after a partial read are O(new bytes).
    private var scanIndex = 0
    private var state: State = .head

    private var lineStart = 0
    private var headerStart = 0
    private var requestLine: Range<Int>?
    private var headerLines: [Range<Int>] = []
    private var trailerBytes = 0

    private var head: Head?
    private var body: [UInt8] = []
    private var continueOffered = false

    init(limits: ParserLimits = .default, remoteAddress: String = "", budget: BodyBudget? = nil) {
        self.limits = limits
        self.remoteAddress = remoteAddress
        self.budget = budget
    }

    /// Bytes buffered but not yet consumed by a completed request (pipelined input included).
    var bufferedBytes: Int {
        buffer.count - readIndex
    }

    /// Hands the budget reservation of the request just yielded to the caller, who releases
    /// it once the request is done with (its body lives on in the `HTTPRequest`).
    mutating func takeCompletedReservation() -> Int {
        defer { completedReservation = 0 }
        return completedReservation
    }

    /// Returns every reservation this parser holds (connection closing, or request refused).
    mutating func releaseReservations() {
        budget?.release(reservedBytes + completedReservation)
        reservedBytes = 0
        completedReservation = 0
    }

    private mutating func reserve(_ bytes: Int) throws(HTTPParseError) {
        guard let budget else { return }
        guard budget.reserve(bytes) else {
            throw .overloaded
        }
        reservedBytes += bytes
    }

    /// The path (of the request target, as `RequestTarget.split` reads it) of the request being read, once its request
    /// line is complete and its target well-formed; nil before that (a request line still
    /// arriving, or too long) and between requests. Lets the server's own error answers
    /// (400, 408, 413, 431) depend on where the request was going.
    var currentPath: String? {
        let target: String
        if let head {
            target = head.target
        } else if let requestLine {
            // Still reading headers: the line is in the buffer (nothing before the end of the
            // head is consumed, so compaction has not moved past it).
            let line = buffer[requestLine]
            guard let first = line.firstIndex(of: ASCII.space),
                  let second = line[(first + 1)...].firstIndex(of: ASCII.space) else { return nil }
            let bytes = line[(first + 1)..<second]
            guard !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
            target = String(decoding: bytes, as: UTF8.self)
        } else {
            return nil
        }
        // As routing splits it: absolute-form and a fragment give the same path.
        return String(RequestTarget.split(target).path)
    }

    /// True when no byte of a next request has been received yet.
    var isIdle: Bool {
        if case .head = state { return readIndex == buffer.count }
        return false
    }

    /// True while the head of a request is still incomplete (as opposed to its body).
    var isReadingHead: Bool {
        if case .head = state { return true }
        return false
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    mutating func append<Bytes: Sequence<UInt8>>(contentsOf bytes: Bytes) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Returns memory to the allocator when a keep-alive connection goes idle, so a thousand
    /// idle connections don't each pin their largest-ever read buffer.
    mutating func releaseIdleMemory() {
        if isIdle && buffer.capacity > 16_384 {
            buffer = []
            readIndex = 0
            scanIndex = 0
            lineStart = 0
            headerStart = 0
        }
    }

    mutating func next() throws(HTTPParseError) -> Event {
        if case .failed(let error) = state {
            throw error
        }
        do {
            return try step()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    // MARK: - State machine

    private mutating func step() throws(HTTPParseError) -> Event {
        while true {
            switch state {
            case .head:
                if !(try scanHead()) {
                    return .needMoreData
                }
                if case .head = state {
                    return complete()
                }
            case .fixedBody(let length):
                if buffer.count - readIndex >= length {
                    body = Array(buffer[readIndex..<(readIndex + length)])
                    readIndex += length
                    return complete()
                }
                return offerContinue() ? .expectContinue : .needMoreData
            case .chunkSize:
                if readIndex == buffer.count && offerContinue() {
                    return .expectContinue
                }
                guard let lineEnd = try nextLine(maxLength: limits.maxChunkLineBytes, tooLong: .badRequest("chunk size line too long")) else {
                    return .needMoreData
                }
                let size = try chunkSize(readIndex..<lineEnd)
                readIndex = lineEnd + 2
                scanIndex = readIndex
                if size == 0 {
                    trailerBytes = 0
                    state = .trailers
                } else {
                    if size > limits.maxBodyBytes - body.count {
                        throw .payloadTooLarge
                    }
                    try reserve(size)
                    state = .chunkData(size)
                }
            case .chunkData(let remaining):
                let available = buffer.count - readIndex
                if available == 0 {
                    return .needMoreData
                }
                let take = min(available, remaining)
                body.append(contentsOf: buffer[readIndex..<(readIndex + take)])
                readIndex += take
                scanIndex = readIndex
                state = take == remaining ? .chunkDataEnd : .chunkData(remaining - take)
            case .chunkDataEnd:
                let available = buffer.count - readIndex
                if available >= 1 && buffer[readIndex] != ASCII.cr {
                    throw .badRequest("chunk data not followed by CRLF")
                }
                if available < 2 {
                    return .needMoreData
                }
                if buffer[readIndex + 1] != ASCII.lf {
                    throw .badRequest("chunk data not followed by CRLF")
                }
                readIndex += 2
                scanIndex = readIndex
                state = .chunkSize
            case .trailers:
                let budget = limits.maxHeaderBytes - trailerBytes
                guard let lineEnd = try nextLine(maxLength: budget, tooLong: .headersTooLarge) else {
                    return .needMoreData
                }
                let line = readIndex..<lineEnd
                readIndex = lineEnd + 2
                scanIndex = readIndex
                if line.isEmpty {
                    return complete()
                }
                trailerBytes += line.count + 2
                if trailerBytes > limits.maxHeaderBytes {
                    throw .headersTooLarge
                }
                // Trailers are validated like headers but dropped: nothing in this server
                // needs them, and merging them would let a body smuggle framing headers.
                _ = try headerField(line)
            case .failed(let error):
                throw error
            }
        }
    }

    /// Scans for the end of the head. Returns false when more bytes are needed.
    private mutating func scanHead() throws(HTTPParseError) -> Bool {
        while true {
            guard let lf = findLF(from: scanIndex) else {
                scanIndex = buffer.count
                if requestLine == nil {
                    // +1 leaves room for the CR of a line that is exactly at the limit.
                    if buffer.count - lineStart > limits.maxRequestLineBytes + 1 {
                        throw .uriTooLong
                    }
                } else if buffer.count - headerStart > limits.maxHeaderBytes {
                    throw .headersTooLarge
                }
                return false
            }
            scanIndex = lf + 1
            guard lf > lineStart, buffer[lf - 1] == ASCII.cr else {
                throw .badRequest("bare LF in request head")
            }
            let end = lf - 1
            if end == lineStart {
                if requestLine == nil {
                    // RFC 9112 2.2: ignore empty lines before the request line (clients
                    // sometimes add a CRLF after a POST body).
                    readIndex = lf + 1
                    lineStart = lf + 1
                    continue
                }
                readIndex = lf + 1
                lineStart = lf + 1
                try finishHead()
                return true
            }
            if requestLine == nil {
                if end - lineStart > limits.maxRequestLineBytes {
                    throw .uriTooLong
                }
                requestLine = lineStart..<end
                headerStart = lf + 1
            } else {
                if headerLines.count >= limits.maxHeaderCount || lf + 1 - headerStart > limits.maxHeaderBytes {
                    throw .headersTooLarge
                }
                headerLines.append(lineStart..<end)
            }
            lineStart = lf + 1
        }
    }

    private mutating func finishHead() throws(HTTPParseError) {
        guard let requestLine else {
            throw .badRequest("missing request line")
        }
        let (method, target, version) = try parseRequestLine(requestLine)

        var headers = HTTPHeaders()
        headers.reserveCapacity(headerLines.count)
        var contentLength: Int?
        var transferEncodings: [Substring] = []
        var sawTransferEncoding = false
        var connectionClose = false
        var connectionKeepAlive = false
        var expectsContinue = false
        var hostCount = 0

        // By index: iterating the array itself copies it in and out of an iterator per request.
        for lineIndex in 0..<headerLines.count {
            let (name, value) = try headerField(headerLines[lineIndex])
            let nameBytes = buffer[name]
            let valueText = String(decoding: buffer[value], as: UTF8.self)
            if ASCII.equalsIgnoringCase(nameBytes, "host".utf8) {
                // RFC 9112 3.2: more than one Host line, or an invalid value, is 400 in any version.
                hostCount += 1
                if hostCount > 1 {
                    throw .badRequest("more than one Host header")
                }
                if !HostValidation.isValid(buffer[value]) {
                    throw .badRequest("invalid Host header")
                }
            } else if ASCII.equalsIgnoringCase(nameBytes, "content-length".utf8) {
                let length = try parseContentLength(value)
                if let contentLength, contentLength != length {
                    throw .badRequest("conflicting Content-Length values")
                }
                contentLength = length
            } else if ASCII.equalsIgnoringCase(nameBytes, "transfer-encoding".utf8) {
                sawTransferEncoding = true
                for coding in valueText.split(separator: ",") {
                    transferEncodings.append(trimmed(coding))
                }
            } else if ASCII.equalsIgnoringCase(nameBytes, "connection".utf8) {
                for option in valueText.split(separator: ",") {
                    let option = trimmed(option)
                    if ASCII.equalsIgnoringCase(option.utf8, "close".utf8) {
                        connectionClose = true
                    } else if ASCII.equalsIgnoringCase(option.utf8, "keep-alive".utf8) {
                        connectionKeepAlive = true
                    }
                }
            } else if ASCII.equalsIgnoringCase(nameBytes, "expect".utf8) {
                expectsContinue = ASCII.equalsIgnoringCase(trimmed(Substring(valueText)).utf8, "100-continue".utf8)
            }
            headers.add(name: String(decoding: nameBytes, as: UTF8.self), value: valueText)
        }

        // An HTTP/1.1 request without Host is 400 (RFC 9112 3.2); HTTP/1.0 predates the rule.
        if version == .http1_1 && hostCount == 0 {
            throw .badRequest("missing Host header")
        }

        let keepAlive = version == .http1_1 ? !connectionClose : (connectionKeepAlive && !connectionClose)
        head = Head(
            method: method,
            target: target,
            version: version,
            headers: headers,
            keepAlive: keepAlive,
            // 100-continue is an HTTP/1.1 mechanism; a 1.0 client would not understand it.
            expectsContinue: expectsContinue && version == .http1_1
        )
        body = []
        continueOffered = false

        if sawTransferEncoding {
            // Both framings at once is the classic request-smuggling vector (RFC 9112 6.3).
            if contentLength != nil {
                throw .badRequest("both Content-Length and Transfer-Encoding")
            }
            guard transferEncodings.count == 1,
                  ASCII.equalsIgnoringCase(transferEncodings[0].utf8, "chunked".utf8) else {
                throw .badRequest("unsupported Transfer-Encoding")
            }
            scanIndex = readIndex
            state = .chunkSize
        } else if let contentLength, contentLength > 0 {
            if contentLength > limits.maxBodyBytes {
                throw .payloadTooLarge
            }
            try reserve(contentLength)
            state = .fixedBody(contentLength)
        }
    }

    private func parseRequestLine(_ range: Range<Int>) throws(HTTPParseError) -> (HTTPMethod, String, HTTPVersion) {
        guard let firstSpace = buffer[range].firstIndex(of: ASCII.space),
              let secondSpace = buffer[(firstSpace + 1)..<range.upperBound].firstIndex(of: ASCII.space) else {
            throw .badRequest("request line must have three parts")
        }
        let methodRange = range.lowerBound..<firstSpace
        let targetRange = (firstSpace + 1)..<secondSpace
        let versionRange = (secondSpace + 1)..<range.upperBound
        guard !methodRange.isEmpty, buffer[methodRange].allSatisfy(ASCII.isToken) else {
            throw .badRequest("invalid method")
        }
        guard !targetRange.isEmpty, buffer[targetRange].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw .badRequest("invalid request target")
        }
        let version = try parseVersion(versionRange)
        return (
            HTTPMethod(rawValue: String(decoding: buffer[methodRange], as: UTF8.self)),
            String(decoding: buffer[targetRange], as: UTF8.self),
            version
        )
    }

    private func parseVersion(_ range: Range<Int>) throws(HTTPParseError) -> HTTPVersion {
        let bytes = buffer[range]
        guard bytes.count == 8, bytes.starts(with: "HTTP/".utf8) else {
            throw .badRequest("invalid HTTP version")
        }
        let major = bytes[range.lowerBound + 5]
        let dot = bytes[range.lowerBound + 6]
        let minor = bytes[range.lowerBound + 7]
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard digits.contains(major), dot == UInt8(ascii: "."), digits.contains(minor) else {
            throw .badRequest("invalid HTTP version")
        }
        let version = HTTPVersion(major: Int(major - UInt8(ascii: "0")), minor: Int(minor - UInt8(ascii: "0")))
        guard version == .http1_1 || version == .http1_0 else {
            throw .versionNotSupported
        }
        return version
    }

    /// Validates one `name: value` line and returns the name and the OWS-trimmed value ranges.
    /// Scans through a raw buffer pointer (the colon with memchr, the value a word at a time):
    /// this runs over every byte of every header, a bearer token being most of a request.
    private func headerField(_ line: Range<Int>) throws(HTTPParseError) -> (Range<Int>, Range<Int>) {
        enum Outcome { case fields(Range<Int>, Range<Int>), noName, badName, badValue }
        let outcome = buffer.withUnsafeBufferPointer { bytes -> Outcome in
            guard let base = bytes.baseAddress, !line.isEmpty,
                  let found = memchr(base + line.lowerBound, Int32(ASCII.colon), line.count) else { return .noName }
            let colon = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            guard colon > line.lowerBound else { return .noName }
            // Also rejects whitespace before the colon, obs-fold continuation lines and non-ASCII.
            for index in line.lowerBound..<colon where !ASCII.isToken(bytes[index]) {
                return .badName
            }
            var start = colon + 1
            var end = line.upperBound
            while start < end && (bytes[start] == ASCII.space || bytes[start] == ASCII.tab) { start += 1 }
            while end > start && (bytes[end - 1] == ASCII.space || bytes[end - 1] == ASCII.tab) { end -= 1 }
            // Field values may carry obs-text (>= 0x80) but no control characters other than HTAB.
            guard ASCII.isFieldValue(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return .badValue }
            return .fields(line.lowerBound..<colon, start..<end)
        }
        switch outcome {
        case .fields(let name, let value): return (name, value)
        case .noName: throw .badRequest("header line without a name")
        case .badName: throw .badRequest("invalid header name")
        case .badValue: throw .badRequest("invalid header value")
        }
    }

    /// A Content-Length value (its OWS-trimmed byte range). A list of identical values
    /// ("5, 5") is tolerated per RFC 9110 8.6; anything else is not.
    private func parseContentLength(_ value: Range<Int>) throws(HTTPParseError) -> Int {
        var result: Int?
        var elementStart = value.lowerBound
        while true {
            var elementEnd = elementStart
            while elementEnd < value.upperBound && buffer[elementEnd] != ASCII.comma { elementEnd += 1 }
            var start = elementStart
            var end = elementEnd
            while start < end && (buffer[start] == ASCII.space || buffer[start] == ASCII.tab) { start += 1 }
            while end > start && (buffer[end - 1] == ASCII.space || buffer[end - 1] == ASCII.tab) { end -= 1 }
            guard start < end else {
                throw .badRequest("invalid Content-Length")
            }
            var length = 0
            for index in start..<end {
                let digit = buffer[index]
                guard digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "9") else {
                    throw .badRequest("invalid Content-Length")
                }
                // Saturate rather than overflow: anything this big is over every limit anyway.
                length = length > (Int.max - 9) / 10 ? Int.max : length * 10 + Int(digit - UInt8(ascii: "0"))
            }
            if let result, result != length {
                throw .badRequest("conflicting Content-Length values")
            }
            result = length
            guard elementEnd < value.upperBound else { break }
            elementStart = elementEnd + 1
        }
        guard let result else {
            throw .badRequest("invalid Content-Length")
        }
        return result
    }

    private func chunkSize(_ line: Range<Int>) throws(HTTPParseError) -> Int {
        var index = line.lowerBound
        var size = 0
        while index < line.upperBound, let digit = PercentDecoding.hexValue(buffer[index]) {
            if size > (Int.max >> 4) {
                throw .payloadTooLarge
            }
            size = size << 4 | Int(digit)
            index += 1
        }
        guard index > line.lowerBound else {
            throw .badRequest("invalid chunk size")
        }
        // What follows the size may only be whitespace and `;extension` text, which is ignored.
        while index < line.upperBound && (buffer[index] == ASCII.space || buffer[index] == ASCII.tab) {
            index += 1
        }
        if index < line.upperBound {
            guard buffer[index] == ASCII.semicolon,
                  buffer[index..<line.upperBound].allSatisfy({ $0 == ASCII.tab || ($0 >= 0x20 && $0 != 0x7F) }) else {
                throw .badRequest("invalid chunk size")
            }
        }
        return size
    }

    /// Finds the next CRLF-terminated line starting at `readIndex`; returns the index of its CR.
    private mutating func nextLine(maxLength: Int, tooLong: HTTPParseError) throws(HTTPParseError) -> Int? {
        guard let lf = findLF(from: max(scanIndex, readIndex)) else {
            scanIndex = buffer.count
            if buffer.count - readIndex > maxLength + 1 {
                throw tooLong
            }
            return nil
        }
        scanIndex = lf + 1
        guard lf > readIndex, buffer[lf - 1] == ASCII.cr else {
            throw .badRequest("bare LF")
        }
        if lf - 1 - readIndex > maxLength {
            throw tooLong
        }
        return lf - 1
    }

    private mutating func offerContinue() -> Bool {
        guard let head, head.expectsContinue, !continueOffered else {
            return false
        }
        continueOffered = true
        return true
    }

    private mutating func complete() -> Event {
        let event: Event
        if let head {
            let request = HTTPRequest(
                method: head.method,
                target: head.target,
                version: head.version,
                headers: head.headers,
                body: body,
                remoteAddress: remoteAddress
            )
            event = .request(request, keepAlive: head.keepAlive)
        } else {
            // Unreachable by construction (a head always precedes completion); fail closed.
            state = .failed(.badRequest("internal parser state"))
            return .needMoreData
        }
        completedReservation += reservedBytes
        reservedBytes = 0
        head = nil
        body = []
        continueOffered = false
        requestLine = nil
        headerLines.removeAll(keepingCapacity: true)
        state = .head
        lineStart = readIndex
        scanIndex = readIndex
        headerStart = readIndex
        return event
    }

    // MARK: - Buffer management

    private func findLF(from start: Int) -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress,
                  let found = memchr(base + start, Int32(ASCII.lf), raw.count - start) else {
                return nil
            }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// Drops consumed bytes before appending, shifting every saved index with them.
    private mutating func compact() {
        let shift = readIndex
        guard shift > 0 else { return }
        if shift >= buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else {
            buffer.removeSubrange(0..<shift)
        }
        readIndex = 0
        scanIndex = max(0, scanIndex - shift)
        lineStart = max(0, lineStart - shift)
        headerStart = max(0, headerStart - shift)
        if let line = requestLine {
            requestLine = (line.lowerBound - shift)..<(line.upperBound - shift)
        }
        for index in headerLines.indices {
            let line = headerLines[index]
            headerLines[index] = (line.lowerBound - shift)..<(line.upperBound - shift)
        }
    }

    private func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.utf8.first, first == ASCII.space || first == ASCII.tab { text = text.dropFirst() }
        while let last = text.utf8.last, last == ASCII.space || last == ASCII.tab { text = text.dropLast() }
        return text
    }
}

/// One request as the journal keeps it (the record step runs on every request; rendering to
/// JSON waits for `GET /_sim/requests`). Secrets are gone before an entry exists: the
/// Authorization and X-Admin-Key values and a token request's secret form fields
/// (`JournalRedaction`).
///
/// Its text (path, query, ids, codes, headers and a body of up to `inlineBodyLimit` bytes) is
/// copied into one array rather than kept as the request's own strings and arrays: an entry
/// lives for thousands of requests, and freeing one then meant a handful of cold objects, each a
/// cache miss on the request path that recorded a new entry (and a malloc header each).
struct JournalEntry: Sendable {
    /// Simulated time the request was handled, in whole milliseconds since 1970.
    let milliseconds: Int64
    let method: String
    /// The verified claims of the request's bearer token; nil without one or when it does not verify.
    let caller: JournalCaller?
    let bodyTruncated: Bool
    let status: Int
    let responseBodySize: Int
    /// How long the app took to answer (from `PartnerCenterApp.handle`'s start to its end).
    let durationMs: Double
    let dropped: Bool

    /// path, query, requestId, correlationId, errorCode, fault (each a range of `text`; the last
    /// four may be absent), the headers as length-prefixed names and values, then the body when
    /// it is small.
    private let text: [UInt8]
    private let layout: Layout
    /// A body over `inlineBodyLimit` (at most `RequestJournal.bodyLimit` bytes), shared with the request.
    private let largeBody: [UInt8]?

    /// Bodies up to this size are copied into the entry's text; larger ones are shared.
    static let inlineBodyLimit = 2048

    private struct Layout: Sendable {
        var pathEnd: UInt32 = 0
        var queryEnd: UInt32 = 0
        var requestIdEnd: UInt32 = 0
        var correlationIdEnd: UInt32 = 0
        var errorCodeEnd: UInt32 = 0
        var faultEnd: UInt32 = 0
        var headersEnd: UInt32 = 0
        /// Which of requestId, correlationId, errorCode, fault are present (bits 0 to 3).
        var present: UInt8 = 0
    }

    init(milliseconds: Int64, method: String, path: String, query: String,
         headers: some Sequence<(name: String, value: String)>, caller: JournalCaller?, body: [UInt8], bodyTruncated: Bool,
         status: Int, errorCode: String?, responseBodySize: Int, durationMs: Double, requestId: String?,
         correlationId: String?, fault: String?, dropped: Bool) {
        self.milliseconds = milliseconds
        self.method = method
        self.caller = caller
        self.bodyTruncated = bodyTruncated
        self.status = status
        self.responseBodySize = responseBodySize
        self.durationMs = durationMs
        self.dropped = dropped
        let inlineBody = body.count <= Self.inlineBodyLimit
        largeBody = inlineBody ? nil : body
        var size = path.utf8.count + query.utf8.count + (requestId?.utf8.count ?? 0) + (correlationId?.utf8.count ?? 0)
            + (errorCode?.utf8.count ?? 0) + (fault?.utf8.count ?? 0) + (inlineBody ? body.count : 0)
        for header in headers { size += 8 + header.name.utf8.count + header.value.utf8.count }
        var layout = Layout()
        // Written through a pointer into storage of the exact size: Array's append, byte by
        // byte or from a UTF8View, cost several hundred instructions a field.
        text = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var writer = Writer(buffer)
            writer.put(path)
            layout.pathEnd = writer.end
            writer.put(query)
            layout.queryEnd = writer.end
            func put(_ value: String?, bit: UInt8) -> UInt32 {
                if let value {
                    writer.put(value)
                    layout.present |= 1 << bit
                }
                return writer.end
            }
            layout.requestIdEnd = put(requestId, bit: 0)
            layout.correlationIdEnd = put(correlationId, bit: 1)
            layout.errorCodeEnd = put(errorCode, bit: 2)
            layout.faultEnd = put(fault, bit: 3)
            for header in headers {
                writer.putPrefixed(header.name)
                writer.putPrefixed(header.value)
            }
            layout.headersEnd = writer.end
            if inlineBody { body.withUnsafeBufferPointer { writer.put($0) } }
            initialized = writer.position
        }
        self.layout = layout
    }

    /// Fills the entry's text, whose size was counted from the same fields.
    private struct Writer {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var position = 0

        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
            self.buffer = buffer
        }

        var end: UInt32 { UInt32(truncatingIfNeeded: position) }

        /// Never past the end: a sequence of headers that changed between the two passes would
        /// cut the text short rather than overrun it.
        mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            let count = min(bytes.count, buffer.count - position)
            guard let source = bytes.baseAddress, let target = buffer.baseAddress, count > 0 else { return }
            (target + position).initialize(from: source, count: count)
            position += count
        }

        mutating func put(_ string: String) {
            if string.utf8.withContiguousStorageIfAvailable({ put($0) }) == nil {
                Array(string.utf8).withUnsafeBufferPointer { put($0) }
            }
        }

        /// A little-endian UInt32 length, then the bytes.
        mutating func putPrefixed(_ string: String) {
            var count = UInt32(truncatingIfNeeded: string.utf8.count).littleEndian
            withUnsafeBytes(of: &count) { put($0.assumingMemoryBound(to: UInt8.self)) }
            put(string)
        }
    }

    // MARK: Reading it back

    private func slice(_ start: UInt32, _ end: UInt32) -> ArraySlice<UInt8> { text[Int(start)..<Int(end)] }
    private func string(_ start: UInt32, _ end: UInt32) -> String { String(decoding: slice(start, end), as: UTF8.self) }
    private func optional(_ bit: UInt8, _ start: UInt32, _ end: UInt32) -> String? {
        layout.present & (1 << bit) == 0 ? nil : string(start, end)
    }

    /// Percent-decoded, without the query.
    var path: String { string(0, layout.pathEnd) }
    var pathBytes: ArraySlice<UInt8> { slice(0, layout.pathEnd) }
    /// The raw query string, "" when none.
    var query: String { string(layout.pathEnd, layout.queryEnd) }
    var requestId: String? { optional(0, layout.queryEnd, layout.requestIdEnd) }
    var correlationId: String? { optional(1, layout.requestIdEnd, layout.correlationIdEnd) }
    /// nil when the request had none, else its bytes (filters compare them without a String).
    var correlationIdBytes: ArraySlice<UInt8>? {
        layout.present & 2 == 0 ? nil : slice(layout.requestIdEnd, layout.correlationIdEnd)
    }
    /// The Partner Center error code of an error answer (the response's `errorCode` log field).
    var errorCode: String? { optional(2, layout.correlationIdEnd, layout.errorCodeEnd) }
    /// The fault rule that answered or dropped the request (the response's `fault` log field).
    var fault: String? { optional(3, layout.errorCodeEnd, layout.faultEnd) }

    /// As sent, in order, sensitive values redacted.
    var headers: [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        var index = Int(layout.faultEnd)
        let end = min(Int(layout.headersEnd), text.count)
        /// The next length-prefixed string; nil at the end (or if the text was cut short).
        func next() -> String? {
            guard index + 4 <= end else { return nil }
            let count = text[index..<index + 4].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            guard count <= end - index - 4 else { return nil }
            defer { index += 4 + count }
            return String(decoding: text[(index + 4)..<(index + 4 + count)], as: UTF8.self)
        }
        while let name = next(), let value = next() {
            headers.append((name, value))
        }
        return headers
    }

    /// At most `RequestJournal.bodyLimit` bytes of the request body.
    var body: [UInt8] { largeBody ?? Array(text[Int(layout.headersEnd)...]) }

    /// What the journal's byte budget is charged: the text, a large body, and a fixed part for
    /// the entry, its record and their allocations (`fixedCost`).
    var cost: Int { Self.fixedCost + text.count + (largeBody?.count ?? 0) }

    /// The entry's own fields, the record object and the text array's header, with malloc's.
    static let fixedCost = 256
}

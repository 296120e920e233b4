import Foundation
import HTTP
import JSON

/// Which journal entries `GET /_sim/requests` and `POST /_sim/requests/count` answer: every
/// given filter must match (none given matches all). Read from the query or from a JSON body
/// with the same names; a bad value, an unknown name or a repeated one is 400 800002 naming
/// the parameter, so a misspelt filter never silently matches everything.
struct JournalFilter: Sendable, Equatable {
    /// Uppercased; compared with the request method.
    var method: String?
    /// Lowercased; a prefix of the path compared ignoring ASCII case, as routes match.
    var pathPrefix: String?
    var status: StatusFilter?
    /// Lowercased GUID; the tenant of the caller's verified token.
    var tenantId: String?
    /// Compared ignoring case (correlation ids are GUIDs however a client formats them).
    var correlationId: String?
    /// Milliseconds since 1970, inclusive at both ends.
    var since: Int64?
    var until: Int64?
    /// Whether the connection was dropped instead of answered (a fault rule's drop), so a suite
    /// can count the drops its client had to recover from.
    var dropped: Bool?

    enum StatusFilter: Sendable, Equatable {
        case exactly(Int)
        /// `4xx`: the hundred this digit starts.
        case hundred(Int)

        func matches(_ status: Int) -> Bool {
            switch self {
            case .exactly(let code): status == code
            case .hundred(let digit): status / 100 == digit
            }
        }
    }

    static let names = ["method", "pathPrefix", "status", "tenantId", "correlationId", "since", "until", "dropped"]
    /// What unknown names are told (the GET also takes `limit`).
    private static func known(_ extra: [String]) -> String { (names + extra).joined(separator: ", ") }

    init() {}

    /// The filters of a query string; `limit` is the GET's page size, which it checks itself.
    init(query items: [(name: String, value: String)], also extra: [String] = []) throws(APIError) {
        var seen: Set<String> = []
        for item in items {
            guard let name = (Self.names + extra).first(where: { $0.caseInsensitiveCompare(item.name) == .orderedSame }) else {
                throw APIError.invalidField(item.name, "is not a filter; the filters are \(Self.known(extra))")
            }
            guard seen.insert(name).inserted else { throw APIError.invalidField(name, "is given more than once") }
            if extra.contains(name) { continue }
            try set(name, text: item.value)
        }
    }

    /// The filters of a JSON object (`POST /_sim/requests/count`); `status` may be a number.
    /// A member set to null is no filter, as everywhere in the API.
    init(body: JSONObject) throws(APIError) {
        var seen: Set<String> = []
        for member in body {
            guard let name = Self.names.first(where: { $0.caseInsensitiveCompare(member.key) == .orderedSame }) else {
                throw APIError.invalidField(member.key, "is not a filter; the filters are \(Self.known([]))")
            }
            guard seen.insert(name).inserted else { throw APIError.invalidField(name, "is given more than once") }
            switch member.value {
            case .null:
                continue
            case .string(let text):
                try set(name, text: text)
            case .bool(let value) where name == "dropped":
                dropped = value
            case .int(let number) where name == "status":
                guard let code = Int(exactly: number), (100...599).contains(code) else { throw Self.badStatus() }
                status = .exactly(code)
            default:
                throw APIError.invalidField(name, name == "status" ? "must be a status code or a class such as 4xx"
                                                : name == "dropped" ? "must be true or false" : "must be a string")
            }
        }
    }

    private mutating func set(_ name: String, text: String) throws(APIError) {
        // Present means a filter: an empty value is refused rather than read as "no filter".
        guard !text.isEmpty else { throw APIError.invalidField(name, "must not be empty") }
        switch name {
        case "method":
            guard text.utf8.count <= 32, text.utf8.allSatisfy({ Self.isLetter($0) }) else {
                throw APIError.invalidField(name, "must be an HTTP method such as GET or POST")
            }
            method = text.uppercased()
        case "pathPrefix":
            guard text.hasPrefix("/") else { throw APIError.invalidField(name, "must start with /") }
            guard text.unicodeScalars.count <= Self.maximumPathPrefix else {
                throw APIError.invalidField(name, "must be at most \(Self.maximumPathPrefix) characters")
            }
            pathPrefix = Self.asciiLowercased(text)
        case "status":
            status = try Self.status(text)
        case "tenantId":
            guard UUID(uuidString: text) != nil else { throw APIError.invalidField(name, "must be a GUID") }
            tenantId = text.lowercased()
        case "correlationId":
            guard text.unicodeScalars.count <= 256 else { throw APIError.invalidField(name, "must be at most 256 characters") }
            correlationId = Self.asciiLowercased(text)
        case "dropped":
            switch text {
            case "true": dropped = true
            case "false": dropped = false
            default: throw APIError.invalidField(name, "must be true or false")
            }
        case "since", "until":
            let date = try Body.date(text, field: name, problem: "must be an ISO 8601 time such as 2026-01-05T09:00:00.000Z")
            let milliseconds = Timestamp.nearestMilliseconds(date)
            if name == "since" { since = milliseconds } else { until = milliseconds }
        default:
            break   // `names` lists exactly the cases above
        }
    }

    static let maximumPathPrefix = 2048

    private static func status(_ text: String) throws(APIError) -> StatusFilter {
        let bytes = Array(text.utf8)
        guard bytes.count == 3, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(bytes[0]) else { throw badStatus() }
        let hundred = Int(bytes[0] - UInt8(ascii: "0"))
        if bytes[1] | 0x20 == UInt8(ascii: "x") && bytes[2] | 0x20 == UInt8(ascii: "x") { return .hundred(hundred) }
        guard let code = Int(text), (100...599).contains(code) else { throw badStatus() }
        return .exactly(code)
    }

    private static func badStatus() -> APIError {
        APIError.invalidField("status", "must be a status code from 100 to 599 (429) or a class from 1xx to 5xx (4xx)")
    }

    func matches(_ entry: JournalEntry) -> Bool {
        if let method, entry.method != method { return false }
        if let status, !status.matches(entry.status) { return false }
        if let dropped, entry.dropped != dropped { return false }
        if let since, entry.milliseconds < since { return false }
        if let until, entry.milliseconds > until { return false }
        if let tenantId, entry.caller?.tenantId != tenantId { return false }
        if let correlationId {
            guard let given = entry.correlationIdBytes, given.count == correlationId.utf8.count,
                  Self.hasPrefixIgnoringASCIICase(given, lowercasedPrefix: correlationId) else { return false }
        }
        if let pathPrefix, !Self.hasPrefixIgnoringASCIICase(entry.pathBytes, lowercasedPrefix: pathPrefix) { return false }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    /// ASCII letters lowercased, everything else as it is (routes ignore ASCII case only).
    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether `text` starts with `prefix` (already lowercased), ASCII letters compared ignoring case.
    static func hasPrefixIgnoringASCIICase(_ text: some Sequence<UInt8>, lowercasedPrefix prefix: String) -> Bool {
        var remaining = text.makeIterator()
        for wanted in prefix.utf8 {
            guard let byte = remaining.next() else { return false }
            let folded = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
            guard folded == wanted else { return false }
        }
        return true
    }
}

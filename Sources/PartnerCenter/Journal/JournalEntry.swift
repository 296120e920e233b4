/// One request as the journal keeps it: the values the request and its response already had,
/// shared rather than copied or encoded (the record step runs on every request; rendering to
/// JSON waits for `GET /_sim/requests`). Secrets are gone before an entry exists: the
/// Authorization and X-Admin-Key values and a token request's secret form fields
/// (`JournalRedaction`).
struct JournalEntry: Sendable {
    /// Simulated time the request was handled, in whole milliseconds since 1970.
    let milliseconds: Int64
    let method: String
    let path: String
    /// The raw query string, "" when none.
    let query: String
    /// As sent, in order, sensitive values redacted.
    let headers: [(name: String, value: String)]
    /// The verified claims of the request's bearer token; nil without one or when it does not verify.
    let caller: Principal?
    /// At most `RequestJournal.bodyLimit` bytes of the request body.
    let body: [UInt8]
    let bodyTruncated: Bool
    let status: Int
    /// The Partner Center error code of an error answer (the response's `errorCode` log field).
    let errorCode: String?
    let responseBodySize: Int
    /// How long the app took to answer (from `PartnerCenterApp.handle`'s start to its end).
    let durationMs: Double
    let requestId: String?
    let correlationId: String?
    /// The fault rule that answered or dropped the request (the response's `fault` log field).
    let fault: String?
    let dropped: Bool

    /// The bytes the entry holds beyond its fixed part, plus that part (`fixedCost`): what the
    /// journal's byte budget is charged.
    var cost: Int {
        var bytes = Self.fixedCost + method.utf8.count + path.utf8.count + query.utf8.count + body.count
        for header in headers { bytes += header.name.utf8.count + header.value.utf8.count + Self.headerCost }
        if let caller { bytes += caller.tenantId.utf8.count + caller.objectId.utf8.count }
        bytes += (requestId?.utf8.count ?? 0) + (correlationId?.utf8.count ?? 0) + (errorCode?.utf8.count ?? 0)
            + (fault?.utf8.count ?? 0)
        return bytes
    }

    /// The entry's own fields, the ring slot and the string and array headers they point to.
    static let fixedCost = 384
    /// A header pair's two string headers in the array.
    static let headerCost = 32
}

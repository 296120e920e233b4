import Foundation
import HTTP
import SQLite

enum AuditRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/v1/auditrecords", .roles(Role.partnerRoles), summary: "The caller's audit records",
                 .read(list)),
    ]

    /// How far back records can be asked for: the documented 90 days (a start before that is 400).
    static let retention: TimeInterval = 90 * 86_400

    /// GET /v1/auditrecords?startDate=&endDate=&filter=: the last 30 days unless a window is given.
    static func list(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        _ = try request.caller
        let start = try date(request, "startDate") ?? request.now.addingTimeInterval(-30 * 86_400)
        let end = try date(request, "endDate") ?? request.now.addingTimeInterval(1)
        guard start <= end else { throw APIError.invalidField("startDate", "must not be after endDate") }
        guard start >= request.now.addingTimeInterval(-retention) else {
            throw APIError.invalidField("startDate", "must be within the last 90 days")
        }
        let filter = try AuditRecordFilter(request.query("filter"))
        let page = try Page(request)
        let found = try AuditRecords.list(from: start, to: end, filter: filter, page: page, request.operation, db)
        return .ok(try page.collection(found.items.map { AuditRecord($0.row, customerName: $0.customerName) },
                                       totalCount: found.totalCount, selfURI: "/auditrecords"))
    }

    /// A date as the SDKs send it: ISO 8601, a date alone, or .NET's invariant
    /// `M/d/yyyy h:mm:ss tt` (`6/1/2017 12:00:00 AM`, the documented request), read as UTC.
    private static func date(_ request: RequestContext, _ name: String) throws(APIError) -> Date? {
        guard let text = request.query(name) else { return nil }
        if let date = AuditDates.usInvariant(text) {
            guard InputLimits.dateRange.contains(date) else {
                throw APIError.invalidField(name, "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z")
            }
            return date
        }
        return try Body.date(text, field: name, problem: "must be an ISO 8601 date or M/d/yyyy h:mm:ss AM|PM")
    }
}

import Foundation
import JSON
import SQLite

/// GET /v1/auditrecords?startDate=&endDate=: the calling partner's own audit records.
enum AuditRecords {
    static func list(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let tenantId = try context.caller.tenantId
        let start = try context.dateQuery("startDate") ?? context.now.addingTimeInterval(-30 * 86_400)
        let end = try context.dateQuery("endDate") ?? context.now.addingTimeInterval(1)
        guard start <= end else { throw APIError.invalidField("startDate", "must not be after endDate") }
        let page = try Page(context)
        let arguments: [(any ValueConvertible)?] = [tenantId, Timestamp.format(start), Timestamp.format(end)]
        let total = try db.count("SELECT count(*) FROM audit_records WHERE tenant_id = ? AND created_at >= ? AND created_at <= ?", arguments)
        let rows = try db.query("""
            SELECT * FROM audit_records WHERE tenant_id = ? AND created_at >= ? AND created_at <= ? ORDER BY seq \(Page.limitClause)
            """, page.arguments(arguments))
        return .ok(page.collection(rows.map(AuditLog.render), totalCount: total, selfURI: "/auditrecords"))
    }
}

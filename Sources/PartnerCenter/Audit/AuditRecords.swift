import Foundation
import SQLite

/// Reading the calling partner's own audit records.
enum AuditRecords {
    /// One page of the caller's records created from `start` to `end`, in the order they
    /// were written, and the total.
    static func list(from start: Date, to end: Date, page: Page, _ context: OperationContext,
                     _ db: Connection) throws -> (items: [AuditRow], totalCount: Int) {
        let tenantId = try context.caller.tenantId
        let arguments: [(any ValueConvertible)?] = [tenantId, Timestamp.format(start), Timestamp.format(end)]
        let total = try db.count("SELECT count(*) FROM audit_records WHERE tenant_id = ? AND created_at >= ? AND created_at <= ?", arguments)
        let rows = try db.fetchAll(AuditRow.self, """
            SELECT * FROM audit_records WHERE tenant_id = ? AND created_at >= ? AND created_at <= ? ORDER BY seq \(Page.limitClause)
            """, page.arguments(arguments))
        return (rows, total)
    }
}

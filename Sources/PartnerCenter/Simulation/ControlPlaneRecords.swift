import SQLite

/// The outbox and the audit log as the control plane lists them: every tenant's, filtered
/// by exact column values, newest first.
enum ControlPlaneRecords {
    /// One page of notifications (plus one more when more follow) and the total.
    static func notifications(recipient: String?, kind: String?, tenantId: String?, page: Page,
                              _ db: Connection) throws -> (items: [NotificationRow], totalCount: Int) {
        try filtered(NotificationRow.self, table: "notifications", [
            ("recipient = ?", recipient), ("kind = ?", kind), ("recipient_tenant_id = ?", tenantId),
        ], page, db)
    }

    /// One page of audit records (plus one more when more follow) and the total.
    static func auditRecords(tenantId: String?, operation: String?, resourceType: String?, resourceId: String?, page: Page,
                             _ db: Connection) throws -> (items: [AuditRow], totalCount: Int) {
        try filtered(AuditRow.self, table: "audit_records", [
            ("tenant_id = ?", tenantId), ("operation = ?", operation),
            ("resource_type = ?", resourceType), ("resource_id = ?", resourceId),
        ], page, db)
    }

    /// `filters` pair a condition with its value; a nil value leaves the condition out.
    private static func filtered<Row: Decodable>(_ type: Row.Type, table: String, _ filters: [(String, String?)], _ page: Page,
                                                 _ db: Connection) throws -> (items: [Row], totalCount: Int) {
        let active = filters.compactMap { filter in filter.1.map { (filter.0, $0) } }
        let whereClause = active.isEmpty ? "" : "WHERE " + active.map(\.0).joined(separator: " AND ")
        let arguments: [(any ValueConvertible)?] = active.map(\.1)
        let total = try db.count("SELECT count(*) FROM \(table) \(whereClause)", arguments)
        let rows = try db.fetchAll(type, "SELECT * FROM \(table) \(whereClause) ORDER BY seq DESC \(Page.limitClause)",
                                   page.arguments(arguments))
        return (rows, total)
    }
}

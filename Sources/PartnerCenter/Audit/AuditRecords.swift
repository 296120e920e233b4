import Foundation
import JSON
import SQLite

/// Reading the calling partner's own audit records.
enum AuditRecords {
    /// A listed record with the name of its customer (nil when it has none, or the customer
    /// is not in this world).
    struct Listed: Sendable {
        let row: AuditRow
        let customerName: String?
    }

    private struct CustomerName: Decodable {
        let customerName: String?
    }

    /// One page of the caller's records created from `start` to `end` that match `filter`, in
    /// the order they were written, and the total.
    static func list(from start: Date, to end: Date, filter: AuditRecordFilter?, page: Page, _ context: OperationContext,
                     _ db: Connection) throws -> (items: [Listed], totalCount: Int) {
        let tenantId = try context.caller.tenantId
        // ?4: company-name fragment; ?5: customer id; ?6: JSON array of recorded resource types.
        var companyName: String?, customerId: String?, resourceTypes: String?
        switch filter {
        case .companyName(let value): companyName = value
        case .customerId(let value): customerId = value
        case .resourceType(let type): resourceTypes = String(decoding: JSON.array(type.recordedNames.map { .string($0) }).serialized(), as: UTF8.self)
        case nil: break
        }
        let from = """
            FROM audit_records a LEFT JOIN customers c ON c.tenant_id = a.customer_id
            WHERE a.tenant_id = ?1 AND a.created_at >= ?2 AND a.created_at <= ?3
                AND (?4 IS NULL OR instr(lower(c.company_name), lower(?4)) > 0)
                AND (?5 IS NULL OR a.customer_id = ?5)
                AND (?6 IS NULL OR lower(a.resource_type) IN (SELECT lower(value) FROM json_each(?6)))
            """
        let arguments: [(any ValueConvertible)?] = [tenantId, Timestamp.format(start), Timestamp.format(end),
                                                    companyName, customerId, resourceTypes]
        let total = try db.count("SELECT count(*) \(from)", arguments)
        let rows = try db.query("SELECT a.*, c.company_name AS customer_name \(from) ORDER BY a.seq \(Page.limitClause)",
                                page.arguments(arguments))
        let items = try rows.map { row in
            Listed(row: try row.decode(AuditRow.self), customerName: try row.decode(CustomerName.self).customerName)
        }
        return (items, total)
    }
}

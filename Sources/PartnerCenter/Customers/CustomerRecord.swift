import Foundation
import SQLite

/// A customer tenant with its CSP region. Columns read straight through (`customer.domain`).
@dynamicMemberLookup
struct CustomerRecord: Sendable {
    let row: CustomerRow
    let region: String

    subscript<Value>(dynamicMember column: KeyPath<CustomerRow, Value>) -> Value { row[keyPath: column] }

    /// The region, selected next to the customer's own columns.
    private struct Region: Decodable {
        let region: String
    }

    static func find(_ tenantId: String, _ db: Connection) throws -> CustomerRecord? {
        guard let row = try db.queryOne("""
            SELECT c.*, r.region FROM customers c JOIN regions r ON r.country_code = c.country WHERE c.tenant_id = ?
            """, [tenantId.lowercased()]) else { return nil }
        return CustomerRecord(row: try row.decode(CustomerRow.self), region: try row.decode(Region.self).region)
    }
}

extension OperationContext {
    /// The customer when the caller has an active relationship with it; 404 otherwise, so a
    /// partner cannot tell a stranger's customer from one that does not exist.
    func visibleCustomer(_ customerId: String, _ db: Connection) throws -> (customer: CustomerRecord, kinds: Set<RelationshipKind>) {
        let caller = try caller
        let kinds = try CustomerRelationships.activeKinds(customer: customerId.lowercased(), partner: caller.tenantId, db)
        guard !kinds.isEmpty, let customer = try CustomerRecord.find(customerId, db) else {
            throw APIError.notFound("The customer")
        }
        return (customer, kinds)
    }
}

import SQLite

/// A customer as one partner sees it: the tenant, the partner's active relationships with
/// it, and the customer's indirect reseller (what the Customer resource renders).
struct PartnerCustomer: Sendable {
    let customer: CustomerRecord
    /// The partner's active relationships with the customer (none once it ended them).
    let relationships: [CustomerRelationshipRow]
    /// The tenant of the customer's first active indirect reseller, if any.
    let associatedReseller: String?

    /// `tenantId` as `partnerId` sees it; 404 when there is no such customer.
    static func find(_ tenantId: String, for partnerId: String, _ db: Connection) throws -> PartnerCustomer {
        guard let customer = try CustomerRecord.find(tenantId, db) else { throw APIError.notFound("The customer") }
        let relationships = try db.fetchAll(CustomerRelationshipRow.self, """
            SELECT * FROM customer_relationships WHERE customer_id = ? AND partner_id = ? AND status = ?
            """, [tenantId, partnerId, RelationshipStatus.active])
        let reseller = try db.fetchOne(String.self, """
            SELECT partner_id FROM customer_relationships WHERE customer_id = ? AND kind = ? AND status = ?
            ORDER BY created_at LIMIT 1
            """, [tenantId, RelationshipKind.indirectReseller, RelationshipStatus.active])
        return PartnerCustomer(customer: customer, relationships: relationships, associatedReseller: reseller)
    }
}

import Foundation
import JSON
import SQLite

/// A customer tenant with its CSP region.
struct CustomerRecord: Sendable {
    let tenantId: String
    let companyName: String
    let domain: String
    let country: String
    let region: String
    let email: String
    let billingProfile: JSON
    let createdAt: String

    static func find(_ tenantId: String, _ db: Connection) throws -> CustomerRecord? {
        guard let row = try db.queryOne("""
            SELECT c.*, r.region FROM customers c JOIN regions r ON r.country_code = c.country WHERE c.tenant_id = ?
            """, [tenantId.lowercased()]) else { return nil }
        return CustomerRecord(row)
    }

    init(_ row: Row) {
        tenantId = row.string("tenant_id") ?? ""
        companyName = row.string("company_name") ?? ""
        domain = row.string("domain") ?? ""
        country = row.string("country") ?? ""
        region = row.string("region") ?? ""
        email = row.string("email") ?? ""
        billingProfile = row.string("billing_profile").flatMap { try? JSON.parse($0) } ?? .object([:])
        createdAt = row.string("created_at") ?? ""
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

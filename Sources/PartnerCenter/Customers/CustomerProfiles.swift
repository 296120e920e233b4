import Foundation
import JSON
import SQLite

/// A customer's company and billing profiles (get-a-customer-s-company-profile,
/// get-all-of-a-customer-s-billing-profiles, update-a-customer-s-billing-profile).
enum CustomerProfiles {
    /// The customer whose profiles the caller reads; 404 unless the caller has an active
    /// relationship with it.
    static func customer(_ customerId: String, _ context: OperationContext, _ db: Connection) throws -> CustomerRecord {
        try context.visibleCustomer(customerId, db).customer
    }

    /// Replaces the billing profile. Only a partner with admin privileges on the customer may:
    /// an extension provider sees the shared profile but has none (CUS-5), and a partner whose
    /// privileges were revoked (CUS-7, CUS-8) keeps reading only; both get 403. The profile's
    /// e-mail is the customer's, where every partner's invitations and consent mails go, so a
    /// reader must not redirect it. `update` is read once the caller may write. The country
    /// cannot change: the customer's CSP region follows it (GEN-1), and every relationship and
    /// subscription was made in that region. Returns the customer as now stored.
    static func updateBilling(customer customerId: String, _ update: @autoclosure () throws -> BillingProfileUpdate,
                              _ context: OperationContext, _ db: Connection) throws -> CustomerRecord {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(customerId, db)
        guard try hasAdminAccess(customer: customer.tenantId, partner: partnerId, db) else {
            throw APIError.forbidden("Only a partner with admin privileges on the customer can change its billing profile.")
        }
        let update = try update()
        guard update.country == customer.country else {
            throw APIError.invalidField("defaultAddress.country", "cannot change: the customer's country is \(customer.country)")
        }
        try CustomerStore.updateBillingProfile(customer.tenantId, profile: update.profile, email: update.email, db)
        try context.audit(db, "UpdateCustomerBillingProfile", resourceType: "Customer", resourceId: customer.tenantId,
                          tenants: [partnerId], customerId: customer.tenantId)
        guard let updated = try CustomerRecord.find(customer.tenantId, db) else { throw APIError.notFound("The customer") }
        return updated
    }

    /// Whether one of the partner's active relationships with the customer grants admin access.
    private static func hasAdminAccess(customer: String, partner: String, _ db: Connection) throws -> Bool {
        try db.queryOne("""
            SELECT 1 FROM customer_relationships WHERE customer_id = ? AND partner_id = ? AND status = ? AND admin_access = 1 LIMIT 1
            """, [customer, partner, RelationshipStatus.active]) != nil
    }
}

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

    /// Replaces the billing profile. `update` is read once the customer is found. The country
    /// cannot change: the customer's CSP region follows it (GEN-1), and every relationship and
    /// subscription was made in that region. Returns the customer as now stored.
    static func updateBilling(customer customerId: String, _ update: @autoclosure () throws -> BillingProfileUpdate,
                              _ context: OperationContext, _ db: Connection) throws -> CustomerRecord {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(customerId, db)
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
}

import JSON
import SQLite

/// The one writer of `customers` and `customer_agreements` (the API's operations and the
/// world loader).
enum CustomerStore {
    static func insert(_ row: CustomerRow, _ db: Connection) throws {
        try db.insert(row, into: "customers")
    }

    /// A new billing profile (PUT .../profiles/billing); a new contact e-mail becomes the
    /// customer's e-mail too (the address its invitations and notices go to).
    static func updateBillingProfile(_ tenantId: String, profile: JSONObject, email: String?, _ db: Connection) throws {
        var columns: [(String, (any ValueConvertible)?)] = [("billing_profile", JSON.object(profile))]
        if let email { columns.append(("email", email)) }
        try db.update("customers", set: columns, where: "tenant_id = ?", [tenantId])
    }

    /// Records a Microsoft Customer Agreement acceptance (CUS-6).
    static func insertAgreement(_ row: CustomerAgreementRow, _ db: Connection) throws {
        try db.insert(row, into: "customer_agreements")
    }
}

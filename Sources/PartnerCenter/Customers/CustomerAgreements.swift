import Foundation
import JSON
import SQLite

/// Microsoft Customer Agreement acceptances (CUS-6). An acceptance in the admin center counts
/// for every partner; an attestation counts only for the partner that made it, so it does
/// not carry over to a new indirect provider.
enum CustomerAgreements {
    /// Whether the customer's MCA is valid for transactions through `partnerId`.
    static func isAccepted(customer: String, through partnerId: String, _ db: Connection) throws -> Bool {
        try db.queryOne("""
            SELECT 1 FROM customer_agreements WHERE customer_id = ? AND (method = ? OR partner_id = ?) LIMIT 1
            """, [customer, AgreementMethod.adminCenter, partnerId]) != nil
    }

    /// The acceptances of `types` that count for the caller, oldest first, and the customer's
    /// tenant id. Only MCA acceptances are recorded, so a selection without the MCA (the
    /// documented default, the Microsoft Cloud Agreement) lists none.
    static func list(customer customerId: String, types: @autoclosure () throws -> [AgreementType], _ context: OperationContext,
                     _ db: Connection) throws -> (items: [CustomerAgreementRow], customerId: String) {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(customerId, db)
        guard try types().contains(.microsoftCustomerAgreement) else { return ([], customer.tenantId) }
        let agreements = try db.fetchAll(CustomerAgreementRow.self, """
            SELECT * FROM customer_agreements WHERE customer_id = ? AND (method = ? OR partner_id = ?) ORDER BY accepted_at
            """, [customer.tenantId, AgreementMethod.adminCenter, partnerId])
        return (agreements, customer.tenantId)
    }

    /// The caller attests the customer's acceptance. `attestation` is read once the customer
    /// is found, as the API always answered.
    static func attest(customer customerId: String, _ attestation: @autoclosure () throws -> AgreementAttestationInput,
                       _ context: OperationContext, _ db: Connection) throws -> CustomerAgreementRow {
        let caller = try context.caller
        let partnerId = caller.tenantId
        let (customer, _) = try context.visibleCustomer(customerId, db)
        let attestation = try attestation()
        let agreement = CustomerAgreementRow(id: context.ids.guid(), customerId: customer.tenantId, method: .partnerAttestation,
                                             partnerId: partnerId, signerEmail: attestation.email, signerName: attestation.signerName,
                                             acceptedAt: attestation.dateAgreed.map(Timestamp.format) ?? context.nowText,
                                             signerPhone: attestation.phoneNumber, userId: caller.objectId)
        try CustomerStore.insertAgreement(agreement, db)
        try context.audit(db, "AttestCustomerAgreement", resourceType: "Agreement", resourceId: agreement.id, tenants: [partnerId],
                          customerId: customer.tenantId, details: ["method": .string(AgreementMethod.partnerAttestation.rawValue)])
        return agreement
    }

    /// The customer accepts in the Microsoft 365 admin center; this acceptance is kept across
    /// partners (CUS-6).
    static func acceptInAdminCenter(customer customerId: String, _ context: OperationContext,
                                    _ db: Connection) throws -> CustomerAgreementRow {
        let caller = try context.caller
        let customerId = customerId.lowercased()
        guard caller.tenantId == customerId, let customer = try CustomerRecord.find(customerId, db) else {
            throw APIError.notFound("The customer")
        }
        let agreement = CustomerAgreementRow(id: context.ids.guid(), customerId: customer.tenantId, method: .adminCenter, partnerId: nil,
                                             signerEmail: customer.email, signerName: "", acceptedAt: context.nowText)
        try CustomerStore.insertAgreement(agreement, db)
        try context.audit(db, "AcceptCustomerAgreement", resourceType: "Agreement", resourceId: agreement.id,
                          tenants: try partners(of: customer.tenantId, db), customerId: customer.tenantId,
                          details: ["method": .string(AgreementMethod.adminCenter.rawValue)])
        return agreement
    }

    /// Whether the customer accepted the MCA itself, in the admin center (the real API's
    /// "direct signing"), for a caller with an active relationship with it.
    static func isDirectlySigned(customer customerId: String, _ context: OperationContext, _ db: Connection) throws -> Bool {
        let (customer, _) = try context.visibleCustomer(customerId, db)
        return try db.queryOne("SELECT 1 FROM customer_agreements WHERE customer_id = ? AND method = ? LIMIT 1",
                               [customer.tenantId, AgreementMethod.adminCenter]) != nil
    }

    private static func partners(of customer: String, _ db: Connection) throws -> [String] {
        try db.fetchAll(String.self, "SELECT DISTINCT partner_id FROM customer_relationships WHERE customer_id = ? AND status = ?",
                        [customer, RelationshipStatus.active])
    }
}

import Foundation
import JSON
import SQLite

/// Microsoft Customer Agreement acceptances (CUS-6). An acceptance in the admin center counts
/// for every partner; an attestation counts only for the partner that made it, so it does
/// not carry over to a new indirect provider.
enum CustomerAgreements {
    static let agreementType = "MicrosoftCustomerAgreement"
    static let templateId = "117a77b0-9360-443b-8795-c6dedc750cf9"

    /// Whether the customer's MCA is valid for transactions through `partnerId`.
    static func isAccepted(customer: String, through partnerId: String, _ db: Connection) throws -> Bool {
        try db.queryOne("""
            SELECT 1 FROM customer_agreements WHERE customer_id = ? AND (method = 'AdminCenter' OR partner_id = ?) LIMIT 1
            """, [customer, partnerId]) != nil
    }

    /// GET /v1/customers/{cid}/agreements: the acceptances that count for the caller.
    static func list(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        if let type = context.query("agreementType"), !type.isEmpty,
           type.caseInsensitiveCompare(agreementType) != .orderedSame, type != "*" {
            throw APIError.invalidField("agreementType", "only MicrosoftCustomerAgreement is simulated")
        }
        let rows = try db.query("""
            SELECT * FROM customer_agreements WHERE customer_id = ? AND (method = 'AdminCenter' OR partner_id = ?) ORDER BY accepted_at
            """, [customer.tenantId, partnerId])
        return .ok(try Page(context).collection(all: rows.map(render), selfURI: "/customers/\(customer.tenantId)/agreements"))
    }

    /// POST /v1/customers/{cid}/agreements: the caller attests the customer's acceptance.
    static func attest(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        let body = try context.body()
        if let type = try body.optionalString("agreementType"), type.caseInsensitiveCompare(agreementType) != .orderedSame {
            throw APIError.invalidField("agreementType", "must be MicrosoftCustomerAgreement")
        }
        let contact = try body.object("primaryContact")
        let email = try contact.string("email", maxLength: InputLimits.emailLength)
        guard ContactEmail.domain(of: email) != nil else { throw APIError.invalidField("primaryContact.email", "is not an e-mail address") }
        let name = [try contact.optionalString("firstName", maxLength: InputLimits.nameLength),
                    try contact.optionalString("lastName", maxLength: InputLimits.nameLength)].compactMap { $0 }.joined(separator: " ")
        let agreed = try body.optionalDate("dateAgreed").map(Timestamp.format) ?? context.nowText
        let id = context.services.ids.guid()
        try db.run("""
            INSERT INTO customer_agreements (id, customer_id, method, partner_id, signer_email, signer_name, accepted_at)
            VALUES (?, ?, 'PartnerAttestation', ?, ?, ?, ?)
            """, [id, customer.tenantId, partnerId, email, name, agreed])
        try context.audit(db, "AttestCustomerAgreement", resourceType: "Agreement", resourceId: id, tenants: [partnerId],
                          customerId: customer.tenantId, details: ["method": "PartnerAttestation"])
        guard let row = try db.queryOne("SELECT * FROM customer_agreements WHERE id = ?", [id]) else { throw APIError.notFound("The agreement") }
        return .created(render(row))
    }

    /// POST /portal/customers/{cid}/agreements/mca: the customer accepts in the Microsoft 365
    /// admin center; this acceptance is kept across partners (CUS-6).
    static func acceptInAdminCenter(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let caller = try context.caller
        let customerId = context.pathParameter("customerId").lowercased()
        guard caller.tenantId == customerId, let customer = try CustomerRecord.find(customerId, db) else {
            throw APIError.notFound("The customer")
        }
        let id = context.services.ids.guid()
        try db.run("""
            INSERT INTO customer_agreements (id, customer_id, method, signer_email, accepted_at) VALUES (?, ?, 'AdminCenter', ?, ?)
            """, [id, customer.tenantId, customer.email, context.nowText])
        try context.audit(db, "AcceptCustomerAgreement", resourceType: "Agreement", resourceId: id,
                          tenants: try partners(of: customer.tenantId, db), customerId: customer.tenantId, details: ["method": "AdminCenter"])
        guard let row = try db.queryOne("SELECT * FROM customer_agreements WHERE id = ?", [id]) else { throw APIError.notFound("The agreement") }
        return .created(render(row))
    }

    private static func partners(of customer: String, _ db: Connection) throws -> [String] {
        try db.query("SELECT DISTINCT partner_id FROM customer_relationships WHERE customer_id = ? AND status = 'Active'", [customer])
            .compactMap { $0.string("partner_id") }
    }

    static func render(_ row: Row) -> JSON {
        let names = (row.string("signer_name") ?? "").split(separator: " ", maxSplits: 1).map(String.init)
        return Links.resource([
            "id": JSON(row.string("id")),
            "agreementType": .string(agreementType),
            "templateId": .string(templateId),
            "dateAgreed": JSON(row.string("accepted_at")),
            "acceptanceMethod": JSON(row.string("method")),
            "partnerTenantId": JSON(row.string("partner_id")),
            "primaryContact": .object([
                "email": JSON(row.string("signer_email")),
                "firstName": JSON(names.first),
                "lastName": JSON(names.count > 1 ? names[1] : nil),
            ]),
        ], objectType: "Agreement")
    }
}

import JSON
import SQLite

/// The one writer of `transfer_forms` and `transfer_form_claims`.
enum TransferFormStore {
    /// A subscription on an open form (Draft to Submitted): on at most one.
    private struct Claim: Encodable {
        let subscriptionId: String
        let formId: String
    }

    static func insert(_ form: TransferFormRecord, _ db: Connection) throws {
        try db.insert(form, into: "transfer_forms")
    }

    /// The primary key refuses a subscription already on another open form.
    static func claim(_ subscriptionId: String, for formId: String, _ db: Connection) throws {
        try db.insert(Claim(subscriptionId: subscriptionId, formId: formId), into: "transfer_form_claims")
    }

    static func releaseClaims(of formId: String, _ db: Connection) throws {
        try db.run("DELETE FROM transfer_form_claims WHERE form_id = ?", [formId])
    }

    static func setSubscriptions(_ formId: String, _ ids: [String], _ db: Connection) throws {
        try db.update("transfer_forms", set: [("subscription_ids", JSON.array(ids.map { .string($0) }))], where: "id = ?", [formId])
    }

    /// A section's fields as merged; the target's section also names the target partner once
    /// it carries a tenant id.
    static func setDetails(_ formId: String, _ section: TransferFormSection, _ details: JSONObject, targetPartner: String? = nil,
                           _ db: Connection) throws {
        switch section {
        case .source:
            try db.update("transfer_forms", set: [("source_details", JSON.object(details))], where: "id = ?", [formId])
        case .customer:
            try db.update("transfer_forms", set: [("customer_details", JSON.object(details))], where: "id = ?", [formId])
        case .target:
            try db.run("UPDATE transfer_forms SET target_details = ?, target_partner_id = coalesce(?, target_partner_id) WHERE id = ?",
                       [JSON.object(details), targetPartner, formId])
        }
    }

    static func touch(_ formId: String, _ context: OperationContext, _ db: Connection) throws {
        try db.update("transfer_forms", set: [("updated_at", context.nowText)], where: "id = ?", [formId])
    }

    /// AZS-1: sent to the customer.
    static func markSent(_ formId: String, _ context: OperationContext, _ db: Connection) throws {
        try db.update("transfer_forms", set: [("status", TransferFormStatus.sentToCustomer), ("sent_at", context.nowText),
                                              ("updated_at", context.nowText)], where: "id = ?", [formId])
    }

    /// AZS-2: returned by the customer.
    static func markReturned(_ formId: String, _ context: OperationContext, _ db: Connection) throws {
        try db.update("transfer_forms", set: [("status", TransferFormStatus.returned), ("returned_at", context.nowText),
                                              ("updated_at", context.nowText)], where: "id = ?", [formId])
    }

    /// AZS-4: submitted to Azure support.
    static func markSubmitted(_ formId: String, _ context: OperationContext, _ db: Connection) throws {
        try db.update("transfer_forms", set: [("status", TransferFormStatus.submitted), ("submitted_at", context.nowText),
                                              ("updated_at", context.nowText)], where: "id = ?", [formId])
    }

    /// AZS-5: the switch completed or failed; the form's subscriptions are free again.
    static func finish(_ formId: String, as status: TransferFormStatus, _ context: OperationContext, _ db: Connection) throws {
        try db.update("transfer_forms", set: [("status", status), ("updated_at", context.nowText)], where: "id = ?", [formId])
        try releaseClaims(of: formId, db)
    }
}

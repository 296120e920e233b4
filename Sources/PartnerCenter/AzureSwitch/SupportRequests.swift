import Foundation
import JSON
import SQLite

/// Azure support requests carrying a completed transfer form (AZS-4), executed by the
/// Microsoft operator (AZS-5).
enum SupportRequests {
    static let category = "CSP partner switch"

    /// POST /portal/support-requests by the source partner, in the customer's context.
    static func create(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let source = try context.callingPartner(db)
        let body = try context.body()
        let formId = try body.string("transferFormId").lowercased()
        guard let form = try TransferForms.find(formId, db), form.sourcePartnerId == source.tenantId else {
            throw APIError.notFound("The transfer form")
        }
        guard form.status == "Returned" else { throw TransferForms.outOfOrder(form, "submitting to Azure support") }
        // AZS-3: an incomplete form cannot be submitted.
        let missing = form.missingFields
        guard missing.isEmpty else { throw TransferForms.incomplete(missing) }
        try TransferForms.requireTargetRelationship(form, db)
        let id = context.services.ids.guid()
        let title = try body.optionalString("title") ?? "CSP partner switch for customer \(form.customerId)"
        let description = try body.optionalString("description", maxLength: InputLimits.descriptionLength, allowsLineBreaks: true)
            ?? "This is a CSP partner switch. The completed transfer form \(form.id) is attached."
        try db.run("""
            INSERT INTO support_requests (id, form_id, customer_id, source_partner_id, title, description, category, status, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'Open', ?)
            """, [id, form.id, form.customerId, source.tenantId, title, description, category, context.nowText])
        try db.run("UPDATE transfer_forms SET status = 'Submitted', submitted_at = ?, updated_at = ? WHERE id = ?",
                   [context.nowText, context.nowText, form.id])
        try context.notify(db, kind: "SupportRequestOpened", to: source.primaryContactEmail, tenant: source.tenantId,
                           subject: "Azure support request \(id) opened", body: "Microsoft will execute the partner switch.",
                           resourceType: "SupportRequest", resourceId: id)
        try context.audit(db, "CreateSupportRequest", resourceType: "SupportRequest", resourceId: id, tenants: [source.tenantId],
                          customerId: form.customerId, details: ["transferFormId": .string(form.id)])
        return .created(try render(id, db))
    }

    /// POST /portal/support-requests/{id}/execute by MicrosoftSupport: the subscriptions move
    /// from source to target with their Azure subscription ids, all or none; the result is
    /// recorded on the request and sent to the source.
    static func execute(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let id = context.pathParameter("requestId").lowercased()
        guard let row = try db.queryOne("SELECT * FROM support_requests WHERE id = ?", [id]),
              let formId = row.string("form_id"), let form = try TransferForms.find(formId, db) else {
            throw APIError.notFound("The support request")
        }
        guard row.string("status") == "Open" else {
            throw APIError.conflict(ErrorCode.formStepOutOfOrder, "The support request is \(row.string("status") ?? "") and was already executed.")
        }
        guard let targetId = form.targetPartnerId else { throw TransferForms.incomplete(["targetDetails.partnerTenantId"]) }
        var moved: [JSON] = []
        var failure: String?
        for subscriptionId in form.subscriptionIds {
            guard let subscription = try SubscriptionRecord.find(subscriptionId, customer: form.customerId, db),
                  subscription.status == .active, subscription.billingPartnerId == form.sourcePartnerId,
                  subscription.movedToSubscriptionId == nil else {
                failure = "Subscription \(subscriptionId) is no longer an active subscription of the source partner."
                break
            }
            moved.append(["subscriptionId": .string(subscriptionId), "azureSubscriptionId": JSON(subscription.azureSubscriptionId)])
        }
        if (try? TransferForms.requireTargetRelationship(form, db)) == nil {
            failure = failure ?? "The target partner no longer has a reseller relationship with the customer."
        }
        let status: String
        let result: JSON
        if let failure {
            status = "Failed"
            result = ["outcome": "Failed", "reason": .string(failure), "movedSubscriptions": .array([])]
        } else {
            status = "Completed"
            for subscriptionId in form.subscriptionIds {
                // Same subscription, same Azure subscription id: only the partner changes.
                try SubscriptionStore.switchBillingPartner(subscriptionId, to: targetId, db)
                if let azureId = try SubscriptionRecord.find(subscriptionId, customer: form.customerId, db)?.azureSubscriptionId {
                    try RoleAssignmentStore.grant(azureSubscriptionId: azureId, to: targetId, role: "Owner", context.operation, db)
                }
            }
            result = ["outcome": "Completed", "targetPartnerTenantId": .string(targetId), "movedSubscriptions": .array(moved)]
        }
        try db.run("UPDATE support_requests SET status = ?, result = ?, executed_at = ?, executed_by = ? WHERE id = ?",
                   [status, String(decoding: result.serialized(), as: UTF8.self), context.nowText, try context.caller.objectId, id])
        try db.run("UPDATE transfer_forms SET status = ?, updated_at = ? WHERE id = ?", [status == "Completed" ? "Completed" : "Failed",
                                                                                          context.nowText, form.id])
        try db.run("DELETE FROM transfer_form_claims WHERE form_id = ?", [form.id])
        if let source = try PartnerRecord.find(form.sourcePartnerId, db) {
            try context.notify(db, kind: "SupportRequestResult", to: source.primaryContactEmail, tenant: source.tenantId,
                               subject: "Azure support request \(id): partner switch \(status.lowercased())",
                               body: failure ?? "\(moved.count) Azure subscription(s) moved to the new partner. Their role assignments for you remain until the new partner removes them.",
                               resourceType: "SupportRequest", resourceId: id)
        }
        try context.audit(db, "ExecutePartnerSwitch", resourceType: "SupportRequest", resourceId: id,
                          tenants: [form.sourcePartnerId, targetId], customerId: form.customerId, details: result.objectValue ?? [:])
        return .ok(try render(id, db))
    }

    /// GET /portal/support-requests/{id}: the source, the Microsoft operator.
    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let caller = try context.caller
        let id = context.pathParameter("requestId").lowercased()
        guard let row = try db.queryOne("SELECT source_partner_id FROM support_requests WHERE id = ?", [id]),
              caller.has(.microsoftSupport) || row.string("source_partner_id") == caller.tenantId else {
            throw APIError.notFound("The support request")
        }
        return .ok(try render(id, db))
    }

    static func render(_ id: String, _ db: Connection) throws -> JSON {
        guard let row = try db.queryOne("SELECT * FROM support_requests WHERE id = ?", [id]) else { throw APIError.notFound("The support request") }
        return Links.resource([
            "id": .string(id),
            "title": JSON(row.string("title")),
            "description": JSON(row.string("description")),
            "category": JSON(row.string("category")),
            "customerTenantId": JSON(row.string("customer_id")),
            "sourcePartnerTenantId": JSON(row.string("source_partner_id")),
            "attachments": .array([.object(["transferFormId": JSON(row.string("form_id"))])]),
            "status": JSON(row.string("status")),
            "result": row.string("result").flatMap { try? JSON.parse($0) } ?? .null,
            "createdTime": JSON(row.string("created_at")),
            "executedTime": JSON(row.string("executed_at")),
        ], objectType: "SupportRequest", selfURI: "/portal/support-requests/\(id)")
    }
}

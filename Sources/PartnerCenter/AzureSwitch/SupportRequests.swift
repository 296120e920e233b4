import Foundation
import JSON
import SQLite

/// Azure support requests carrying a completed transfer form (AZS-4), executed by the
/// Microsoft operator (AZS-5).
enum SupportRequests {
    static let category = "CSP partner switch"

    /// The source partner submits a returned, complete form, in the customer's context. The
    /// body is read by the route and refused here, after the caller's check (as ever).
    static func create(_ input: Result<SupportRequestInput, APIError>, _ context: OperationContext,
                       _ db: Connection) throws -> SupportRequestRecord {
        let source = try context.callingPartner(db)
        let input = try input.get()
        guard let form = try TransferFormRecord.find(input.transferFormId, db), form.sourcePartnerId == source.tenantId else {
            throw APIError.notFound("The transfer form")
        }
        guard form.status == .returned else { throw TransferForms.outOfOrder(form, "submitting to Azure support") }
        // AZS-3: an incomplete form cannot be submitted.
        let missing = form.missingFields
        guard missing.isEmpty else { throw TransferForms.incomplete(missing) }
        try TransferForms.requireTargetRelationship(form, db)
        let id = context.ids.guid()
        let title = try input.title.get() ?? "CSP partner switch for customer \(form.customerId)"
        let description = try input.description.get()
            ?? "This is a CSP partner switch. The completed transfer form \(form.id) is attached."
        try SupportRequestStore.insert(SupportRequestRecord(
            id: id, formId: form.id, customerId: form.customerId, sourcePartnerId: source.tenantId, title: title,
            description: description, category: category, status: .open, result: nil, createdAt: context.nowText,
            executedAt: nil, executedBy: nil), db)
        try TransferFormStore.markSubmitted(form.id, context, db)
        try context.notify(db, kind: "SupportRequestOpened", to: source.primaryContactEmail, tenant: source.tenantId,
                           subject: "Azure support request \(id) opened", body: "Microsoft will execute the partner switch.",
                           resourceType: "SupportRequest", resourceId: id)
        try context.audit(db, "CreateSupportRequest", resourceType: "SupportRequest", resourceId: id, tenants: [source.tenantId],
                          customerId: form.customerId, details: ["transferFormId": .string(form.id)])
        return try load(id, db)
    }

    /// MicrosoftSupport executes: the subscriptions move from source to target with their
    /// Azure subscription ids, all or none; the result is recorded on the request and sent to
    /// the source.
    static func execute(_ requestId: String, _ context: OperationContext, _ db: Connection) throws -> SupportRequestRecord {
        let id = requestId.lowercased()
        guard let request = try SupportRequestRecord.find(id, db), let form = try TransferFormRecord.find(request.formId, db) else {
            throw APIError.notFound("The support request")
        }
        guard request.status == .open else {
            throw APIError.conflict(ErrorCode.formStepOutOfOrder, "The support request is \(request.status.rawValue) and was already executed.")
        }
        guard let targetId = form.targetPartnerId else { throw TransferForms.incomplete(["\(TransferFormSection.target.member).partnerTenantId"]) }
        var moved: [PartnerSwitchResult.MovedSubscription] = []
        var failure: String?
        for subscriptionId in form.listedSubscriptionIds {
            guard let subscription = try SubscriptionRecord.find(subscriptionId, customer: form.customerId, db),
                  subscription.status == .active, subscription.billingPartnerId == form.sourcePartnerId,
                  subscription.movedToSubscriptionId == nil else {
                failure = "Subscription \(subscriptionId) is no longer an active subscription of the source partner."
                break
            }
            moved.append(PartnerSwitchResult.MovedSubscription(subscriptionId: subscriptionId, azureSubscriptionId: subscription.azureSubscriptionId))
        }
        if (try? TransferForms.requireTargetRelationship(form, db)) == nil {
            failure = failure ?? "The target partner no longer has a reseller relationship with the customer."
        }
        let result: PartnerSwitchResult
        if let failure {
            result = PartnerSwitchResult(outcome: .failed, reason: failure, targetPartnerTenantId: nil, movedSubscriptions: [])
        } else {
            for subscriptionId in form.listedSubscriptionIds {
                // Same subscription, same Azure subscription id: only the partner changes.
                try SubscriptionStore.switchBillingPartner(subscriptionId, to: targetId, db)
                if let azureId = try SubscriptionRecord.find(subscriptionId, customer: form.customerId, db)?.azureSubscriptionId {
                    try RoleAssignmentStore.grant(azureSubscriptionId: azureId, to: targetId, role: "Owner", context, db)
                }
            }
            result = PartnerSwitchResult(outcome: .completed, reason: nil, targetPartnerTenantId: targetId, movedSubscriptions: moved)
        }
        let status = result.outcome
        let resultJSON = try JSONValueEncoder().encode(result)
        try SupportRequestStore.recordResult(id, status, result: resultJSON, by: try context.caller.objectId, context, db)
        try TransferFormStore.finish(form.id, as: status.formStatus, context, db)
        if let source = try PartnerRecord.find(form.sourcePartnerId, db) {
            try context.notify(db, kind: "SupportRequestResult", to: source.primaryContactEmail, tenant: source.tenantId,
                               subject: "Azure support request \(id): partner switch \(status.rawValue.lowercased())",
                               body: failure ?? "\(moved.count) Azure subscription(s) moved to the new partner. Their role assignments for you remain until the new partner removes them.",
                               resourceType: "SupportRequest", resourceId: id)
        }
        try context.audit(db, "ExecutePartnerSwitch", resourceType: "SupportRequest", resourceId: id,
                          tenants: [form.sourcePartnerId, targetId], customerId: form.customerId, details: resultJSON.objectValue ?? [:])
        return try load(id, db)
    }

    /// The source and the Microsoft operator see a request; anyone else gets 404.
    static func get(_ requestId: String, _ context: OperationContext, _ db: Connection) throws -> SupportRequestRecord {
        let caller = try context.caller
        guard let request = try SupportRequestRecord.find(requestId.lowercased(), db),
              caller.has(.microsoftSupport) || request.sourcePartnerId == caller.tenantId else {
            throw APIError.notFound("The support request")
        }
        return request
    }

    private static func load(_ id: String, _ db: Connection) throws -> SupportRequestRecord {
        guard let request = try SupportRequestRecord.find(id, db) else { throw APIError.notFound("The support request") }
        return request
    }
}

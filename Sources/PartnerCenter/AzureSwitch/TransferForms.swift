import Foundation
import JSON
import SQLite

/// The Azure CSP partner-switch transfer form (AZS-1 to AZS-3): the source fills in the
/// subscriptions and its own details and sends it to the customer; the customer, with the
/// target, fills in its own and the target's details and returns it; the source checks it.
/// Bodies arrive as a `Result` (read by the route) and are refused where today's checks
/// read them: after the checks on the caller and the form.
enum TransferForms {
    /// The form when the caller is its source, its customer or its named target (404
    /// otherwise), acting in that capacity: a partner tenant through a partner role, the
    /// customer through CustomerAdmin (403 900150 otherwise).
    static func visible(_ formId: String, _ context: OperationContext, _ db: Connection) throws -> TransferFormRecord {
        let caller = try context.caller
        guard let form = try TransferFormRecord.find(formId, db),
              [form.sourcePartnerId, form.customerId, form.targetPartnerId].contains(caller.tenantId) else {
            throw APIError.notFound("The transfer form")
        }
        let asCustomer = caller.tenantId == form.customerId
        guard asCustomer ? caller.has(.customerAdmin) : caller.hasAny(Role.partnerRoles) else {
            throw APIError.forbidden(asCustomer ? "The customer acts on the form through its CustomerAdmin."
                                                : "A partner acts on the form through a partner role.")
        }
        return form
    }

    static func get(_ formId: String, _ context: OperationContext, _ db: Connection) throws -> TransferFormDetails {
        try TransferFormDetails.load(try visible(formId, context, db).id, db)
    }

    static func outOfOrder(_ form: TransferFormRecord, _ step: String) -> APIError {
        APIError.conflict(ErrorCode.formStepOutOfOrder, "The form is \(form.status.rawValue); \(step) is not possible now.")
    }

    static func incomplete(_ missing: [String]) -> APIError {
        APIError(.badRequest, code: ErrorCode.formIncomplete,
                 "The transfer form is incomplete; missing: \(missing.joined(separator: ", ")).", data: missing.map { .string($0) })
    }

    /// Precondition of the whole path: the target already has a reseller relationship with the customer.
    static func requireTargetRelationship(_ form: TransferFormRecord, _ db: Connection) throws {
        guard let target = form.targetPartnerId, try PartnerRecord.find(target, db) != nil,
              !(try CustomerRelationships.activeKinds(customer: form.customerId, partner: target, db)).isEmpty else {
            throw APIError(.badRequest, code: ErrorCode.targetHasNoRelationship,
                           "The target partner must already have a reseller relationship with the customer.")
        }
    }

    // MARK: AZS-1 source side

    /// The source partner opens a form for one of its customers.
    static func create(_ input: Result<NewTransferFormInput, APIError>, _ context: OperationContext,
                       _ db: Connection) throws -> TransferFormDetails {
        let source = try context.callingPartner(db)
        let input = try input.get()
        let (customer, _) = try context.visibleCustomer(input.customerTenantId, db)
        let form = TransferFormRecord(id: context.ids.guid(), status: .draft, customerId: customer.tenantId, sourcePartnerId: source.tenantId,
                                      targetPartnerId: nil, subscriptionIds: .array([]), sourceDetails: .object([:]),
                                      customerDetails: .object([:]), targetDetails: .object([:]), createdAt: context.nowText,
                                      updatedAt: context.nowText, sentAt: nil, returnedAt: nil, submittedAt: nil)
        try TransferFormStore.insert(form, db)
        try fillSourceSide(form, input.form, source, context, db)
        try context.audit(db, "CreateTransferForm", resourceType: "TransferForm", resourceId: form.id, tenants: [source.tenantId],
                          customerId: customer.tenantId)
        return try TransferFormDetails.load(form.id, db)
    }

    /// Subscriptions and source details, while the form is a Draft.
    private static func fillSourceSide(_ form: TransferFormRecord, _ input: TransferFormInput, _ source: PartnerRecord,
                                       _ context: OperationContext, _ db: Connection) throws {
        if let ids = try input.subscriptionIds.get() {
            try TransferFormStore.releaseClaims(of: form.id, db)
            for (index, subscriptionId) in ids.enumerated() {
                try claim(subscriptionId, field: "subscriptionIds[\(index)]", form: form, source: source, db)
            }
            try TransferFormStore.setSubscriptions(form.id, ids, db)
        }
        if let patch = try input.sourceDetails.get() {
            try TransferFormStore.setDetails(form.id, .source, try merged(form, .source, patch), db)
        }
        try TransferFormStore.touch(form.id, context, db)
    }

    /// Only the source's active Azure CSP subscriptions of this customer, each on one open
    /// form and in no active transfer.
    private static func claim(_ subscriptionId: String, field: String, form: TransferFormRecord, source: PartnerRecord,
                              _ db: Connection) throws {
        guard let subscription = try SubscriptionRecord.find(subscriptionId, customer: form.customerId, db),
              subscription.billingPartnerId == source.tenantId, subscription.movedToSubscriptionId == nil,
              subscription.status == .active, subscription.offer.productType == "AzureLegacy" else {
            throw APIError(.badRequest, code: ErrorCode.notAzureCSPSubscription,
                           "\(field): \(subscriptionId) is not an active Azure CSP subscription of this customer held by the source.",
                           data: [.string(subscriptionId)])
        }
        if let holder = try SubscriptionHold.holder(of: subscriptionId, db) {
            throw APIError.conflict(ErrorCode.subscriptionAlreadyInSwitch, "\(field): \(subscriptionId) is already held by \(holder).")
        }
        try TransferFormStore.claim(subscriptionId, for: form.id, db)
    }

    /// The section as stored with the fields sent laid over it. Its contact e-mail, sent or
    /// kept, must be an address; named by its full path (`sourceDetails.contactEmail`): three
    /// sections have one.
    private static func merged(_ form: TransferFormRecord, _ section: TransferFormSection,
                               _ patch: [(field: String, value: String)]) throws -> JSONObject {
        var result = form.details(section)
        for (field, value) in patch { result[field] = .string(value) }
        if let email = result["contactEmail"]?.stringValue, ContactEmail.domain(of: email) == nil {
            throw APIError.invalidField("\(section.member).contactEmail", "is not an e-mail address")
        }
        return result
    }

    /// PATCH: the source edits a Draft; the customer edits its and the target's details while
    /// the form is with it.
    static func update(_ formId: String, _ input: Result<TransferFormInput, APIError>, _ context: OperationContext,
                       _ db: Connection) throws -> TransferFormDetails {
        let form = try visible(formId, context, db)
        let caller = try context.caller
        let input = try input.get()
        if caller.tenantId == form.sourcePartnerId {
            guard caller.has(.adminAgent) else { throw APIError.forbidden("The source fills in the form as AdminAgent.") }
            guard form.status == .draft else { throw outOfOrder(form, "editing by the source") }
            guard !input.hasCustomerDetails, !input.hasTargetDetails else {
                throw APIError.forbidden("The customer, working with the target partner, fills in the customer and target details.")
            }
            guard let source = try PartnerRecord.find(form.sourcePartnerId, db) else { throw APIError.notFound("The partner") }
            try fillSourceSide(form, input, source, context, db)
        } else if caller.tenantId == form.customerId {
            guard caller.has(.customerAdmin) else { throw APIError.forbidden("The customer fills in the form as CustomerAdmin.") }
            guard form.status == .sentToCustomer else { throw outOfOrder(form, "editing by the customer") }
            guard !input.hasSubscriptionIds, !input.hasSourceDetails else {
                throw APIError.forbidden("Only the source partner fills in the subscriptions and its own details.")
            }
            try fillCustomerSide(form, input, context, db)
        } else {
            throw APIError.forbidden("Only the source partner or the customer fills in the form.")
        }
        try context.audit(db, "UpdateTransferForm", resourceType: "TransferForm", resourceId: form.id,
                          tenants: [form.sourcePartnerId], customerId: form.customerId)
        return try TransferFormDetails.load(form.id, db)
    }

    // MARK: AZS-2 customer side

    private static func fillCustomerSide(_ form: TransferFormRecord, _ input: TransferFormInput, _ context: OperationContext,
                                         _ db: Connection) throws {
        if let patch = try input.customerDetails.get() {
            try TransferFormStore.setDetails(form.id, .customer, try merged(form, .customer, patch), db)
        }
        if let patch = try input.targetDetails.get() {
            let value = try merged(form, .target, patch)
            let target = patch.first { $0.field == "partnerTenantId" }?.value.lowercased()
            if let target {
                guard UUID(uuidString: target) != nil else { throw APIError.invalidField("targetDetails.partnerTenantId", "must be a GUID") }
                guard target != form.sourcePartnerId else {
                    throw APIError(.badRequest, code: ErrorCode.transferSourceEqualsTarget, "The target partner cannot be the source partner.")
                }
                // An unknown tenant is refused here rather than failing the foreign key (500).
                guard try PartnerRecord.find(target, db) != nil else {
                    throw APIError(.badRequest, code: ErrorCode.targetHasNoRelationship,
                                   "targetDetails.partnerTenantId: \(target) is not a partner; the target partner must already have a reseller relationship with the customer.")
                }
            }
            try TransferFormStore.setDetails(form.id, .target, value, targetPartner: target, db)
        }
        try TransferFormStore.touch(form.id, context, db)
    }

    /// AZS-1: the source sends the form to the customer.
    static func send(_ formId: String, _ context: OperationContext, _ db: Connection) throws -> TransferFormDetails {
        let form = try visible(formId, context, db)
        guard try context.caller.tenantId == form.sourcePartnerId else { throw APIError.forbidden("Only the source partner sends the form.") }
        guard form.status == .draft else { throw outOfOrder(form, "sending") }
        let missing = form.missingFields.filter { $0 == "subscriptions" || $0.hasPrefix("\(TransferFormSection.source.member).") }
        guard missing.isEmpty else { throw incomplete(missing) }
        try TransferFormStore.markSent(form.id, context, db)
        guard let customer = try CustomerRecord.find(form.customerId, db) else { throw APIError.notFound("The customer") }
        try context.notify(db, kind: "TransferFormSent", to: customer.email, tenant: customer.tenantId,
                           subject: "Complete the Azure subscription transfer form",
                           body: "Fill in your details and your new partner's, then return form \(form.id) to your current partner.",
                           link: "\(context.baseURL)/portal/transfer-forms/\(form.id)", resourceType: "TransferForm", resourceId: form.id)
        try context.audit(db, "SendTransferForm", resourceType: "TransferForm", resourceId: form.id, tenants: [form.sourcePartnerId],
                          customerId: form.customerId)
        return try TransferFormDetails.load(form.id, db)
    }

    /// AZS-2: the customer returns the completed form.
    static func giveBack(_ formId: String, _ context: OperationContext, _ db: Connection) throws -> TransferFormDetails {
        let form = try visible(formId, context, db)
        guard try context.caller.tenantId == form.customerId else { throw APIError.forbidden("Only the customer returns the form.") }
        guard form.status == .sentToCustomer else { throw outOfOrder(form, "returning") }
        let missing = form.missingFields.filter {
            $0.hasPrefix("\(TransferFormSection.customer.member).") || $0.hasPrefix("\(TransferFormSection.target.member).")
        }
        guard missing.isEmpty else { throw incomplete(missing) }
        try requireTargetRelationship(form, db)
        try TransferFormStore.markReturned(form.id, context, db)
        if let source = try PartnerRecord.find(form.sourcePartnerId, db) {
            try context.notify(db, kind: "TransferFormReturned", to: source.primaryContactEmail, tenant: source.tenantId,
                               subject: "The customer returned transfer form \(form.id)",
                               body: "Check it and submit it to Azure support.", resourceType: "TransferForm", resourceId: form.id)
        }
        try context.audit(db, "ReturnTransferForm", resourceType: "TransferForm", resourceId: form.id,
                          tenants: [form.sourcePartnerId] + (form.targetPartnerId.map { [$0] } ?? []), customerId: form.customerId)
        return try TransferFormDetails.load(form.id, db)
    }
}

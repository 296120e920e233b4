import Foundation
import JSON
import SQLite

/// The Azure CSP partner-switch transfer form (AZS-1 to AZS-3): the source fills in the
/// subscriptions and its own details and sends it to the customer; the customer, with the
/// target, fills in its own and the target's details and returns it; the source checks it.
enum TransferForms {
    static let sourceFields = ["partnerName", "mpnId", "contactName", "contactEmail"]
    static let customerFields = ["companyName", "contactName", "contactEmail"]
    static let targetFields = ["partnerTenantId", "partnerName", "mpnId", "contactEmail"]

    struct Form {
        let id: String
        let status: String
        let customerId: String
        let sourcePartnerId: String
        let targetPartnerId: String?
        let subscriptionIds: [String]
        let sourceDetails: JSONObject
        let customerDetails: JSONObject
        let targetDetails: JSONObject

        init(_ row: Row) {
            id = row.string("id") ?? ""
            status = row.string("status") ?? ""
            customerId = row.string("customer_id") ?? ""
            sourcePartnerId = row.string("source_partner_id") ?? ""
            targetPartnerId = row.string("target_partner_id")
            subscriptionIds = (row.string("subscription_ids").flatMap { try? JSON.parse($0) }?.arrayValue ?? []).compactMap(\.stringValue)
            sourceDetails = row.string("source_details").flatMap { try? JSON.parse($0) }?.objectValue ?? [:]
            customerDetails = row.string("customer_details").flatMap { try? JSON.parse($0) }?.objectValue ?? [:]
            targetDetails = row.string("target_details").flatMap { try? JSON.parse($0) }?.objectValue ?? [:]
        }

        /// AZS-3: every required field, named, that is still empty.
        var missingFields: [String] {
            func missing(_ section: String, _ details: JSONObject, _ fields: [String]) -> [String] {
                fields.filter { (details[$0]?.stringValue ?? "").isEmpty }.map { "\(section).\($0)" }
            }
            return (subscriptionIds.isEmpty ? ["subscriptions"] : [])
                + missing("sourceDetails", sourceDetails, sourceFields)
                + missing("customerDetails", customerDetails, customerFields)
                + missing("targetDetails", targetDetails, targetFields)
        }
    }

    static func find(_ id: String, _ db: Connection) throws -> Form? {
        try db.queryOne("SELECT * FROM transfer_forms WHERE id = ?", [id.lowercased()]).map(Form.init)
    }

    /// The form in the path when the caller is its source, its customer or its named target
    /// (404 otherwise), acting in that capacity: a partner tenant through a partner role, the
    /// customer through CustomerAdmin (403 900150 otherwise).
    static func visible(_ context: RequestContext, _ db: Connection) throws -> Form {
        let caller = try context.caller
        guard let form = try find(context.pathParameter("formId"), db),
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

    static func outOfOrder(_ form: Form, _ step: String) -> APIError {
        APIError.conflict(ErrorCode.formStepOutOfOrder, "The form is \(form.status); \(step) is not possible now.")
    }

    // MARK: AZS-1 source side

    /// POST /portal/transfer-forms by the source partner.
    static func create(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let source = try context.callingPartner(db)
        let body = try context.body()
        let customerId = try body.string("customerTenantId").lowercased()
        let (customer, _) = try context.visibleCustomer(customerId, db)
        let id = context.services.ids.guid()
        try db.run("""
            INSERT INTO transfer_forms (id, status, customer_id, source_partner_id, created_at, updated_at) VALUES (?, 'Draft', ?, ?, ?, ?)
            """, [id, customer.tenantId, source.tenantId, context.nowText, context.nowText])
        try fillSourceSide(id, body, source, customer.tenantId, context, db)
        try context.audit(db, "CreateTransferForm", resourceType: "TransferForm", resourceId: id, tenants: [source.tenantId],
                          customerId: customer.tenantId)
        return .created(try render(id, db))
    }

    /// Subscriptions and source details, while the form is a Draft.
    private static func fillSourceSide(_ id: String, _ body: Body, _ source: PartnerRecord, _ customerId: String,
                                       _ context: RequestContext, _ db: Connection) throws {
        if body.has("subscriptionIds") {
            let ids = try body.stringArray("subscriptionIds", maxCount: InputLimits.lineItems.upperBound).map { $0.lowercased() }
            guard Set(ids).count == ids.count else { throw APIError.invalidField("subscriptionIds", "lists a subscription twice") }
            try db.run("DELETE FROM transfer_form_claims WHERE form_id = ?", [id])
            for (index, subscriptionId) in ids.enumerated() {
                try claim(subscriptionId, field: "subscriptionIds[\(index)]", form: id, source: source, customer: customerId, db)
            }
            try db.run("UPDATE transfer_forms SET subscription_ids = ? WHERE id = ?",
                       [String(decoding: JSON.array(ids.map { .string($0) }).serialized(), as: UTF8.self), id])
        }
        if let details = try body.optionalObject("sourceDetails") {
            try db.run("UPDATE transfer_forms SET source_details = ? WHERE id = ?", [try merged(id, "source_details", details, sourceFields, db), id])
        }
        try db.run("UPDATE transfer_forms SET updated_at = ? WHERE id = ?", [context.nowText, id])
    }

    /// Only the source's active Azure CSP subscriptions of this customer, each on one open
    /// form and in no active transfer.
    private static func claim(_ subscriptionId: String, field: String, form: String, source: PartnerRecord, customer: String,
                              _ db: Connection) throws {
        guard let subscription = try SubscriptionRecord.find(subscriptionId, customer: customer, db),
              subscription.billingPartnerId == source.tenantId, subscription.movedToSubscriptionId == nil,
              subscription.status == .active, subscription.offer.productType == "AzureLegacy" else {
            throw APIError(.badRequest, code: ErrorCode.notAzureCSPSubscription,
                           "\(field): \(subscriptionId) is not an active Azure CSP subscription of this customer held by the source.",
                           data: [.string(subscriptionId)])
        }
        if let holder = try SubscriptionHold.holder(of: subscriptionId, db) {
            throw APIError.conflict(ErrorCode.subscriptionAlreadyInSwitch, "\(field): \(subscriptionId) is already held by \(holder).")
        }
        try db.run("INSERT INTO transfer_form_claims (subscription_id, form_id) VALUES (?, ?)", [subscriptionId, form])
    }

    private static func merged(_ id: String, _ column: String, _ details: Body, _ fields: [String], _ db: Connection) throws -> String {
        let current = try db.queryOne("SELECT \(column) AS value FROM transfer_forms WHERE id = ?", [id])?
            .string("value").flatMap { try? JSON.parse($0) }?.objectValue ?? [:]
        var result = current
        for field in fields {
            let limit = field == "contactEmail" ? InputLimits.emailLength : InputLimits.defaultLength
            if let value = try details.optionalString(field, maxLength: limit) { result[field] = .string(value) }
        }
        // Named by its full path (`sourceDetails.contactEmail`): three sections have one.
        if let email = result["contactEmail"]?.stringValue, ContactEmail.domain(of: email) == nil {
            throw APIError.invalidField(details.field("contactEmail"), "is not an e-mail address")
        }
        return String(decoding: JSON.object(result).serialized(), as: UTF8.self)
    }

    /// PATCH /portal/transfer-forms/{id}: the source edits a Draft; the customer edits its and
    /// the target's details while the form is with it.
    static func update(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let form = try visible(context, db)
        let caller = try context.caller
        let body = try context.body()
        if caller.tenantId == form.sourcePartnerId {
            guard caller.has(.adminAgent) else { throw APIError.forbidden("The source fills in the form as AdminAgent.") }
            guard form.status == "Draft" else { throw outOfOrder(form, "editing by the source") }
            guard !body.has("customerDetails"), !body.has("targetDetails") else {
                throw APIError.forbidden("The customer, working with the target partner, fills in the customer and target details.")
            }
            guard let source = try PartnerRecord.find(form.sourcePartnerId, db) else { throw APIError.notFound("The partner") }
            try fillSourceSide(form.id, body, source, form.customerId, context, db)
        } else if caller.tenantId == form.customerId {
            guard caller.has(.customerAdmin) else { throw APIError.forbidden("The customer fills in the form as CustomerAdmin.") }
            guard form.status == "SentToCustomer" else { throw outOfOrder(form, "editing by the customer") }
            guard !body.has("subscriptionIds"), !body.has("sourceDetails") else {
                throw APIError.forbidden("Only the source partner fills in the subscriptions and its own details.")
            }
            try fillCustomerSide(form, body, context, db)
        } else {
            throw APIError.forbidden("Only the source partner or the customer fills in the form.")
        }
        try context.audit(db, "UpdateTransferForm", resourceType: "TransferForm", resourceId: form.id,
                          tenants: [form.sourcePartnerId], customerId: form.customerId)
        return .ok(try render(form.id, db))
    }

    // MARK: AZS-2 customer side

    private static func fillCustomerSide(_ form: Form, _ body: Body, _ context: RequestContext, _ db: Connection) throws {
        if let details = try body.optionalObject("customerDetails") {
            try db.run("UPDATE transfer_forms SET customer_details = ? WHERE id = ?",
                       [try merged(form.id, "customer_details", details, customerFields, db), form.id])
        }
        if let details = try body.optionalObject("targetDetails") {
            let value = try merged(form.id, "target_details", details, targetFields, db)
            let target = try details.optionalString("partnerTenantId")?.lowercased()
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
            try db.run("UPDATE transfer_forms SET target_details = ?, target_partner_id = coalesce(?, target_partner_id) WHERE id = ?",
                       [value, target, form.id])
        }
        try db.run("UPDATE transfer_forms SET updated_at = ? WHERE id = ?", [context.nowText, form.id])
    }

    /// POST /portal/transfer-forms/{id}/send: the source sends the form to the customer (AZS-1).
    static func send(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let form = try visible(context, db)
        guard try context.caller.tenantId == form.sourcePartnerId else { throw APIError.forbidden("Only the source partner sends the form.") }
        guard form.status == "Draft" else { throw outOfOrder(form, "sending") }
        let missing = form.missingFields.filter { $0 == "subscriptions" || $0.hasPrefix("sourceDetails.") }
        guard missing.isEmpty else { throw incomplete(missing) }
        try db.run("UPDATE transfer_forms SET status = 'SentToCustomer', sent_at = ?, updated_at = ? WHERE id = ?",
                   [context.nowText, context.nowText, form.id])
        guard let customer = try CustomerRecord.find(form.customerId, db) else { throw APIError.notFound("The customer") }
        try context.notify(db, kind: "TransferFormSent", to: customer.email, tenant: customer.tenantId,
                           subject: "Complete the Azure subscription transfer form",
                           body: "Fill in your details and your new partner's, then return form \(form.id) to your current partner.",
                           link: "\(context.baseURL)/portal/transfer-forms/\(form.id)", resourceType: "TransferForm", resourceId: form.id)
        try context.audit(db, "SendTransferForm", resourceType: "TransferForm", resourceId: form.id, tenants: [form.sourcePartnerId],
                          customerId: form.customerId)
        return .ok(try render(form.id, db))
    }

    /// POST /portal/transfer-forms/{id}/return: the customer returns the completed form (AZS-2).
    static func giveBack(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let form = try visible(context, db)
        guard try context.caller.tenantId == form.customerId else { throw APIError.forbidden("Only the customer returns the form.") }
        guard form.status == "SentToCustomer" else { throw outOfOrder(form, "returning") }
        let missing = form.missingFields.filter { $0.hasPrefix("customerDetails.") || $0.hasPrefix("targetDetails.") }
        guard missing.isEmpty else { throw incomplete(missing) }
        try requireTargetRelationship(form, db)
        try db.run("UPDATE transfer_forms SET status = 'Returned', returned_at = ?, updated_at = ? WHERE id = ?",
                   [context.nowText, context.nowText, form.id])
        if let source = try PartnerRecord.find(form.sourcePartnerId, db) {
            try context.notify(db, kind: "TransferFormReturned", to: source.primaryContactEmail, tenant: source.tenantId,
                               subject: "The customer returned transfer form \(form.id)",
                               body: "Check it and submit it to Azure support.", resourceType: "TransferForm", resourceId: form.id)
        }
        try context.audit(db, "ReturnTransferForm", resourceType: "TransferForm", resourceId: form.id,
                          tenants: [form.sourcePartnerId] + (form.targetPartnerId.map { [$0] } ?? []), customerId: form.customerId)
        return .ok(try render(form.id, db))
    }

    /// Precondition of the whole path: the target already has a reseller relationship with the customer.
    static func requireTargetRelationship(_ form: Form, _ db: Connection) throws {
        guard let target = form.targetPartnerId, try PartnerRecord.find(target, db) != nil,
              !(try CustomerRelationships.activeKinds(customer: form.customerId, partner: target, db)).isEmpty else {
            throw APIError(.badRequest, code: ErrorCode.targetHasNoRelationship,
                           "The target partner must already have a reseller relationship with the customer.")
        }
    }

    static func incomplete(_ missing: [String]) -> APIError {
        APIError(.badRequest, code: ErrorCode.formIncomplete,
                 "The transfer form is incomplete; missing: \(missing.joined(separator: ", ")).", data: missing.map { .string($0) })
    }

    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        .ok(try render(try visible(context, db).id, db))
    }

    static func render(_ id: String, _ db: Connection) throws -> JSON {
        guard let row = try db.queryOne("SELECT * FROM transfer_forms WHERE id = ?", [id]) else { throw APIError.notFound("The transfer form") }
        let form = Form(row)
        let subscriptions = try form.subscriptionIds.map { subscriptionId -> JSON in
            let subscription = try SubscriptionRecord.find(subscriptionId, customer: form.customerId, db)
            return ["subscriptionId": .string(subscriptionId), "azureSubscriptionId": JSON(subscription?.azureSubscriptionId),
                    "friendlyName": JSON(subscription?.friendlyName)]
        }
        let missing = form.missingFields
        return Links.resource([
            "id": .string(form.id),
            "status": .string(form.status),
            "customerTenantId": .string(form.customerId),
            "sourcePartnerTenantId": .string(form.sourcePartnerId),
            "targetPartnerTenantId": JSON(form.targetPartnerId),
            "subscriptions": .array(subscriptions),
            "sourceDetails": .object(form.sourceDetails),
            "customerDetails": .object(form.customerDetails),
            "targetDetails": .object(form.targetDetails),
            "missingFields": .array(missing.map { .string($0) }),
            "isComplete": .bool(missing.isEmpty),
            "createdTime": JSON(row.string("created_at")),
            "sentTime": JSON(row.string("sent_at")),
            "returnedTime": JSON(row.string("returned_at")),
            "submittedTime": JSON(row.string("submitted_at")),
        ], objectType: "TransferForm", selfURI: "/portal/transfer-forms/\(form.id)")
    }
}

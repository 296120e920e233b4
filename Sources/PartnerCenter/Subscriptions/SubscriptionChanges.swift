import Foundation
import JSON
import SQLite

/// PATCH /v1/customers/{cid}/subscriptions/{sid}: seat count, billing plan, term, status,
/// auto-renew, POR, support contact and scheduled changes. Every input is checked, and POR
/// enforced (POR-4, POR-6), before anything is written.
enum SubscriptionChanges {
    static func update(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let subscription = try Subscriptions.visible(customerId: context.pathParameter("customerId"),
                                                     subscriptionId: context.pathParameter("subscriptionId"), context.operation, db)
        let partner = try context.callingPartner(db)
        guard subscription.billingPartnerId == partner.tenantId else {
            throw APIError.forbidden("Only the billing partner can change this subscription.")
        }
        guard subscription.status != .deleted else {
            throw APIError.conflict(ErrorCode.subscriptionCancelled, "The subscription is cancelled and cannot change.")
        }
        let body = try context.body()
        let offer = subscription.offer
        var updates: [(column: String, value: (any ValueConvertible)?)] = []
        var porGuarded: [String] = []   // POR-4 changes present in this request

        if let quantity = try body.optionalInt("quantity", in: InputLimits.quantity), quantity != subscription.quantity {
            guard !offer.isAzureUsage else { throw APIError.invalidField("quantity", "a usage-based Azure subscription has no seat count") }
            updates.append(("quantity", quantity))
            porGuarded.append("seat-count change")
        }
        if let cycle = try body.optionalString("billingCycle")?.lowercased(), cycle != subscription.billingCycle {
            guard offer.billingCycles.contains(cycle) else {
                throw APIError.invalidField("billingCycle", "must be one of \(offer.billingCycles.joined(separator: ", "))")
            }
            updates.append(("billing_cycle", cycle))
            porGuarded.append("billing-plan change")
        }
        if let term = try body.optionalString("termDuration")?.uppercased(), term != subscription.termDuration {
            guard offer.termDurations.contains(term) else {
                throw APIError.invalidField("termDuration", offer.termDurations.isEmpty ? "is not used by this offer"
                                            : "must be one of \(offer.termDurations.joined(separator: ", "))")
            }
            updates.append(("term_duration", term))
            porGuarded.append("term change")
        }
        if body.object.value(forCaseInsensitiveKey: "scheduledNextTermInstructions") != nil {
            let instructions = try scheduledInstructions(body, offer)
            updates.append(("scheduled_next_term", instructions.map { String(decoding: $0.serialized(), as: UTF8.self) }))
            updates.append(("scheduled_set_at", instructions == nil ? nil : context.nowText))
            // POR-4 names setting or editing a scheduled change; removing one only keeps the
            // current terms, so it is not guarded.
            if instructions != nil { porGuarded.append("setting a scheduled change") }
        }
        if let autoRenew = try body.optionalBool("autoRenewEnabled"), autoRenew != subscription.autoRenew {
            guard !offer.isAzureUsage else { throw APIError.invalidField("autoRenewEnabled", "a usage-based Azure subscription does not renew") }
            updates.append(("auto_renew", autoRenew))
        }
        // POR-6: assign or change the POR (always validated) and name a support contact.
        var newPOR: String?
        if let por = try body.optionalString("partnerId", maxLength: InputLimits.keyLength)
            ?? body.optionalString("partnerIdOnRecord", maxLength: InputLimits.keyLength), por != subscription.partnerIdOnRecord {
            guard partner.isDistributor else { throw APIError.invalidField("partnerId", "only a distributor assigns a Partner of Record") }
            try PORPolicy.requireValid(por, field: "partnerId", distributor: partner, db)
            updates.append(("partner_id_on_record", por))
            newPOR = por
        }
        if let contact = try body.optionalObject("supportContact") {
            guard partner.isDistributor else { throw APIError.invalidField("supportContact", "only a distributor names a support contact") }
            let tenantId = try contact.string("supportTenantId").lowercased()
            guard let reseller = try PartnerRecord.find(tenantId, db), reseller.hasIndirectReseller,
                  try db.queryOne("SELECT 1 FROM partnerships WHERE distributor_id = ? AND reseller_id = ? AND status = 'Active'",
                                  [partner.tenantId, tenantId]) != nil else {
                throw APIError(.badRequest, code: ErrorCode.notAuthorizedReseller,
                               "supportContact.supportTenantId must be one of the distributor's active indirect resellers.")
            }
            updates.append(("support_contact_tenant_id", tenantId))
        }
        let newStatus = try body.optionalString("status")?.lowercased()
        if let newStatus {
            guard ["active", "suspended", "deleted"].contains(newStatus) else {
                throw APIError.invalidField("status", "must be active, suspended or deleted")
            }
        }
        let statusChange = newStatus.flatMap { $0 == subscription.status.rawValue ? nil : $0 }
        guard !updates.isEmpty || statusChange != nil else {
            throw APIError.invalidField("body", "names no change to make")
        }
        // POR-4: the subscription's POR (or the one assigned in this same request) must be valid now.
        if !porGuarded.isEmpty, newPOR == nil {
            try PORPolicy.requireValidForChange(partnerIdOnRecord: subscription.partnerIdOnRecord, billingPartner: partner, change: porGuarded.joined(separator: ", "), context.operation, db)
        }
        // SST-9: the source's suspended copy of a transferred license stays suspended, or the
        // customer would hold the same licenses twice.
        if statusChange == "active", try db.queryOne("""
            SELECT 1 FROM transfer_line_items WHERE subscription_id = ? AND target_subscription_id IS NOT NULL LIMIT 1
            """, [subscription.id]) != nil {
            throw APIError.conflict(ErrorCode.subscriptionTransferred,
                                    "The subscription was transferred to another partner; its copy here cannot be reactivated.")
        }
        if let statusChange, statusChange == "active", let parentId = subscription.parentSubscriptionId,
           try db.queryOne("SELECT 1 FROM subscriptions WHERE id = ? AND status = 'active'", [parentId]) == nil {
            throw APIError.conflict(ErrorCode.baseSubscriptionInactive, "An add-on can be active only while its base subscription is active (SUB-3).")
        }

        for update in updates {
            try db.run("UPDATE subscriptions SET \(update.column) = ? WHERE id = ?", [update.value, subscription.id])
        }
        if let newPOR { try PORPolicy.recordUsage(distributor: partner.tenantId, partnerId: newPOR, context.operation, db) }
        else if !porGuarded.isEmpty, partner.isDistributor {
            try PORPolicy.recordUsage(distributor: partner.tenantId, partnerId: subscription.partnerIdOnRecord, context.operation, db)
        }
        var credits: [JSON] = []
        if let statusChange {
            credits = try changeStatus(subscription, to: statusChange, context, db)
        }
        var details: JSONObject = [:]
        for update in updates { details[update.column] = JSON(sqlite: update.value?.sqliteValue ?? .null) }
        if let statusChange { details["status"] = .string(statusChange) }
        try context.audit(db, "UpdateSubscription", resourceType: "Subscription", resourceId: subscription.id,
                          tenants: [partner.tenantId], customerId: subscription.customerId, details: details)
        guard let updated = try SubscriptionRecord.find(subscription.id, customer: subscription.customerId, db) else {
            throw APIError.notFound("The subscription")
        }
        var rendered = try Subscription(updated).rendered()
        if let credit = credits.first, case .object(var object) = rendered {
            object["cancellationCredit"] = credit
            if credits.count > 1 { object["addonCancellationCredits"] = .array(Array(credits.dropFirst())) }
            rendered = .object(object)
        }
        return .ok(rendered)
    }

    /// Status changes, with add-ons following their base (SUB-3) and credits on cancellation
    /// (SUB-1, SUB-2). Returns the credits granted, the subscription's own first.
    static func changeStatus(_ subscription: SubscriptionRecord, to status: String, _ context: RequestContext,
                             _ db: Connection) throws -> [JSON] {
        var credits: [JSON] = []
        if status == "deleted" {
            credits.append(try Credits.record(Credits.forCancellation(subscription, now: context.now), for: subscription, context, db))
            try db.run("UPDATE subscriptions SET status = 'deleted', cancelled_at = ?, auto_renew = 0 WHERE id = ?",
                       [context.nowText, subscription.id])
        } else {
            try db.run("UPDATE subscriptions SET status = ? WHERE id = ?", [status, subscription.id])
        }
        // SUB-3: add-ons follow the base. Only add-ons that actually change state are touched
        // (suspending the base leaves an already-suspended add-on, and its audit trail, alone).
        let from: [String] = switch status {
        case "active": ["suspended"]
        case "suspended": ["active"]
        default: ["active", "suspended"]
        }
        let addons = try db.query("SELECT id FROM subscriptions WHERE parent_subscription_id = ? AND status IN (?, ?)",
                                  [subscription.id, from[0], from.last])
        for row in addons {
            guard let id = row.string("id"), let addon = try SubscriptionRecord.find(id, customer: subscription.customerId, db) else { continue }
            credits.append(contentsOf: try changeStatus(addon, to: status, context, db))
            try context.audit(db, "UpdateSubscription", resourceType: "Subscription", resourceId: addon.id,
                              tenants: [addon.billingPartnerId], customerId: addon.customerId,
                              details: ["status": .string(status), "followsBase": .string(subscription.id)])
        }
        return credits
    }

    /// The properties of `scheduledNextTermInstructions.product` (ScheduledNextTermInstructions
    /// of the real subscription resource).
    static let scheduledProductFields = ["productId", "skuId", "availabilityId", "billingCycle", "termDuration", "promotionId"]

    /// `scheduledNextTermInstructions`: an object of the next term's quantity, term and
    /// billing cycle, or null to remove the scheduled change.
    private static func scheduledInstructions(_ body: Body, _ offer: OfferRecord) throws -> JSON? {
        guard let instructions = try body.optionalObject("scheduledNextTermInstructions") else { return nil }
        var object: JSONObject = [:]
        if let quantity = try instructions.optionalInt("quantity", in: InputLimits.quantity) {
            object["quantity"] = .int(Int64(quantity))
        }
        if let term = try instructions.optionalString("termDuration")?.uppercased() {
            guard offer.termDurations.contains(term) else {
                throw APIError.invalidField("scheduledNextTermInstructions.termDuration", "is not a term of this offer")
            }
            object["termDuration"] = .string(term)
        }
        if let cycle = try instructions.optionalString("billingCycle")?.lowercased() {
            guard offer.billingCycles.contains(cycle) else {
                throw APIError.invalidField("scheduledNextTermInstructions.billingCycle", "is not a billing cycle of this offer")
            }
            object["billingCycle"] = .string(cycle)
        }
        if let product = try instructions.optionalObject("product") {
            // The real ScheduledNextTermInstructions.product names the next term's product by
            // these ids; only they are kept, each a bounded string like every other input.
            var fields: JSONObject = [:]
            for name in Self.scheduledProductFields {
                if let value = try product.optionalString(name) { fields[name] = .string(value) }
            }
            if !fields.isEmpty { object["product"] = .object(fields) }
        }
        guard !object.isEmpty else {
            throw APIError.invalidField("scheduledNextTermInstructions", "must name a quantity, termDuration or billingCycle")
        }
        return .object(object)
    }
}

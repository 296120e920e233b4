import Foundation
import JSON
import SQLite

/// PATCH /v1/customers/{cid}/subscriptions/{sid}: seat count, billing plan, term, status,
/// auto-renew, POR, support contact and scheduled changes. Every input is checked, and POR
/// enforced (POR-4, POR-6), before anything is written.
enum SubscriptionChanges {
    /// Applies `patch` to a subscription the caller bills. `patch` is the parsed body; it is
    /// read only once the subscription is known to be the caller's and not cancelled.
    static func update(customerId: String, subscriptionId: String, _ patch: () throws -> SubscriptionPatch,
                       _ context: OperationContext, _ db: Connection) throws -> ChangedSubscription {
        let (subscription, partner) = try Subscriptions.changeable(customerId: customerId, subscriptionId: subscriptionId, context, db)
        let patch = try patch()
        let offer = subscription.offer
        var updates: [(column: String, value: (any ValueConvertible)?)] = []
        var porGuarded: [String] = []   // POR-4 changes present in this request

        if let quantity = patch.quantity, quantity != subscription.quantity {
            guard !offer.isAzureUsage else { throw APIError.invalidField("quantity", "a usage-based Azure subscription has no seat count") }
            updates.append(("quantity", quantity))
            porGuarded.append("seat-count change")
        }
        if let cycle = patch.billingCycle, cycle != subscription.billingCycle {
            guard offer.billingCycles.contains(cycle) else {
                throw APIError.invalidField("billingCycle", "must be one of \(offer.billingCycles.joined(separator: ", "))")
            }
            updates.append(("billing_cycle", cycle))
            porGuarded.append("billing-plan change")
        }
        if let term = patch.termDuration, term != subscription.termDuration {
            guard offer.termDurations.contains(term) else {
                throw APIError.invalidField("termDuration", offer.termDurations.isEmpty ? "is not used by this offer"
                                            : "must be one of \(offer.termDurations.joined(separator: ", "))")
            }
            updates.append(("term_duration", term))
            porGuarded.append("term change")
        }
        switch patch.scheduledNextTerm {
        case .set(let next)?:
            let instructions = try scheduledInstructions(next, offer)
            // A fetched subscription sent back echoes its scheduled change: that is no change,
            // so neither its time set (POR-5 reads it) nor POR-4 comes into play.
            if !sameScheduledChange(instructions, subscription.scheduledNextTerm) {
                updates.append(("scheduled_next_term", String(decoding: instructions.serialized(), as: UTF8.self)))
                updates.append(("scheduled_set_at", context.nowText))
                porGuarded.append("setting a scheduled change")
            }
        case .remove?:
            // POR-4 names setting or editing a scheduled change; removing one only keeps the
            // current terms, so it is not guarded.
            if subscription.scheduledNextTerm != nil {
                updates.append(("scheduled_next_term", nil))
                updates.append(("scheduled_set_at", nil))
            }
        case nil:
            break
        }
        // The nickname (update-the-nickname-for-a-subscription) is not a POR-4 change.
        if let name = patch.friendlyName, name != subscription.friendlyName {
            updates.append(("friendly_name", name))
        }
        if let autoRenew = patch.autoRenewEnabled, autoRenew != subscription.autoRenew {
            guard !offer.isAzureUsage else { throw APIError.invalidField("autoRenewEnabled", "a usage-based Azure subscription does not renew") }
            updates.append(("auto_renew", autoRenew))
        }
        // POR-6: assign or change the POR (always validated) and name a support contact.
        var newPOR: String?
        if let por = patch.partnerId, por != subscription.partnerIdOnRecord {
            guard partner.isDistributor else { throw APIError.invalidField("partnerId", "only a distributor assigns a Partner of Record") }
            try PORPolicy.requireValid(por, field: "partnerId", distributor: partner, db)
            updates.append(("partner_id_on_record", por))
            newPOR = por
        }
        // A fetched subscription sent back echoes its support contact: re-checking it would refuse
        // a rename once that reseller's partnership is gone (PSH-5), and writing it changes nothing.
        if let tenantId = patch.supportTenantId, tenantId != subscription.supportContactTenantId?.lowercased() {
            try SupportContacts.requireReseller(tenantId, of: partner, field: "supportContact.supportTenantId", db)
            updates.append(("support_contact_tenant_id", tenantId))
        }
        let statusChange = patch.status.flatMap { $0 == subscription.status ? nil : $0 }
        guard !updates.isEmpty || statusChange != nil else {
            throw APIError.invalidField("body", "names no change to make")
        }
        // POR-4: the subscription's POR (or the one assigned in this same request) must be valid now.
        if !porGuarded.isEmpty, newPOR == nil {
            try PORPolicy.requireValidForChange(partnerIdOnRecord: subscription.partnerIdOnRecord, billingPartner: partner,
                                                change: porGuarded.joined(separator: ", "), context, db)
        }
        if statusChange == .active {
            // SST-9: the source's suspended copy of a transferred license stays suspended, or the
            // customer would hold the same licenses twice.
            if try db.queryOne("""
                SELECT 1 FROM transfer_line_items WHERE subscription_id = ? AND target_subscription_id IS NOT NULL LIMIT 1
                """, [subscription.id]) != nil {
                throw APIError.conflict(ErrorCode.subscriptionTransferred,
                                        "The subscription was transferred to another partner; its copy here cannot be reactivated.")
            }
            if let parentId = subscription.parentSubscriptionId,
               try db.queryOne("SELECT 1 FROM subscriptions WHERE id = ? AND status = ?", [parentId, SubscriptionStatus.active]) == nil {
                throw APIError.conflict(ErrorCode.parentSubscriptionNotActive, "An add-on can be active only while its base subscription is active (SUB-3).")
            }
        }

        try SubscriptionStore.update(subscription.id, set: updates.map { ($0.column, $0.value) }, db)
        if let newPOR { try PORPolicy.recordUsage(distributor: partner.tenantId, partnerId: newPOR, context, db) }
        else if !porGuarded.isEmpty, partner.isDistributor {
            try PORPolicy.recordUsage(distributor: partner.tenantId, partnerId: subscription.partnerIdOnRecord, context, db)
        }
        var credits: [CreditRow] = []
        if let statusChange {
            credits = try changeStatus(subscription, to: statusChange, context, db)
        }
        var details: JSONObject = [:]
        for update in updates { details[update.column] = JSON(sqlite: update.value?.sqliteValue ?? .null) }
        if let statusChange { details["status"] = .string(statusChange.rawValue) }
        try context.audit(db, "UpdateSubscription", resourceType: "Subscription", resourceId: subscription.id,
                          tenants: [partner.tenantId], customerId: subscription.customerId, details: details)
        guard let updated = try SubscriptionRecord.find(subscription.id, customer: subscription.customerId, db) else {
            throw APIError.notFound("The subscription")
        }
        return ChangedSubscription(updated, credits: credits, try Subscription.Facts.load(context, db))
    }

    /// Status changes, with add-ons following their base (SUB-3) and credits on cancellation
    /// (SUB-1, SUB-2). Returns the credits granted, the subscription's own first.
    private static func changeStatus(_ subscription: SubscriptionRecord, to status: SubscriptionStatus, _ context: OperationContext,
                                     _ db: Connection) throws -> [CreditRow] {
        var credits: [CreditRow] = []
        if status == .deleted {
            credits.append(try Credits.record(Credits.forCancellation(subscription, now: context.now), for: subscription, context, db))
            try SubscriptionStore.cancel(subscription.id, context, db)
        } else {
            try SubscriptionStore.setStatus(subscription.id, status, db)
        }
        // SUB-3: add-ons follow the base. Only add-ons that actually change state are touched
        // (suspending the base leaves an already-suspended add-on, and its audit trail, alone).
        let from: [SubscriptionStatus] = switch status {
        case .active: [.suspended]
        case .suspended: [.active]
        case .deleted: [.active, .suspended]
        }
        let addons = try db.fetchAll(SubscriptionRow.self, "SELECT * FROM subscriptions WHERE parent_subscription_id = ? AND status IN (?, ?)",
                                     [subscription.id, from[0], from.last])
        for row in addons {
            guard let addon = try SubscriptionRecord.load(row, db) else { continue }
            credits.append(contentsOf: try changeStatus(addon, to: status, context, db))
            try context.audit(db, "UpdateSubscription", resourceType: "Subscription", resourceId: addon.id,
                              tenants: [addon.billingPartnerId], customerId: addon.customerId,
                              details: ["status": .string(status.rawValue), "followsBase": .string(subscription.id)])
        }
        return credits
    }

    /// The scheduled change to store: the next term's quantity, term and billing cycle, checked
    /// against the offer.
    private static func scheduledInstructions(_ instructions: SubscriptionPatch.ScheduledNextTerm, _ offer: OfferRecord) throws -> JSON {
        var object: JSONObject = [:]
        if let quantity = instructions.quantity {
            object["quantity"] = .int(Int64(quantity))
        }
        if let term = instructions.termDuration {
            guard offer.termDurations.contains(term) else {
                throw APIError.invalidField("scheduledNextTermInstructions.termDuration", "is not a term of this offer")
            }
            object["termDuration"] = .string(term)
        }
        if let cycle = instructions.billingCycle {
            guard offer.billingCycles.contains(cycle) else {
                throw APIError.invalidField("scheduledNextTermInstructions.billingCycle", "is not a billing cycle of this offer")
            }
            object["billingCycle"] = .string(cycle)
        }
        if !instructions.product.isEmpty { object["product"] = .object(instructions.product) }
        guard !object.isEmpty else {
            throw APIError.invalidField("scheduledNextTermInstructions", "must name a quantity, termDuration or billingCycle")
        }
        return .object(object)
    }

    /// Whether two scheduled changes name the same next term. GET folds the term and cycle into
    /// `product` too (and an SDK object sends them only there), so those two are compared at the
    /// top level, where the PATCH stores them, and only the product ids within `product`.
    static func sameScheduledChange(_ new: JSON, _ stored: JSON?) -> Bool {
        func comparable(_ instructions: JSON?) -> JSONObject? {
            guard var object = instructions?.objectValue else { return nil }
            if let term = object["termDuration"]?.stringValue { object["termDuration"] = .string(term.uppercased()) }
            if let cycle = BillingCycleText.normalized(object["billingCycle"]?.stringValue) { object["billingCycle"] = .string(cycle) }
            var product = object["product"]?.objectValue ?? [:]
            product["termDuration"] = nil
            product["billingCycle"] = nil
            object["product"] = product.isEmpty ? nil : .object(product)
            return object
        }
        return comparable(new) == comparable(stored)
    }
}

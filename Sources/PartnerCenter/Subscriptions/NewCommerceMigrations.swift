import Foundation
import JSON
import SQLite

/// Legacy-to-new-commerce migration (`POST /v1/customers/{cid}/migrations`, as the real API):
/// a legacy license subscription is replaced by its new-commerce equivalent, add-ons with it.
/// It is one of the POR-4 changes: from the enforcement date a distributor's migration needs
/// the subscription's POR to be valid.
enum NewCommerceMigrations {
    static func create(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partner = try context.callingPartner(db)
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        let body = try context.body()
        let subscriptionId = try body.string("currentSubscriptionId").lowercased()
        guard let current = try SubscriptionRecord.find(subscriptionId, customer: customer.tenantId, db),
              current.movedToSubscriptionId == nil else { throw APIError.notFound("The subscription") }
        guard current.billingPartnerId == partner.tenantId else {
            // The reseller on record sees the subscription but may not migrate it; anyone else
            // cannot tell it exists.
            let isOnRecord = try current.partnerIdOnRecord.map { por in
                try db.queryOne("SELECT 1 FROM locations WHERE pla_id = ? AND tenant_id = ?", [por, partner.tenantId]) != nil
            } ?? false
            throw isOnRecord ? APIError.forbidden("Only the billing partner migrates a subscription.") : APIError.notFound("The subscription")
        }
        guard current.status == .active else {
            throw APIError.invalidField("currentSubscriptionId", "only an active subscription can be migrated")
        }
        guard current.parentSubscriptionId == nil else {
            throw APIError.invalidField("currentSubscriptionId", "an add-on migrates with its base subscription")
        }
        guard let target = try current.offer.newCommerceOfferId.flatMap({ try OfferRecord.find($0, db) }) else {
            throw APIError.invalidField("currentSubscriptionId", "\(current.offer.name) (\(current.offer.productType)) has no new-commerce equivalent")
        }
        if let holder = try SubscriptionHold.holder(of: current.id, db) {
            throw APIError.conflict(ErrorCode.transferInProgress, "The subscription is held by \(holder); it cannot be migrated now.")
        }
        let term = try body.optionalString("termDuration")?.uppercased() ?? "P1Y"
        guard target.termDurations.contains(term) else {
            throw APIError.invalidField("termDuration", "must be one of \(target.termDurations.joined(separator: ", "))")
        }
        let cycle = try body.optionalString("billingCycle")?.lowercased() ?? current.billingCycle
        guard target.billingCycles.contains(cycle) else {
            throw APIError.invalidField("billingCycle", "must be one of \(target.billingCycles.joined(separator: ", "))")
        }
        let quantity = try body.optionalInt("quantity", in: InputLimits.quantity) ?? current.quantity
        guard InputLimits.quantity.contains(quantity) else {
            throw APIError.invalidField("quantity", "must be an integer from \(InputLimits.quantity.lowerBound) to \(InputLimits.quantity.upperBound)")
        }
        let purchaseFullTerm = try body.optionalBool("purchaseFullTerm") ?? true
        let addons = try activeAddons(of: current, db)
        for addon in addons where addon.offer.newCommerceOfferId == nil {
            throw APIError.invalidField("currentSubscriptionId",
                                        "add-on \(addon.id) (\(addon.offer.name)) has no new-commerce equivalent; cancel it first")
        }
        // POR-4: legacy-to-new-commerce migration validates the subscription's POR.
        try PORPolicy.requireValidForChange(partnerIdOnRecord: current.partnerIdOnRecord, billingPartner: partner, change: "legacy-to-new-commerce migration", context.operation, db)

        let newId = try migrate(current, to: target, quantity: quantity, term: term, cycle: cycle, parent: nil, context, db)
        for addon in addons {
            guard let addonTarget = try addon.offer.newCommerceOfferId.flatMap({ try OfferRecord.find($0, db) }) else { continue }
            let addonCycle = addonTarget.billingCycles.contains(cycle) ? cycle : addon.billingCycle
            _ = try migrate(addon, to: addonTarget, quantity: addon.quantity, term: term, cycle: addonCycle, parent: newId, context, db)
        }
        if partner.isDistributor {
            try PORPolicy.recordUsage(distributor: partner.tenantId, partnerId: current.partnerIdOnRecord, context.operation, db)
        }
        let id = context.services.ids.guid()
        try db.run("""
            INSERT INTO subscription_migrations (id, customer_id, partner_id, current_subscription_id, new_subscription_id, catalog_item_id,
                quantity, term_duration, billing_cycle, purchase_full_term, status, started_at, completed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Completed', ?, ?)
            """, [id, customer.tenantId, partner.tenantId, current.id, newId, target.id, quantity, term, cycle, purchaseFullTerm,
                  context.nowText, context.nowText])
        try context.audit(db, "MigrateSubscription", resourceType: "Subscription", resourceId: current.id, tenants: [partner.tenantId],
                          customerId: customer.tenantId, details: ["newCommerceSubscriptionId": .string(newId), "catalogItemId": .string(target.id)])
        try context.notify(db, kind: "MigrationCompleted", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "\(current.friendlyName) for \(customer.companyName) moved to new commerce",
                           body: "New-commerce subscription \(newId) replaces \(current.id).", resourceType: "Migration", resourceId: id)
        return .created(try render(id, db))
    }

    /// Creates the new-commerce subscription and cancels the legacy one with its prorated credit (SUB-2).
    private static func migrate(_ legacy: SubscriptionRecord, to offer: OfferRecord, quantity: Int, term: String, cycle: String,
                                parent: String?, _ context: RequestContext, _ db: Connection) throws -> String {
        let newId = try SubscriptionStore.insert(customer: legacy.customerId, billingPartner: legacy.billingPartnerId, offer: offer,
                                             quantity: quantity, billingCycle: cycle, termDuration: term, parentId: parent,
                                             partnerIdOnRecord: legacy.partnerIdOnRecord, orderId: nil, friendlyName: legacy.friendlyName,
                                             gainedAs: (try db.queryOne("SELECT gained_as FROM subscriptions WHERE id = ?", [legacy.id])?
                                                .string("gained_as")) ?? "Direct", context.operation, db)
        if let contact = legacy.supportContactTenantId {
            try SubscriptionStore.setSupportContact(newId, tenant: contact, db)
        }
        _ = try Credits.record(Credits.forCancellation(legacy, now: context.now), for: legacy, context, db)
        try SubscriptionStore.cancel(legacy.id, context.operation, db)
        return newId
    }

    private static func activeAddons(of base: SubscriptionRecord, _ db: Connection) throws -> [SubscriptionRecord] {
        try db.query("SELECT id FROM subscriptions WHERE parent_subscription_id = ? AND status <> 'deleted' ORDER BY created_at, id", [base.id])
            .compactMap { row in try row.string("id").flatMap { try SubscriptionRecord.find($0, customer: base.customerId, db) } }
    }

    /// GET /v1/customers/{cid}/migrations/{id}: the caller's own migrations.
    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        let id = context.pathParameter("migrationId").lowercased()
        guard try db.queryOne("SELECT 1 FROM subscription_migrations WHERE id = ? AND customer_id = ? AND partner_id = ?",
                              [id, customer.tenantId, partnerId]) != nil else { throw APIError.notFound("The migration") }
        return .ok(try render(id, db))
    }

    static func render(_ id: String, _ db: Connection) throws -> JSON {
        guard let row = try db.queryOne("SELECT * FROM subscription_migrations WHERE id = ?", [id]) else {
            throw APIError.notFound("The migration")
        }
        let customer = row.string("customer_id") ?? ""
        return Links.resource([
            "id": .string(id),
            "startedTime": JSON(row.string("started_at")),
            "completedTime": JSON(row.string("completed_at")),
            "currentSubscriptionId": JSON(row.string("current_subscription_id")),
            "status": JSON(row.string("status")),
            "customerTenantId": .string(customer),
            "catalogItemId": JSON(row.string("catalog_item_id")),
            "newCommerceSubscriptionId": JSON(row.string("new_subscription_id")),
            "quantity": JSON(row.int64("quantity")),
            "termDuration": JSON(row.string("term_duration")),
            "billingCycle": JSON(row.string("billing_cycle")),
            "purchaseFullTerm": .bool(row.bool("purchase_full_term") ?? true),
        ], objectType: "Migration", selfURI: "/customers/\(customer)/migrations/\(id)")
    }
}

import Foundation
import SQLite

/// Legacy-to-new-commerce migration (`POST /v1/customers/{cid}/migrations`, as the real API):
/// a legacy license subscription is replaced by its new-commerce equivalent, add-ons with it.
/// It is one of the POR-4 changes: from the enforcement date a distributor's migration needs
/// the subscription's POR to be valid.
enum NewCommerceMigrations {
    /// Migrates the subscription `input` names. `input` is the parsed body; it is read only
    /// once the customer is known to be visible, so an unknown customer is 404 whatever was sent.
    static func create(customerId: String, _ input: () throws -> MigrationInput, _ context: OperationContext,
                       _ db: Connection) throws -> SubscriptionMigrationRow {
        let partner = try context.callingPartner(db)
        let (customer, _) = try context.visibleCustomer(customerId, db)
        let input = try input()
        guard let current = try SubscriptionRecord.find(input.currentSubscriptionId, customer: customer.tenantId, db),
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
        let term = input.termDuration ?? "P1Y"
        guard target.termDurations.contains(term) else {
            throw APIError.invalidField("termDuration", "must be one of \(target.termDurations.joined(separator: ", "))")
        }
        let cycle = input.billingCycle ?? current.billingCycle
        guard target.billingCycles.contains(cycle) else {
            throw APIError.invalidField("billingCycle", "must be one of \(target.billingCycles.joined(separator: ", "))")
        }
        let quantity = input.quantity ?? current.quantity
        guard InputLimits.quantity.contains(quantity) else {
            throw APIError.invalidField("quantity", "must be an integer from \(InputLimits.quantity.lowerBound) to \(InputLimits.quantity.upperBound)")
        }
        let purchaseFullTerm = input.purchaseFullTerm ?? true
        let addons = try activeAddons(of: current, db)
        for addon in addons where addon.offer.newCommerceOfferId == nil {
            throw APIError.invalidField("currentSubscriptionId",
                                        "add-on \(addon.id) (\(addon.offer.name)) has no new-commerce equivalent; cancel it first")
        }
        // POR-4: legacy-to-new-commerce migration validates the subscription's POR.
        try PORPolicy.requireValidForChange(partnerIdOnRecord: current.partnerIdOnRecord, billingPartner: partner, change: "legacy-to-new-commerce migration", context, db)

        let newId = try migrate(current, to: target, quantity: quantity, term: term, cycle: cycle, parent: nil, context, db)
        for addon in addons {
            guard let addonTarget = try addon.offer.newCommerceOfferId.flatMap({ try OfferRecord.find($0, db) }) else { continue }
            let addonCycle = addonTarget.billingCycles.contains(cycle) ? cycle : addon.billingCycle
            _ = try migrate(addon, to: addonTarget, quantity: addon.quantity, term: term, cycle: addonCycle, parent: newId, context, db)
        }
        if partner.isDistributor {
            try PORPolicy.recordUsage(distributor: partner.tenantId, partnerId: current.partnerIdOnRecord, context, db)
        }
        let migration = SubscriptionMigrationRow(
            id: context.ids.guid(), customerId: customer.tenantId, partnerId: partner.tenantId, currentSubscriptionId: current.id,
            newSubscriptionId: newId, catalogItemId: target.id, quantity: quantity, termDuration: term, billingCycle: cycle,
            purchaseFullTerm: purchaseFullTerm, status: .completed, startedAt: context.nowText, completedAt: context.nowText)
        try SubscriptionStore.insert(migration, db)
        try context.audit(db, "MigrateSubscription", resourceType: "Subscription", resourceId: current.id, tenants: [partner.tenantId],
                          customerId: customer.tenantId, details: ["newCommerceSubscriptionId": .string(newId), "catalogItemId": .string(target.id)])
        try context.notify(db, kind: "MigrationCompleted", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "\(current.friendlyName) for \(customer.companyName) moved to new commerce",
                           body: "New-commerce subscription \(newId) replaces \(current.id).", resourceType: "Migration", resourceId: migration.id)
        return migration
    }

    /// Creates the new-commerce subscription and cancels the legacy one with its prorated credit (SUB-2).
    private static func migrate(_ legacy: SubscriptionRecord, to offer: OfferRecord, quantity: Int, term: String, cycle: String,
                                parent: String?, _ context: OperationContext, _ db: Connection) throws -> String {
        let newId = try SubscriptionStore.insert(NewSubscription(
            customerId: legacy.customerId, billingPartnerId: legacy.billingPartnerId, offer: offer, quantity: quantity,
            billingCycle: cycle, termDuration: term, friendlyName: legacy.friendlyName, gainedAs: legacy.gainedAs,
            parentSubscriptionId: parent, partnerIdOnRecord: legacy.partnerIdOnRecord), context, db)
        if let contact = legacy.supportContactTenantId {
            try SubscriptionStore.setSupportContact(newId, tenant: contact, db)
        }
        _ = try Credits.record(Credits.forCancellation(legacy, now: context.now), for: legacy, context, db)
        try SubscriptionStore.cancel(legacy.id, context, db)
        return newId
    }

    private static func activeAddons(of base: SubscriptionRecord, _ db: Connection) throws -> [SubscriptionRecord] {
        try db.fetchAll(SubscriptionRow.self, "SELECT * FROM subscriptions WHERE parent_subscription_id = ? AND status <> ? ORDER BY created_at, id",
                        [base.id, SubscriptionStatus.deleted]).compactMap { try SubscriptionRecord.load($0, db) }
    }

    /// One of the caller's migrations for a customer; 404 otherwise.
    static func get(customerId: String, migrationId: String, _ context: OperationContext,
                    _ db: Connection) throws -> SubscriptionMigrationRow {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(customerId, db)
        guard let migration = try db.fetchOne(SubscriptionMigrationRow.self, """
            SELECT * FROM subscription_migrations WHERE id = ? AND customer_id = ? AND partner_id = ?
            """, [migrationId.lowercased(), customer.tenantId, partnerId]) else { throw APIError.notFound("The migration") }
        return migration
    }
}

import Foundation
import JSON
import SQLite

/// Legacy-to-new-commerce migration (`/v1/customers/{cid}/migrations/newcommerce`, as the real
/// API): a legacy license subscription is replaced by its new-commerce equivalent, add-ons with
/// it. It is one of the POR-4 changes: from the enforcement date a distributor's migration
/// needs the subscription's POR to be valid.
enum NewCommerceMigrations {
    /// The `code` of the eligibility error the documentation shows for a legacy offer with no
    /// new-commerce equivalent (validate-subscription-for-migration, example 1).
    static let offerNotInNewCommerce = 5
    /// In the `data` of the refusal of a subscription without a new-commerce equivalent.
    static let noEquivalent: JSON = "NoNewCommerceEquivalent"

    /// Migrates the subscription `input` names. `input` is the parsed body; it is read only
    /// once the customer is known to be visible, so an unknown customer is 404 whatever was sent.
    static func create(customerId: String, _ input: () throws -> MigrationInput, _ context: OperationContext,
                       _ db: Connection) throws -> MigrationDetails {
        let partner = try context.callingPartner(db)
        let (customer, _) = try context.visibleCustomer(customerId, db)
        let input = try input()
        let current = try subscription(input.currentSubscriptionId, customer: customer, partner: partner, db)
        let plan = try self.plan(current, input, partner: partner, context, db)

        let orderId = try OrderStore.insert(customer: customer.tenantId, partner: partner.tenantId, context, db)
        let id = context.ids.guid()
        var line = 0
        var newIds: [String: String] = [:]
        var rows: [SubscriptionMigrationRow] = []
        for step in [plan] + plan.addOns {
            let parent = step.current.parentSubscriptionId.flatMap { newIds[$0] }
            let newId = try migrate(step, parent: parent, order: orderId, line: line, context, db)
            newIds[step.current.id] = newId
            line += 1
            let end = try db.queryOne("SELECT commitment_end_at FROM subscriptions WHERE id = ?", [newId])?.string("commitment_end_at")
            rows.append(SubscriptionMigrationRow(
                id: rows.isEmpty ? id : context.ids.guid(), customerId: customer.tenantId, partnerId: partner.tenantId,
                currentSubscriptionId: step.current.id, newSubscriptionId: newId, catalogItemId: step.target.id,
                quantity: step.quantity, termDuration: step.termDuration, billingCycle: step.billingCycle,
                purchaseFullTerm: step.purchaseFullTerm, status: .completed, startedAt: context.nowText, completedAt: context.nowText,
                newCommerceOrderId: orderId, subscriptionEndDate: end, customTermEndDate: step.customTermEndDate.map(Timestamp.format),
                externalReferenceId: input.externalReferenceId, baseMigrationId: rows.isEmpty ? nil : id))
        }
        for row in rows { try SubscriptionStore.insert(row, db) }
        // POR-8: every migrated subscription's POR was used, an add-on's own included.
        if partner.isDistributor {
            for step in [plan] + plan.addOns {
                try PORPolicy.recordUsage(distributor: partner.tenantId, partnerId: step.current.partnerIdOnRecord, context, db)
            }
        }
        let newId = newIds[current.id] ?? ""
        try context.audit(db, "MigrateSubscription", resourceType: "Subscription", resourceId: current.id, tenants: [partner.tenantId],
                          customerId: customer.tenantId, details: ["newCommerceSubscriptionId": .string(newId), "catalogItemId": .string(plan.target.id)])
        try context.notify(db, kind: "MigrationCompleted", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "\(current.friendlyName) for \(customer.companyName) moved to new commerce",
                           body: "New-commerce subscription \(newId) replaces \(current.id).", resourceType: "Migration", resourceId: id)
        return try details(id, db)
    }

    /// `.../migrations/newcommerce/validate`: whether the subscription `input` names can be
    /// migrated as asked, and to what. An unknown customer or subscription is 404 and a
    /// malformed body 400, as for a migration; every reason a migration would be refused for
    /// is an eligibility error instead.
    static func validate(customerId: String, _ input: () throws -> MigrationInput, _ context: OperationContext,
                         _ db: Connection) throws -> NewCommerceEligibility {
        let partner = try context.callingPartner(db)
        let (customer, _) = try context.visibleCustomer(customerId, db)
        let input = try input()
        let current = try subscription(input.currentSubscriptionId, customer: customer, partner: partner, db)
        do {
            return NewCommerceEligibility(try plan(current, input, partner: partner, context, db))
        } catch let refusal as APIError {
            let code = refusal.data.contains(noEquivalent) ? offerNotInNewCommerce : refusal.code
            return NewCommerceEligibility(refused: current, input, code: code, description: refusal.description)
        }
    }

    /// The legacy subscription the caller bills; the reseller on record may see it but not
    /// migrate it (403), anyone else cannot tell it exists (404).
    private static func subscription(_ id: String, customer: CustomerRecord, partner: PartnerRecord,
                                     _ db: Connection) throws -> SubscriptionRecord {
        guard let current = try SubscriptionRecord.find(id, customer: customer.tenantId, db),
              current.movedToSubscriptionId == nil else { throw Subscriptions.notFound }
        guard current.billingPartnerId == partner.tenantId else {
            let isOnRecord = try current.partnerIdOnRecord.map { por in
                try db.queryOne("SELECT 1 FROM locations WHERE pla_id = ? AND tenant_id = ?", [por, partner.tenantId]) != nil
            } ?? false
            throw isOnRecord ? APIError.forbidden("Only the billing partner migrates a subscription.") : Subscriptions.notFound
        }
        return current
    }

    /// Every check of a migration, in the order clients have always seen, writing nothing.
    private static func plan(_ current: SubscriptionRecord, _ input: MigrationInput, partner: PartnerRecord,
                             _ context: OperationContext, _ db: Connection) throws -> MigrationPlan {
        guard current.status == .active else {
            throw APIError.invalidField("currentSubscriptionId", "only an active subscription can be migrated")
        }
        guard current.parentSubscriptionId == nil else {
            throw APIError.invalidField("currentSubscriptionId", "an add-on migrates with its base subscription")
        }
        let target = try newCommerceOffer(of: current, field: "currentSubscriptionId", db)
        if let holder = try SubscriptionHold.holder(of: current.id, db) {
            throw APIError.conflict(ErrorCode.transferInProgress, "The subscription is held by \(holder); it cannot be migrated now.")
        }
        let term = input.termDuration ?? "P1Y"
        let cycle = input.billingCycle ?? current.billingCycle
        let quantity = input.quantity ?? current.quantity
        try check(target, term: term, cycle: cycle, field: "")
        let end = try customEnd(input.customTermEndDate, target: target, term: term, field: "customTermEndDate", context)
        let addOns = try addOnPlans(of: current, input, term: term, cycle: cycle, context, db)
        // POR-4: legacy-to-new-commerce migration validates the subscription's POR, and that of
        // every add-on that carries a POR of its own (one equal to the base's is checked once).
        try PORPolicy.requireValidForChange(partnerIdOnRecord: current.partnerIdOnRecord, billingPartner: partner,
                                            change: "legacy-to-new-commerce migration", context, db)
        for addOn in addOns.map(\.current) where addOn.partnerIdOnRecord != current.partnerIdOnRecord {
            try PORPolicy.requireValidForChange(partnerIdOnRecord: addOn.partnerIdOnRecord, billingPartner: partner,
                                                change: "legacy-to-new-commerce migration of add-on \(addOn.id)", context, db)
        }
        return MigrationPlan(current: current, target: target, quantity: quantity, termDuration: term, billingCycle: cycle,
                             purchaseFullTerm: input.purchaseFullTerm ?? true, customTermEndDate: end, addOns: addOns)
    }

    /// The add-ons that follow their base (SUB-3), each with the values its `addOnMigrations`
    /// entry asks for, or by default the add-on's quantity and the base's term and cycle (the
    /// add-on's own cycle where its new-commerce offer lacks the base's).
    private static func addOnPlans(of base: SubscriptionRecord, _ input: MigrationInput, term: String, cycle: String,
                                   _ context: OperationContext, _ db: Connection) throws -> [MigrationPlan] {
        let addOns = try descendants(of: base, db)
        for (index, entry) in input.addOnMigrations.enumerated() {
            let field = "addOnMigrations[\(index)].currentSubscriptionId"
            guard addOns.contains(where: { $0.id == entry.currentSubscriptionId }) else {
                throw APIError.invalidField(field, "is not an add-on of the subscription being migrated")
            }
            guard input.addOnMigrations[..<index].allSatisfy({ $0.currentSubscriptionId != entry.currentSubscriptionId }) else {
                throw APIError.invalidField(field, "is listed twice")
            }
        }
        return try addOns.map { addOn in
            let entry = input.addOnMigrations.first { $0.currentSubscriptionId == addOn.id }
            let index = input.addOnMigrations.firstIndex { $0.currentSubscriptionId == addOn.id }
            let prefix = index.map { "addOnMigrations[\($0)]." } ?? ""
            let target = try newCommerceOffer(of: addOn, field: "currentSubscriptionId", db, addOnOf: base)
            let addOnTerm = entry?.termDuration ?? term
            let addOnCycle = entry?.billingCycle ?? (target.billingCycles.contains(cycle) ? cycle : addOn.billingCycle)
            try check(target, term: addOnTerm, cycle: addOnCycle, field: prefix)
            let end = try customEnd(entry?.customTermEndDate, target: target, term: addOnTerm, field: prefix + "customTermEndDate", context)
            return MigrationPlan(current: addOn, target: target, quantity: entry?.quantity ?? addOn.quantity, termDuration: addOnTerm,
                                 billingCycle: addOnCycle, purchaseFullTerm: entry?.purchaseFullTerm ?? input.purchaseFullTerm ?? true,
                                 customTermEndDate: end, addOns: [])
        }
    }

    private static func newCommerceOffer(of subscription: SubscriptionRecord, field: String, _ db: Connection,
                                         addOnOf base: SubscriptionRecord? = nil) throws -> OfferRecord {
        guard let target = try subscription.offer.newCommerceOfferId.flatMap({ try OfferRecord.find($0, db) }) else {
            var refusal = base != nil
                ? APIError.invalidField(field, "add-on \(subscription.id) (\(subscription.offer.name)) has no new-commerce equivalent; cancel it first")
                : APIError.invalidField(field, "\(subscription.offer.name) (\(subscription.offer.productType)) has no new-commerce equivalent")
            refusal.data.append(noEquivalent)
            throw refusal
        }
        return target
    }

    private static func check(_ target: OfferRecord, term: String, cycle: String, field prefix: String) throws {
        guard target.termDurations.contains(term) else {
            throw APIError.invalidField(prefix + "termDuration", "must be one of \(target.termDurations.joined(separator: ", "))")
        }
        guard target.billingCycles.contains(cycle) else {
            throw APIError.invalidField(prefix + "billingCycle", "must be one of \(target.billingCycles.joined(separator: ", "))")
        }
    }

    /// `customTermEndDate` aligns the new term's end with another subscription or a month end:
    /// it must fall after now and no later than the end a full term would have.
    private static func customEnd(_ date: Date?, target: OfferRecord, term: String, field: String,
                                  _ context: OperationContext) throws -> Date? {
        guard let date else { return nil }
        let fullEnd = SubscriptionStore.commitmentEnd(offer: target, term: term, createdAt: context.now, now: context.now)
        guard date > context.now, let fullEnd, date <= fullEnd else {
            throw APIError.invalidField(field, "must fall after now and no later than the end of a full \(term) term")
        }
        return date
    }

    /// The add-ons of `base` that are not deleted, nested ones included, each after its parent.
    private static func descendants(of base: SubscriptionRecord, _ db: Connection) throws -> [SubscriptionRecord] {
        var found: [SubscriptionRecord] = []
        var parents = [base.id]
        while let parent = parents.first {
            parents.removeFirst()
            let children = try db.fetchAll(SubscriptionRow.self, """
                SELECT * FROM subscriptions WHERE parent_subscription_id = ? AND status <> ? AND moved_to_subscription_id IS NULL
                ORDER BY created_at, id
                """, [parent, SubscriptionStatus.deleted]).compactMap { try SubscriptionRecord.load($0, db) }
            found += children
            parents += children.map(\.id)
        }
        return found
    }

    /// Creates the new-commerce subscription (a line of the migration's order) and cancels the
    /// legacy one with its prorated credit (SUB-2).
    private static func migrate(_ step: MigrationPlan, parent: String?, order: String, line: Int,
                                _ context: OperationContext, _ db: Connection) throws -> String {
        let legacy = step.current
        let newId = try SubscriptionStore.insert(NewSubscription(
            customerId: legacy.customerId, billingPartnerId: legacy.billingPartnerId, offer: step.target, quantity: step.quantity,
            billingCycle: step.billingCycle, termDuration: step.termDuration, friendlyName: legacy.friendlyName, gainedAs: legacy.gainedAs,
            parentSubscriptionId: parent, partnerIdOnRecord: legacy.partnerIdOnRecord, orderId: order), context, db)
        if let end = step.customTermEndDate {
            try SubscriptionStore.update(newId, set: [("commitment_end_at", Timestamp.format(end))], db)
        }
        if let contact = legacy.supportContactTenantId {
            try SubscriptionStore.setSupportContact(newId, tenant: contact, db)
        }
        try OrderStore.insertLine(order: order, number: line, offer: step.target.id, subscription: newId, quantity: step.quantity,
                                  term: step.termDuration, cycle: step.billingCycle, por: legacy.partnerIdOnRecord, parent: parent,
                                  name: legacy.friendlyName, db)
        _ = try Credits.record(Credits.forCancellation(legacy, now: context.now), for: legacy, context, db)
        try SubscriptionStore.cancel(legacy.id, context, db)
        return newId
    }

    /// One of the caller's migrations for a customer, with its add-ons' migrations; 404 otherwise.
    static func get(customerId: String, migrationId: String, _ context: OperationContext,
                    _ db: Connection) throws -> MigrationDetails {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(customerId, db)
        guard try db.queryOne("""
            SELECT 1 FROM subscription_migrations WHERE id = ? AND customer_id = ? AND partner_id = ? AND base_migration_id IS NULL
            """, [migrationId.lowercased(), customer.tenantId, partnerId]) != nil else { throw APIError.notFound("The migration") }
        return try details(migrationId.lowercased(), db)
    }

    /// `GET /v1/migrations/newcommerce`: the caller's migrations matching every filter given
    /// (at least one is required, as documented), oldest first, at most `limit`, of customers the
    /// caller still sees (as get-by-id: once the relationship ended, CUS-7, they are gone).
    /// `CurrentSubscriptionId` is "the legacy ID for a subscription that has been migrated": an
    /// add-on's id finds the migration of its base, whose `addOnMigrations` holds the add-on's.
    static func list(customerTenantId: String?, currentSubscriptionId: String?, externalReferenceId: String?, limit: Int,
                     _ context: OperationContext, _ db: Connection) throws -> [MigrationDetails] {
        let partnerId = try context.caller.tenantId
        guard customerTenantId != nil || currentSubscriptionId != nil || externalReferenceId != nil else {
            throw APIError.invalidField("CustomerTenantId", "at least one of CustomerTenantId, CurrentSubscriptionId and ExternalReferenceId is required")
        }
        let rows = try db.query("""
            SELECT id, customer_id FROM subscription_migrations m WHERE partner_id = ?1 AND base_migration_id IS NULL
            AND (?2 IS NULL OR customer_id = ?2) AND (?4 IS NULL OR external_reference_id = ?4)
            AND (?3 IS NULL OR current_subscription_id = ?3
                 OR EXISTS (SELECT 1 FROM subscription_migrations a WHERE a.base_migration_id = m.id AND a.current_subscription_id = ?3))
            ORDER BY started_at, id
            """, [partnerId, customerTenantId, currentSubscriptionId, externalReferenceId])
        var visibility: [String: Bool] = [:]
        var found: [MigrationDetails] = []
        for row in rows where found.count < limit {
            guard let id = row.string("id"), let customerId = row.string("customer_id") else { continue }
            let visible = try visibility[customerId] ?? isVisible(customerId, to: partnerId, db)
            visibility[customerId] = visible
            if visible { found.append(try details(id, db)) }
        }
        return found
    }

    /// The visibility `context.visibleCustomer` applies to get-by-id: an active relationship
    /// with an existing customer.
    private static func isVisible(_ customerId: String, to partnerId: String, _ db: Connection) throws -> Bool {
        try !CustomerRelationships.activeKinds(customer: customerId, partner: partnerId, db).isEmpty
            && CustomerRecord.find(customerId, db) != nil
    }

    private static func details(_ id: String, _ db: Connection) throws -> MigrationDetails {
        guard let base = try db.fetchOne(SubscriptionMigrationRow.self, "SELECT * FROM subscription_migrations WHERE id = ?", [id]) else {
            throw APIError.notFound("The migration")
        }
        let addOns = try db.fetchAll(SubscriptionMigrationRow.self, """
            SELECT * FROM subscription_migrations WHERE base_migration_id = ? ORDER BY current_subscription_id
            """, [id])
        return MigrationDetails(base: base, addOns: addOns)
    }
}

import Foundation
import SQLite

/// The one writer of the `subscriptions` table and of the records of a subscription's
/// lifecycle (`credits`, `subscription_migrations`): orders, migrations, transfers, partner
/// switches and the world loader all create and change subscriptions through here, so the
/// rules of a stored subscription (commitment end, Azure subscription id and its Owner role)
/// hold whoever writes.
enum SubscriptionStore {
    /// Inserts a subscription; returns its id. Azure usage offers get an Azure subscription
    /// id (and its billing partner the Owner role on it); term offers get a commitment end.
    static func insert(_ new: NewSubscription, _ context: OperationContext, _ db: Connection) throws -> String {
        // Ids are drawn in this order (subscription, Azure subscription, role assignment), so
        // a seeded id generator (`idSeed`) gives the same ids as before.
        let id = new.id ?? context.ids.guid()
        let azureId = new.offer.isAzureUsage ? (new.azureSubscriptionId ?? context.ids.guid()) : nil
        let created = new.createdAt ?? context.now
        let end = commitmentEnd(offer: new.offer, term: new.termDuration, createdAt: created, now: context.now)
        try db.insert(SubscriptionRow(
            id: id, customerId: new.customerId, billingPartnerId: new.billingPartnerId, offerId: new.offer.id,
            friendlyName: new.friendlyName, quantity: new.quantity, status: new.status, billingCycle: new.billingCycle,
            termDuration: new.termDuration, autoRenew: new.autoRenew ?? (end != nil),
            parentSubscriptionId: new.parentSubscriptionId, partnerIdOnRecord: new.partnerIdOnRecord,
            supportContactTenantId: nil, azureSubscriptionId: azureId, orderId: new.orderId, gainedAs: new.gainedAs,
            createdAt: Timestamp.format(created), commitmentEndAt: end.map(Timestamp.format), cancelledAt: nil,
            scheduledNextTerm: nil, scheduledSetAt: nil, movedToSubscriptionId: nil), into: "subscriptions")
        if let azureId { try RoleAssignmentStore.grant(azureSubscriptionId: azureId, to: new.billingPartnerId, role: "Owner", context, db) }
        return id
    }

    /// The one commitment-end rule: the first end of the term after `now`, counted in whole
    /// terms from creation (computed, never stepped to: a subscription created long ago must
    /// not loop under the write lock). Created now, that is one term from now. Nil for usage
    /// offers, offers without a term and terms pcsim cannot apply (zero).
    static func commitmentEnd(offer: OfferRecord, term: String, createdAt: Date, now: Date) -> Date? {
        guard !offer.isAzureUsage, let duration = ISODuration(term), !duration.isZero else { return nil }
        return duration.firstEnd(after: now, from: createdAt)
    }

    /// Changes columns of one subscription (a PATCH's accepted changes).
    static func update(_ id: String, set columns: [(String, (any ValueConvertible)?)], _ db: Connection) throws {
        guard !columns.isEmpty else { return }
        try db.update("subscriptions", set: columns, where: "id = ?", [id])
    }

    /// Cancelled now: deleted, renewal stopped.
    static func cancel(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        try db.run("UPDATE subscriptions SET status = ?, cancelled_at = ?, auto_renew = 0 WHERE id = ?",
                   [SubscriptionStatus.deleted, context.nowText, id])
    }

    /// The term ended without renewal (SIM-2): deleted as of `end`.
    static func expire(_ id: String, at end: Date, _ db: Connection) throws {
        try db.run("UPDATE subscriptions SET status = ?, cancelled_at = ? WHERE id = ?",
                   [SubscriptionStatus.deleted, Timestamp.format(end), id])
    }

    /// The term renewed (SIM-2) on these terms until `end`; any scheduled change is used up.
    static func renew(_ id: String, quantity: Int, term: String, cycle: String, until end: Date, _ db: Connection) throws {
        try db.run("""
            UPDATE subscriptions SET quantity = ?, term_duration = ?, billing_cycle = ?, commitment_end_at = ?,
                scheduled_next_term = NULL, scheduled_set_at = NULL WHERE id = ?
            """, [quantity, term, cycle, Timestamp.format(end), id])
    }

    static func setStatus(_ id: String, _ status: SubscriptionStatus, _ db: Connection) throws {
        try db.run("UPDATE subscriptions SET status = ? WHERE id = ?", [status, id])
    }

    /// SST-9: the subscription moved to another partner under `newId` and leaves this list.
    static func markMoved(_ id: String, to newId: String, _ context: OperationContext, _ db: Connection) throws {
        try db.run("UPDATE subscriptions SET moved_to_subscription_id = ?, status = ?, cancelled_at = ? WHERE id = ?",
                   [newId, SubscriptionStatus.deleted, context.nowText, id])
    }

    /// Azure partner switch: same subscription, same Azure subscription id, another billing
    /// partner; the old partner's POR and support contact go with it.
    static func switchBillingPartner(_ id: String, to partner: String, _ db: Connection) throws {
        try db.run("UPDATE subscriptions SET billing_partner_id = ?, partner_id_on_record = NULL, support_contact_tenant_id = NULL WHERE id = ?",
                   [partner, id])
    }

    static func setSupportContact(_ id: String, tenant: String?, _ db: Connection) throws {
        try db.run("UPDATE subscriptions SET support_contact_tenant_id = ? WHERE id = ?", [tenant, id])
    }

    /// A cancellation credit for the next invoice (SUB-1, SUB-2).
    static func insert(_ credit: CreditRow, _ db: Connection) throws {
        try db.insert(credit, into: "credits")
    }

    /// A completed new-commerce migration.
    static func insert(_ migration: SubscriptionMigrationRow, _ db: Connection) throws {
        try db.insert(migration, into: "subscription_migrations")
    }
}

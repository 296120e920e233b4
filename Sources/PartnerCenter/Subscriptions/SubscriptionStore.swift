import Foundation
import SQLite

/// The one writer of the `subscriptions` table: orders, migrations, transfers, partner
/// switches and the world loader all create and change subscriptions through here, so the
/// rules of a stored subscription (commitment end, Azure subscription id and its Owner role)
/// hold whoever writes.
enum SubscriptionStore {
    /// Inserts a subscription; returns its id. Azure usage offers get an Azure subscription
    /// id; term offers get a commitment end date.
    static func insert(customer: String, billingPartner: String, offer: OfferRecord, quantity: Int, billingCycle: String,
                       termDuration: String, parentId: String?, partnerIdOnRecord: String?, orderId: String?,
                       friendlyName: String, gainedAs: String, azureSubscriptionId: String? = nil,
                       _ context: OperationContext, _ db: Connection) throws -> String {
        let id = context.ids.guid()
        let azureId = offer.isAzureUsage ? (azureSubscriptionId ?? context.ids.guid()) : nil
        let commitmentEnd = ISODuration(termDuration).map { Timestamp.format($0.added(to: context.now)) }
        try db.run("""
            INSERT INTO subscriptions (id, customer_id, billing_partner_id, offer_id, friendly_name, quantity, status, billing_cycle,
                term_duration, auto_renew, parent_subscription_id, partner_id_on_record, azure_subscription_id, order_id, gained_as,
                created_at, commitment_end_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [id, customer, billingPartner, offer.id, friendlyName, quantity, SubscriptionStatus.active.rawValue, billingCycle,
                  termDuration, !offer.isAzureUsage && commitmentEnd != nil, parentId, partnerIdOnRecord, azureId, orderId, gainedAs,
                  context.nowText, commitmentEnd])
        if let azureId { try RoleAssignmentStore.grant(azureSubscriptionId: azureId, to: billingPartner, role: "Owner", context, db) }
        return id
    }

    /// Cancelled now: deleted, renewal stopped.
    static func cancel(_ id: String, _ context: OperationContext, _ db: Connection) throws {
        try db.run("UPDATE subscriptions SET status = ?, cancelled_at = ?, auto_renew = 0 WHERE id = ?",
                   [SubscriptionStatus.deleted.rawValue, context.nowText, id])
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
        try db.run("UPDATE subscriptions SET status = ? WHERE id = ?", [status.rawValue, id])
    }

    /// SST-9: the subscription moved to another partner under `newId` and leaves this list.
    static func markMoved(_ id: String, to newId: String, _ context: OperationContext, _ db: Connection) throws {
        try db.run("UPDATE subscriptions SET moved_to_subscription_id = ?, status = ?, cancelled_at = ? WHERE id = ?",
                   [newId, SubscriptionStatus.deleted.rawValue, context.nowText, id])
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
}

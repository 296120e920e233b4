import Foundation
import JSON
import SQLite

/// Term ends as the simulated clock passes them (SIM-2): auto-renewing subscriptions renew,
/// applying any scheduled change; others expire. Renewals are never blocked by POR (POR-5),
/// and neither are scheduled changes, which were validated when they were set.
enum Renewals {
    static func apply(_ db: Connection, _ context: RequestContext) throws {
        let due = try db.query("""
            SELECT id, customer_id FROM subscriptions WHERE status = 'active' AND commitment_end_at IS NOT NULL AND commitment_end_at <= ?
            ORDER BY commitment_end_at
            """, [context.nowText])
        for row in due {
            guard let id = row.string("id"), let customer = row.string("customer_id"),
                  let subscription = try SubscriptionRecord.find(id, customer: customer, db),
                  let end = subscription.commitmentEndAt.flatMap(Timestamp.parse) else { continue }
            guard subscription.autoRenew else {
                try db.run("UPDATE subscriptions SET status = 'deleted', cancelled_at = ? WHERE id = ?", [Timestamp.format(end), id])
                try audit("ExpireSubscription", subscription, ["status": "deleted"], context, db)
                continue
            }
            let next = subscription.scheduledNextTerm
            let quantity = next?["quantity"]?.intValue.map(Int.init) ?? subscription.quantity
            let term = next?["termDuration"]?.stringValue ?? subscription.termDuration
            let cycle = next?["billingCycle"]?.stringValue ?? subscription.billingCycle
            var newEnd = end
            guard let step = ISODuration(term) else { continue }
            repeat { newEnd = step.added(to: newEnd) } while newEnd <= context.now
            try db.run("""
                UPDATE subscriptions SET quantity = ?, term_duration = ?, billing_cycle = ?, commitment_end_at = ?,
                    scheduled_next_term = NULL, scheduled_set_at = NULL WHERE id = ?
                """, [quantity, term, cycle, Timestamp.format(newEnd), id])
            try audit("RenewSubscription", subscription,
                      ["quantity": .int(Int64(quantity)), "termDuration": .string(term), "billingCycle": .string(cycle),
                       "commitmentEndDate": .string(Timestamp.format(newEnd)), "appliedScheduledChange": .bool(next != nil)],
                      context, db)
        }
    }

    private static func audit(_ operation: String, _ subscription: SubscriptionRecord, _ details: JSONObject,
                              _ context: RequestContext, _ db: Connection) throws {
        try AuditLog.insert(db, id: context.services.ids.guid(), at: context.nowText, tenant: subscription.billingPartnerId,
                            actorTenant: Transitions.microsoftActor, actor: Transitions.microsoftActor, operation: operation,
                            resourceType: "Subscription", resourceId: subscription.id, customerId: subscription.customerId,
                            details: details)
    }
}

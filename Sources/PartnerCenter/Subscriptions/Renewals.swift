import Foundation
import JSON
import SQLite

/// Term ends as the simulated clock passes them (SIM-2): auto-renewing subscriptions renew,
/// applying any scheduled change; others expire. Renewals are never blocked by POR (POR-5),
/// and neither are scheduled changes set before the enforcement date. A scheduled change set
/// on or after it is a phase-2 change (POR-4): when the subscription's POR is no longer valid
/// at renewal, the subscription renews on its current terms and the change is dropped, with
/// the verdict in the audit record.
enum Renewals: TimeBasedTransition {
    /// A subscription whose term end has passed.
    private struct Due: Decodable {
        let id: String
        let customerId: String
    }

    static let dueQuery = "SELECT 1 FROM subscriptions WHERE status = '\(SubscriptionStatus.active.rawValue)' AND commitment_end_at <= ?1"

    static func apply(_ context: OperationContext, _ db: Connection) throws {
        let due = try db.fetchAll(Due.self, """
            SELECT id, customer_id FROM subscriptions WHERE status = ? AND commitment_end_at IS NOT NULL AND commitment_end_at <= ?
            ORDER BY commitment_end_at, parent_subscription_id IS NOT NULL, id
            """, [SubscriptionStatus.active, context.nowText])   // a base before its add-ons, so an add-on expires with its base (SUB-3)
        for row in due {
            // Read again: an earlier step of this loop may have changed it.
            let id = row.id, customer = row.customerId
            guard let subscription = try SubscriptionRecord.find(id, customer: customer, db),
                  subscription.status == .active,   // an add-on may have expired with its base above
                  let end = subscription.commitmentEndAt.flatMap(Timestamp.parse) else { continue }
            let atEnd = context.at(end)   // recorded when the term ended (SIM-2)
            guard subscription.autoRenew else {
                try SubscriptionStore.expire(id, at: end, db)
                try audit("ExpireSubscription", subscription, ["status": .string(SubscriptionStatus.deleted.rawValue)], atEnd, db)
                // SUB-3: add-ons follow their base.
                for addon in try db.fetchAll(SubscriptionRow.self, "SELECT * FROM subscriptions WHERE parent_subscription_id = ? AND status != ?",
                                             [id, SubscriptionStatus.deleted]) {
                    guard let record = try SubscriptionRecord.load(addon, db) else { continue }
                    try SubscriptionStore.expire(record.id, at: end, db)
                    try audit("ExpireSubscription", record, ["status": .string(SubscriptionStatus.deleted.rawValue), "followsBase": .string(id)], atEnd, db)
                }
                continue
            }
            var next = subscription.scheduledNextTerm
            var blocked: PORVerdict?
            if next != nil, let verdict = try scheduledChangeVerdict(subscription, context, db), !verdict.isValid {
                blocked = verdict
                next = nil
            }
            let quantity = next?["quantity"]?.intValue.map(Int.init) ?? subscription.quantity
            let term = next?["termDuration"]?.stringValue ?? subscription.termDuration
            let cycle = next?["billingCycle"]?.stringValue ?? subscription.billingCycle
            // The next term end after now, computed rather than stepped to: a term of zero (from
            // an old database) or a clock moved centuries ahead must not loop under the write lock.
            guard let step = ISODuration(term), !step.isZero, let newEnd = step.firstEnd(after: context.now, from: end) else { continue }
            try SubscriptionStore.renew(id, quantity: quantity, term: term, cycle: cycle, until: newEnd, db)
            var details: JSONObject = [
                "quantity": .int(Int64(quantity)), "termDuration": .string(term), "billingCycle": .string(cycle),
                "commitmentEndDate": .string(Timestamp.format(newEnd)), "appliedScheduledChange": .bool(next != nil),
            ]
            if let code = blocked?.errorCode { details["scheduledChangeBlockedCode"] = .int(Int64(code)) }
            try audit("RenewSubscription", subscription, details, atEnd, db)
        }
    }

    /// POR-5: the verdict a scheduled change must pass when applied; nil when it is exempt (set
    /// before the enforcement date, or not a distributor's subscription).
    private static func scheduledChangeVerdict(_ subscription: SubscriptionRecord, _ context: OperationContext,
                                               _ db: Connection) throws -> PORVerdict? {
        guard PORPolicy.isEnforced(context),
              let setAt = subscription.scheduledSetAt.flatMap(Timestamp.parse),
              setAt >= context.configuration.porEnforcementDate,
              let partner = try PartnerRecord.find(subscription.billingPartnerId, db), partner.isDistributor else { return nil }
        guard let por = subscription.partnerIdOnRecord, !por.isEmpty else {
            return PORVerdict("", .invalidFormat)
        }
        return try PORValidator.verdict(for: por, distributor: partner, db)
    }

    private static func audit(_ operation: String, _ subscription: SubscriptionRecord, _ details: JSONObject,
                              _ context: OperationContext, _ db: Connection) throws {
        try context.audit(db, operation, resourceType: "Subscription", resourceId: subscription.id,
                          tenants: [subscription.billingPartnerId], customerId: subscription.customerId, details: details, bySystem: true)
    }
}

import Foundation
import SQLite

/// SST-4 and SST-5: which of a customer's subscriptions a migrating partner can move to a
/// distributor, and why not.
enum SelfServiceEligibility {
    /// How the reason of a subscription another transfer or form holds begins (SST-5): a
    /// transfer offering it is refused with 409 rather than 400.
    static let heldReason = "InActiveTransfer"

    /// nil when eligible, otherwise the reason.
    static func reason(_ subscription: SubscriptionRecord, _ db: Connection) throws -> String? {
        guard subscription.status == .active else { return "SubscriptionNotActive: only active subscriptions can be transferred." }
        switch subscription.offer.productType {
        case "OnlineServices", "AzureLegacy":
            break
        case "OnlineServicesNCE":
            return "NewCommerceNotEligible: turn off auto-renew; the distributor must buy the product anew."
        case "AzureSubscription":
            return "AzurePlanNotEligible: Azure plan subscriptions are not moved by self-service transfer."
        case "AzureReservation":
            return "ReservationNotEligible: Azure reservations are not moved by self-service transfer."
        case "Software":
            return "SoftwareNotEligible: term-based software is not moved by self-service transfer."
        default:
            return "MarketplaceNotEligible: SaaS and marketplace subscriptions are not moved by self-service transfer."
        }
        if let holder = try SubscriptionHold.holder(of: subscription.id, db) {
            return "\(heldReason): the subscription is already held by \(holder)."
        }
        return nil
    }

    /// GET /v1/customers/{cid}/transferseligibility?transferType=directtoindirect: every
    /// subscription the calling partner bills for the customer (not deleted, not moved),
    /// oldest first, with its verdict. Returns them and the customer's id.
    static func list(transferType: String?, customerId: String, _ context: OperationContext,
                     _ db: Connection) throws -> (items: [TransferEligibility], customerId: String) {
        guard transferType?.lowercased() == "directtoindirect" else {
            throw APIError.invalidField("transferType", "must be directtoindirect")
        }
        let partner = try context.callingPartner(db)
        guard partner.hasMigrated else {
            throw APIError.forbidden("Only a direct-bill partner that completed IndirectReseller enrollment on the same tenant can transfer to a distributor.")
        }
        let (customer, _) = try context.visibleCustomer(customerId, db)
        let rows = try db.fetchAll(SubscriptionRow.self, """
            SELECT * FROM subscriptions WHERE customer_id = ? AND billing_partner_id = ? AND moved_to_subscription_id IS NULL
            AND status <> ? ORDER BY created_at, id
            """, [customer.tenantId, partner.tenantId, SubscriptionStatus.deleted])
        var items: [TransferEligibility] = []
        for row in rows {
            guard let subscription = try SubscriptionRecord.load(row, db) else { continue }
            var why = try reason(subscription, db)
            // Add-ons go with their base (SST-6); they are not requested on their own.
            if why == nil, let parent = subscription.parentSubscriptionId {
                why = "AddOnFollowsBase: add-ons are transferred automatically with base subscription \(parent)."
            }
            items.append(TransferEligibility(subscription, reason: why))
        }
        return (items, customer.tenantId)
    }
}

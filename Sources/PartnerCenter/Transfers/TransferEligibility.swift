import Foundation
import JSON
import SQLite

/// SST-4 and SST-5: which of a customer's subscriptions a migrating partner can move to a
/// distributor, and why not.
enum TransferEligibility {
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
            return "InActiveTransfer: the subscription is already held by \(holder)."
        }
        return nil
    }

    /// GET /v1/customers/{cid}/transferseligibility?transferType=directtoindirect
    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        guard context.query("transferType")?.lowercased() == "directtoindirect" else {
            throw APIError.invalidField("transferType", "must be directtoindirect")
        }
        let partner = try context.callingPartner(db)
        guard partner.hasMigrated else {
            throw APIError.forbidden("Only a direct-bill partner that completed IndirectReseller enrollment on the same tenant can transfer to a distributor.")
        }
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        let rows = try db.query("""
            SELECT id FROM subscriptions WHERE customer_id = ? AND billing_partner_id = ? AND moved_to_subscription_id IS NULL
            AND status <> 'deleted' ORDER BY created_at, id
            """, [customer.tenantId, partner.tenantId])
        var items: [JSON] = []
        for row in rows {
            guard let id = row.string("id"), let subscription = try SubscriptionRecord.find(id, customer: customer.tenantId, db) else { continue }
            var why = try reason(subscription, db)
            // Add-ons go with their base (SST-6); they are not requested on their own.
            if why == nil, let parent = subscription.parentSubscriptionId {
                why = "AddOnFollowsBase: add-ons are transferred automatically with base subscription \(parent)."
            }
            var item: JSONObject = ["id": .string(id), "offerId": .string(subscription.offer.id),
                                    "productType": .string(subscription.offer.productType), "isEligible": .bool(why == nil)]
            if let why { item["reason"] = .string(why) }
            items.append(.object(item))
        }
        return .ok(try Page(context).collection(all: items, selfURI: "/customers/\(customer.tenantId)/transferseligibility?transferType=directtoindirect"))
    }
}

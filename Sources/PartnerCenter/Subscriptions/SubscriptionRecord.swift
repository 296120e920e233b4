import Foundation
import JSON
import SQLite

/// A subscription row with its offer.
struct SubscriptionRecord: Sendable {
    let id: String
    let customerId: String
    let billingPartnerId: String
    let offer: OfferRecord
    let friendlyName: String
    let quantity: Int
    let status: String
    let billingCycle: String
    let termDuration: String
    let autoRenew: Bool
    let parentId: String?
    let partnerIdOnRecord: String?
    let supportContactTenantId: String?
    let azureSubscriptionId: String?
    let orderId: String?
    let createdAt: String
    let commitmentEndAt: String?
    let cancelledAt: String?
    let scheduledNextTerm: JSON?
    let scheduledSetAt: String?
    /// Set when the subscription moved to another partner under a new id (SST-9).
    let movedToSubscriptionId: String?

    static func find(_ id: String, customer: String, _ db: Connection) throws -> SubscriptionRecord? {
        guard let row = try db.queryOne("SELECT * FROM subscriptions WHERE id = ? AND customer_id = ?", [id.lowercased(), customer]),
              let offerId = row.string("offer_id"), let offer = try OfferRecord.find(offerId, db) else { return nil }
        return SubscriptionRecord(row, offer: offer)
    }

    init(_ row: Row, offer: OfferRecord) {
        id = row.string("id") ?? ""
        customerId = row.string("customer_id") ?? ""
        billingPartnerId = row.string("billing_partner_id") ?? ""
        self.offer = offer
        friendlyName = row.string("friendly_name") ?? ""
        quantity = row.int("quantity") ?? 0
        status = row.string("status") ?? "active"
        billingCycle = row.string("billing_cycle") ?? ""
        termDuration = row.string("term_duration") ?? ""
        autoRenew = row.bool("auto_renew") ?? false
        parentId = row.string("parent_subscription_id")
        partnerIdOnRecord = row.string("partner_id_on_record")
        supportContactTenantId = row.string("support_contact_tenant_id")
        azureSubscriptionId = row.string("azure_subscription_id")
        orderId = row.string("order_id")
        createdAt = row.string("created_at") ?? ""
        commitmentEndAt = row.string("commitment_end_at")
        cancelledAt = row.string("cancelled_at")
        scheduledNextTerm = row.string("scheduled_next_term").flatMap { try? JSON.parse($0) }
        scheduledSetAt = row.string("scheduled_set_at")
        movedToSubscriptionId = row.string("moved_to_subscription_id")
    }

    /// The Subscription resource of the real API (plus the Azure subscription id pcsim tracks).
    func render() -> JSON {
        var object: JSONObject = [
            "id": .string(id),
            "offerId": .string(offer.id),
            "offerName": .string(offer.name),
            "friendlyName": .string(friendlyName),
            "quantity": .int(Int64(quantity)),
            "unitType": .string(offer.isAzureUsage ? "Usage-based" : "Licenses"),
            "creationDate": .string(createdAt),
            "effectiveStartDate": .string(createdAt),
            "commitmentEndDate": JSON(commitmentEndAt),
            "status": .string(status),
            "autoRenewEnabled": .bool(autoRenew),
            "isTrial": false,
            "billingType": .string(offer.isAzureUsage ? "usage" : "license"),
            "billingCycle": .string(billingCycle),
            "termDuration": JSON(termDuration.isEmpty ? nil : termDuration),
            "contractType": "subscription",
            "productType": .object(["id": .string(offer.productType), "displayName": .string(offer.productType)]),
            "isMicrosoftProduct": .bool(offer.isMicrosoft),
            "orderId": JSON(orderId),
            "partnerId": JSON(partnerIdOnRecord),
            "customerId": .string(customerId),
            "billingPartnerTenantId": .string(billingPartnerId),
        ]
        if let parentId { object["parentSubscriptionId"] = .string(parentId) }
        if let azureSubscriptionId { object["azureSubscriptionId"] = .string(azureSubscriptionId) }
        if let cancelledAt { object["cancellationDate"] = .string(cancelledAt) }
        if let supportContactTenantId {
            object["supportContact"] = .object(["supportTenantId": .string(supportContactTenantId)])
        }
        if let scheduledNextTerm { object["scheduledNextTermInstructions"] = scheduledNextTerm }
        var result = object
        result["links"] = .object([
            "self": Links.link("/customers/\(customerId)/subscriptions/\(id)"),
            "offer": Links.link("/offers/\(offer.id)"),
        ])
        result["attributes"] = .object(["objectType": "Subscription", "etag": .string(Links.etag(of: object))])
        return .object(result)
    }
}

import Foundation
import JSON
import SQLite

/// P2P-1: before a new-commerce transfer, the target sends the customer a relationship
/// request that lists the subscriptions it intends to take; the customer accepts it through
/// `/portal/invitations/{id}/accept`.
enum TransferRelationshipRequests {
    /// POST /portal/customers/{cid}/relationship-requests by the target's AdminAgent.
    static func create(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let target = try context.callingPartner(db)
        // A suspended partner cannot court new customers (as for CUS-1 and CUS-2).
        try CustomerRelationships.requireActive(target)
        guard let customer = try CustomerRecord.find(context.pathParameter("customerId"), db) else {
            throw APIError.notFound("The customer")
        }
        try CustomerRelationships.requireSameRegion(target, customer)
        let body = try context.body()
        let subscriptionIds = body.has("subscriptionIds") ? try body.stringArray("subscriptionIds", maxCount: InputLimits.lineItems.upperBound).map { $0.lowercased() } : []
        for (index, id) in subscriptionIds.enumerated() {
            guard try db.queryOne("SELECT 1 FROM subscriptions WHERE id = ? AND customer_id = ?", [id, customer.tenantId]) != nil else {
                throw APIError.invalidField("subscriptionIds[\(index)]", "is not a subscription of this customer")
            }
        }
        let payload: JSON = ["subscriptionIds": .array(subscriptionIds.map { .string($0) })]
        let id = try InvitationStore.insert(kind: .resellerRelationship, inviter: target.tenantId, invitee: customer.tenantId,
                                            customer: customer.tenantId, payload: payload, context.operation, db)
        let link = Invitations.url(id, context)
        try context.notify(db, kind: "RelationshipRequest", to: customer.email, tenant: customer.tenantId,
                           subject: "\(target.legalName) asks to become your partner",
                           body: "Accept at \(link). \(target.legalName) intends to take over \(subscriptionIds.count) subscription(s).",
                           link: link, resourceType: "Invitation", resourceId: id)
        try context.audit(db, "CreateRelationshipRequest", resourceType: "Invitation", resourceId: id, tenants: [target.tenantId],
                          customerId: customer.tenantId, details: payload.objectValue ?? [:])
        return .created(try Invitations.render(id, context, db))
    }
}

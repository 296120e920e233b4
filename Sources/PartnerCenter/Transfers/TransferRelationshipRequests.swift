import Foundation
import JSON
import SQLite

/// P2P-1: before a new-commerce transfer, the target sends the customer a relationship
/// request that lists the subscriptions it intends to take; the customer accepts it through
/// `/portal/invitations/{id}/accept`.
enum TransferRelationshipRequests {
    /// The target's AdminAgent asks one customer; returns the invitation's id. The body
    /// (`subscriptionIds`) is read by the route and refused here, after the checks on the
    /// target and the customer (as ever).
    static func create(customerId: String, subscriptionIds: Result<[String], APIError>, _ context: OperationContext,
                       _ db: Connection) throws -> String {
        let target = try context.callingPartner(db)
        // A suspended partner cannot court new customers (as for CUS-1 and CUS-2).
        try CustomerRelationships.requireActive(target)
        guard let customer = try CustomerRecord.find(customerId, db) else {
            throw APIError.notFound("The customer")
        }
        try CustomerRelationships.requireSameRegion(target, customer)
        let subscriptionIds = try subscriptionIds.get()
        for (index, id) in subscriptionIds.enumerated() {
            guard try db.queryOne("SELECT 1 FROM subscriptions WHERE id = ? AND customer_id = ?", [id, customer.tenantId]) != nil else {
                throw APIError.invalidField("subscriptionIds[\(index)]", "is not a subscription of this customer")
            }
        }
        let payload: JSON = ["subscriptionIds": .array(subscriptionIds.map { .string($0) })]
        let id = try InvitationStore.insert(kind: .resellerRelationship, inviter: target.tenantId, invitee: customer.tenantId,
                                            customer: customer.tenantId, payload: payload, context, db)
        try Invitations.mail(id, kind: "RelationshipRequest", to: customer.email, tenant: customer.tenantId,
                             subject: "\(target.legalName) asks to become your partner",
                             body: { "Accept at \($0). \(target.legalName) intends to take over \(subscriptionIds.count) subscription(s)." },
                             context, db)
        try context.audit(db, "CreateRelationshipRequest", resourceType: "Invitation", resourceId: id, tenants: [target.tenantId],
                          customerId: customer.tenantId, details: payload.objectValue ?? [:])
        return id
    }
}

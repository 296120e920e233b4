import Foundation
import JSON
import SQLite

/// Subscription resources: creation from orders, listing, one, add-ons.
enum Subscriptions {
    /// Subscriptions the caller may see for a customer: those it bills, and for an indirect
    /// reseller those whose POR is one of its PLA ids.
    private static let visibleClause = """
        s.customer_id = ?1 AND s.moved_to_subscription_id IS NULL
        AND (s.billing_partner_id = ?2 OR s.partner_id_on_record IN (SELECT pla_id FROM locations WHERE tenant_id = ?2))
        """

    static func list(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        let page = try Page(context)
        var clause = visibleClause
        var arguments: [(any ValueConvertible)?] = [customer.tenantId, partnerId]
        if let mpnId = context.query("mpn_id"), !mpnId.isEmpty {
            clause += " AND s.partner_id_on_record = ?3"
            arguments.append(mpnId)
        }
        let total = try db.count("SELECT count(*) FROM subscriptions s WHERE \(clause)", arguments)
        let rows = try db.query("SELECT s.* FROM subscriptions s WHERE \(clause) ORDER BY s.created_at, s.id \(Page.limitClause)", page.arguments(arguments))
        let items = try rows.map { try render($0, db) }
        return .ok(page.collection(items, totalCount: total, selfURI: "/customers/\(customer.tenantId)/subscriptions"))
    }

    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        .ok(try visible(context, db).render())
    }

    static func addons(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let base = try visible(context, db)
        let rows = try db.query("""
            SELECT s.* FROM subscriptions s WHERE \(visibleClause) AND s.parent_subscription_id = ?3 ORDER BY s.created_at, s.id
            """, [base.customerId, try context.caller.tenantId, base.id])
        let items = try rows.map { try render($0, db) }
        return .ok(try Page(context).collection(all: items, selfURI: "/customers/\(base.customerId)/subscriptions/\(base.id)/addons"))
    }

    /// The subscription named in the path when the caller may see it; 404 otherwise.
    static func visible(_ context: RequestContext, _ db: Connection) throws -> SubscriptionRecord {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        let id = context.pathParameter("subscriptionId").lowercased()
        guard try db.queryOne("SELECT 1 FROM subscriptions s WHERE \(visibleClause) AND s.id = ?3", [customer.tenantId, partnerId, id]) != nil,
              let subscription = try SubscriptionRecord.find(id, customer: customer.tenantId, db) else {
            throw APIError.notFound("The subscription")
        }
        return subscription
    }

    static func render(_ row: Row, _ db: Connection) throws -> JSON {
        guard let offerId = row.string("offer_id"), let offer = try OfferRecord.find(offerId, db) else {
            throw APIError.notFound("The offer")
        }
        return SubscriptionRecord(row, offer: offer).render()
    }
}

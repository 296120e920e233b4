import Foundation
import SQLite

/// Reading subscriptions: the ones a partner may see for a customer, one of them, add-ons.
enum Subscriptions {
    /// Subscriptions the caller may see for a customer: those it bills, and for an indirect
    /// reseller those whose POR is one of its PLA ids.
    private static let visibleClause = """
        s.customer_id = ?1 AND s.moved_to_subscription_id IS NULL
        AND (s.billing_partner_id = ?2 OR s.partner_id_on_record IN (SELECT pla_id FROM locations WHERE tenant_id = ?2))
        """

    /// One page of a customer's subscriptions the caller may see, oldest first; `mpnId`
    /// keeps those whose POR is that PLA id, `orderId` those an order created
    /// (get-a-list-of-subscriptions-by-order). Returns the page (plus one more when more follow) and the
    /// total.
    static func list(customerId: String, mpnId: String?, orderId: String? = nil, page: Page, _ context: OperationContext,
                     _ db: Connection) throws -> (items: [SubscriptionRecord], totalCount: Int, customerId: String) {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(customerId, db)
        var clause = visibleClause
        var arguments: [(any ValueConvertible)?] = [customer.tenantId, partnerId]
        if let mpnId, !mpnId.isEmpty {
            arguments.append(mpnId)
            clause += " AND s.partner_id_on_record = ?\(arguments.count)"
        }
        if let orderId, !orderId.isEmpty {
            arguments.append(orderId.lowercased())
            clause += " AND s.order_id = ?\(arguments.count)"
        }
        let total = try db.count("SELECT count(*) FROM subscriptions s WHERE \(clause)", arguments)
        let rows = try db.fetchAll(SubscriptionRow.self, "SELECT s.* FROM subscriptions s WHERE \(clause) ORDER BY s.created_at, s.id \(Page.limitClause)",
                                   page.arguments(arguments))
        return (try rows.map { try load($0, db) }, total, customer.tenantId)
    }

    /// The add-ons of a visible subscription the caller may see, oldest first.
    static func addons(of base: SubscriptionRecord, _ context: OperationContext, _ db: Connection) throws -> [SubscriptionRecord] {
        let rows = try db.fetchAll(SubscriptionRow.self, """
            SELECT s.* FROM subscriptions s WHERE \(visibleClause) AND s.parent_subscription_id = ?3 ORDER BY s.created_at, s.id
            """, [base.customerId, try context.caller.tenantId, base.id])
        return try rows.map { try load($0, db) }
    }

    /// The subscription when the caller may see it; 404 otherwise.
    static func visible(customerId: String, subscriptionId: String, _ context: OperationContext,
                        _ db: Connection) throws -> SubscriptionRecord {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(customerId, db)
        let id = subscriptionId.lowercased()
        guard try db.queryOne("SELECT 1 FROM subscriptions s WHERE \(visibleClause) AND s.id = ?3", [customer.tenantId, partnerId, id]) != nil,
              let subscription = try SubscriptionRecord.find(id, customer: customer.tenantId, db) else {
            throw notFound
        }
        return subscription
    }

    /// A subscription the caller may change: visible (404 otherwise), billed by the caller (403)
    /// and not deleted (400 2011, the error-code table's "deleted state, cannot be updated").
    /// Returns it with the calling partner.
    static func changeable(customerId: String, subscriptionId: String, _ context: OperationContext,
                           _ db: Connection) throws -> (SubscriptionRecord, PartnerRecord) {
        let subscription = try visible(customerId: customerId, subscriptionId: subscriptionId, context, db)
        let partner = try context.callingPartner(db)
        guard subscription.billingPartnerId == partner.tenantId else {
            throw APIError.forbidden("Only the billing partner can change this subscription.")
        }
        guard subscription.status != .deleted else {
            throw APIError(.badRequest, code: ErrorCode.deletedSubscriptionCannotBeUpdated,
                           "The subscription \(subscription.id) is in deleted state and cannot be updated.")
        }
        return (subscription, partner)
    }

    /// 404 20003 (the error-code table's "subscription with id {0} not found").
    static let notFound = APIError(.notFound, code: ErrorCode.subscriptionNotFound, "The subscription was not found.")

    private static func load(_ row: SubscriptionRow, _ db: Connection) throws -> SubscriptionRecord {
        guard let record = try SubscriptionRecord.load(row, db) else { throw APIError.notFound("The offer") }
        return record
    }
}

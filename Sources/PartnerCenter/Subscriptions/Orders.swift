import Foundation
import JSON
import SQLite

/// Orders (POST/GET /v1/customers/{cid}/orders): line items that create subscriptions.
enum Orders {
    /// Places an order for `customerId`. `input` is the parsed body; it is read only once the
    /// caller may order for the customer, so a refused caller is told so whatever it sent.
    static func create(customerId: String, _ input: () throws -> OrderInput, _ context: OperationContext,
                       _ db: Connection) throws -> OrderRecord {
        let partner = try context.callingPartner(db)
        let (customer, kinds) = try context.visibleCustomer(customerId, db)
        // ACC-9: indirect resellers transact only through a distributor.
        guard partner.isDistributor || partner.programs[.directBill] != nil else {
            // The route is for distributors and direct-bill partners: a wrong tenant is 900150.
            throw APIError.forbidden("An indirect reseller cannot create purchases; it transacts through a distributor (ACC-9).")
        }
        guard partner.isActive else { throw APIError.forbidden("The partner tenant is not active.") }
        // CUS-3: a distributor orders only with its reseller (indirect provider) relationship;
        // ACC-9: direct-bill purchase functions refuse customers gained as an indirect reseller.
        if partner.isDistributor {
            guard kinds.contains(.indirectProvider) else {
                throw APIError(.forbidden, code: ErrorCode.noActiveRelationship,
                               "The distributor has no reseller relationship with this customer.")
            }
        } else if !kinds.contains(.reseller) {
            throw APIError(.forbidden, code: ErrorCode.indirectResellerCannotPurchase,
                           "Direct-bill purchases are refused for customers gained as an indirect reseller.")
        }
        try CustomerRelationships.requireSameRegion(partner, customer)
        // Each line is the subscription it will create, under the line's number.
        let requested = try input()
        var items: [PlannedLine] = []
        for line in requested.lineItems {
            let item = try lineItem(line, orderCycle: requested.billingCycle, customer: customer.tenantId, partner: partner, db)
            // (order_id, line_item_number) is the line's key: a repeated number is the client's
            // mistake (400 naming the line), not a failed insert.
            if let first = items.firstIndex(where: { $0.number == item.number }) {
                throw APIError.invalidField("\(line.field).lineItemNumber", "\(item.number) is already the number of lineItems[\(first)]")
            }
            items.append(item)
        }
        // The order's currency is its offers': a currencyCode the offers are not priced in is refused.
        let currency = requested.currencyCode ?? items.first?.subscription.offer.currency ?? "USD"
        if let other = items.first(where: { $0.subscription.offer.currency.uppercased() != currency }) {
            throw APIError.invalidField(requested.currencyCode == nil ? "lineItems" : "currencyCode",
                                        "\(other.subscription.offer.id) is priced in \(other.subscription.offer.currency), not \(currency)")
        }
        // POR-3: from the enforcement date every line item of a distributor's order needs a
        // valid POR; one bad line blocks the whole order (nothing below runs).
        if partner.isDistributor && PORPolicy.isEnforced(context) {
            for (index, item) in items.enumerated() {
                try PORPolicy.requireValid(item.subscription.partnerIdOnRecord, field: "lineItems[\(index)].partnerIdOnRecord",
                                           distributor: partner, db)
            }
        }
        let orderId = try OrderStore.insert(customer: customer.tenantId, partner: partner.tenantId,
                                            billingCycle: requested.billingCycle ?? items.first?.subscription.billingCycle ?? "",
                                            currency: currency, context, db)
        for item in items {
            var new = item.subscription
            new.orderId = orderId
            let subscriptionId = try SubscriptionStore.insert(new, context, db)
            try OrderStore.insertLine(order: orderId, number: item.number, offer: new.offer.id, subscription: subscriptionId,
                                      quantity: new.quantity, term: new.termDuration, cycle: new.billingCycle,
                                      por: new.partnerIdOnRecord, parent: new.parentSubscriptionId, name: new.friendlyName,
                                      catalogItem: item.catalogItemId, renewsTo: item.renewsTo, db)
            if partner.isDistributor {
                try PORPolicy.recordUsage(distributor: partner.tenantId, partnerId: new.partnerIdOnRecord, context, db)
            }
        }
        try context.audit(db, "CreateOrder", resourceType: "Order", resourceId: orderId, tenants: [partner.tenantId],
                          customerId: customer.tenantId, details: ["lineItems": .int(Int64(items.count))])
        try context.notify(db, kind: "OrderConfirmation", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "Order \(orderId) for \(customer.companyName) is complete",
                           body: "\(items.count) subscription(s) were created.", resourceType: "Order", resourceId: orderId)
        return try order(orderId, db)
    }

    /// A line checked against the catalog: its number, the subscription it creates (the order
    /// id is set once the order exists), and what the line records beside it.
    private struct PlannedLine {
        let number: Int
        var subscription: NewSubscription
        let catalogItemId: String?
        let renewsTo: String?
    }

    /// The catalog entry a line names: its id, or a new-commerce catalog item id with three
    /// segments (`product:sku:availability`, as create-an-order sends them) whose first two
    /// are the entry (pcsim's catalog has one availability per SKU). Nil when there is none.
    static func catalogEntry(_ id: String, _ db: Connection) throws -> (offer: OfferRecord, catalogItemId: String?)? {
        if let offer = try OfferRecord.find(id, db) { return (offer, nil) }
        let segments = id.split(separator: ":", omittingEmptySubsequences: false)
        guard segments.count == 3, segments[2].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }), !segments[2].isEmpty,
              let offer = try OfferRecord.find(segments[0] + ":" + segments[1], db) else { return nil }
        return (offer, id.uppercased())
    }

    /// The line checked against the offer it names and, for an add-on, its parent.
    /// `orderCycle` is the order-level billing cycle, used when the line names none.
    private static func lineItem(_ line: OrderInput.Line, orderCycle: String?, customer: String, partner: PartnerRecord,
                                 _ db: Connection) throws -> PlannedLine {
        let field = line.field
        guard let (offer, catalogItemId) = try catalogEntry(line.offerId, db) else {
            throw APIError(.badRequest, code: ErrorCode.invalidOfferId, "\(field).offerId: '\(line.offerId)' is not in the offer catalog",
                           data: [.string("\(field).offerId")])
        }
        let quantity = line.quantity ?? 1
        if offer.isAzureUsage && quantity != 1 {
            throw APIError.invalidField("\(field).quantity", "must be 1 for a usage-based Azure offer")
        }
        var billingCycle = line.billingCycle ?? orderCycle ?? offer.billingCycles.first ?? "monthly"
        // The SDKs' OneTime (`one_time`, create-an-order's reservation example) is what pcsim's
        // catalog calls `none` for offers charged once.
        if billingCycle == Self.oneTime, !offer.billingCycles.contains(Self.oneTime), offer.billingCycles.contains("none") {
            billingCycle = "none"
        }
        guard offer.billingCycles.contains(billingCycle) else {
            throw APIError.invalidField(line.billingCycle == nil && orderCycle != nil ? "billingCycle" : "\(field).billingCycle",
                                        "must be one of \(offer.billingCycles.joined(separator: ", ")) for \(offer.id)")
        }
        let termDuration = line.termDuration ?? offer.termDurations.first ?? ""
        guard offer.termDurations.isEmpty ? termDuration.isEmpty : offer.termDurations.contains(termDuration) else {
            throw APIError.invalidField("\(field).termDuration",
                                        offer.termDurations.isEmpty ? "is not used by \(offer.id)" : "must be one of \(offer.termDurations.joined(separator: ", "))")
        }
        if let renewsTo = line.renewsTo, !offer.termDurations.contains(renewsTo) {
            throw APIError.invalidField("\(field).renewsTo.termDuration",
                                        offer.termDurations.isEmpty ? "is not used by \(offer.id)" : "must be one of \(offer.termDurations.joined(separator: ", "))")
        }
        let parentId = line.parentSubscriptionId
        if offer.isAddon {
            guard let parentId else {
                throw APIError.invalidField("\(field).parentSubscriptionId",
                                            line.parentSubscriptionIdIsNull ? "must not be null" : "is required for an add-on")
            }
            guard let parent = try SubscriptionRecord.find(parentId, customer: customer, db), parent.billingPartnerId == partner.tenantId else {
                throw APIError.invalidField("\(field).parentSubscriptionId", "is not a subscription of this customer billed by the caller")
            }
            guard parent.offer.id == offer.baseOfferId else {
                throw APIError.invalidField("\(field).parentSubscriptionId", "must be a subscription of the add-on's base offer \(offer.baseOfferId ?? "")")
            }
            guard parent.status == .active else {
                throw APIError.conflict(ErrorCode.parentSubscriptionNotActive,
                                        "\(field).parentSubscriptionId: an add-on can be bought only for an active base subscription (SUB-3).")
            }
        } else if parentId != nil {
            throw APIError.invalidField("\(field).parentSubscriptionId", "only an add-on has a parent subscription")
        }
        return PlannedLine(number: line.lineItemNumber ?? line.index, subscription: NewSubscription(
            customerId: customer, billingPartnerId: partner.tenantId, offer: offer, quantity: quantity, billingCycle: billingCycle,
            termDuration: termDuration, friendlyName: line.friendlyName ?? offer.name, gainedAs: partner.isDistributor ? .indirect : .direct,
            parentSubscriptionId: parentId, partnerIdOnRecord: line.partnerIdOnRecord), catalogItemId: catalogItemId, renewsTo: line.renewsTo)
    }

    /// One page of the caller's orders for a customer, oldest first (plus one more when more
    /// follow), and the total; with a billing type, only the orders with a line billed by it.
    static func list(customerId: String, billing: OrderBillingFilter = .all, page: Page, _ context: OperationContext,
                     _ db: Connection) throws -> (items: [OrderRecord], totalCount: Int, customerId: String) {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(customerId, db)
        var condition = "customer_id = ? AND partner_id = ?"
        var arguments: [(any ValueConvertible)?] = [customer.tenantId, partnerId]
        if case .cycles(let cycles) = billing {
            condition += """
                 AND EXISTS (SELECT 1 FROM order_line_items l WHERE l.order_id = orders.id
                 AND l.billing_cycle IN (\(cycles.map { _ in "?" }.joined(separator: ", "))))
                """
            arguments += cycles.map { $0 }
        }
        let total = try db.count("SELECT count(*) FROM orders WHERE \(condition)", arguments)
        let rows = try db.fetchAll(OrderRow.self, """
            SELECT * FROM orders WHERE \(condition) ORDER BY created_at, id \(Page.limitClause)
            """, page.arguments(arguments))
        return (try rows.map { try OrderRecord.load($0, db) }, total, customer.tenantId)
    }

    /// One of the caller's orders for a customer; 404 otherwise.
    static func get(customerId: String, orderId: String, _ context: OperationContext, _ db: Connection) throws -> OrderRecord {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(customerId, db)
        guard let order = try db.fetchOne(OrderRow.self, "SELECT * FROM orders WHERE id = ? AND customer_id = ? AND partner_id = ?",
                                          [orderId.lowercased(), customer.tenantId, partnerId]) else { throw notFound }
        return try OrderRecord.load(order, db)
    }

    /// The order `id`; 404 when there is none.
    static func order(_ id: String, _ db: Connection) throws -> OrderRecord {
        guard let order = try OrderRecord.find(id, db) else { throw notFound }
        return order
    }

    /// A subscription of a world fixture (SIM-3) with the one-line order it came from, dated at
    /// its creation: the real service sends every subscription's `orderId`, and the order is
    /// readable like any other. The order id is drawn after the subscription's, so a seeded id
    /// generator gives fixture subscriptions the ids it always gave them.
    static func recordFixture(_ new: NewSubscription, _ context: OperationContext, _ db: Connection) throws -> String {
        let subscriptionId = try SubscriptionStore.insert(new, context, db)
        let orderId = try OrderStore.insert(customer: new.customerId, partner: new.billingPartnerId, billingCycle: new.billingCycle,
                                            currency: new.offer.currency, createdAt: Timestamp.format(new.createdAt ?? context.now),
                                            context, db)
        try OrderStore.insertLine(order: orderId, number: 0, offer: new.offer.id, subscription: subscriptionId, quantity: new.quantity,
                                  term: new.termDuration, cycle: new.billingCycle, por: new.partnerIdOnRecord,
                                  parent: new.parentSubscriptionId, name: new.friendlyName, db)
        try SubscriptionStore.update(subscriptionId, set: [("order_id", orderId)], db)
        return subscriptionId
    }

    /// BillingCycleType.OneTime as the SDKs write it.
    static let oneTime = "one_time"

    /// 404 20000 (the error-code table's "order id not found").
    static let notFound = APIError(.notFound, code: ErrorCode.orderNotFound, "The order was not found.")
}

import Foundation
import JSON
import SQLite

/// Orders (POST/GET /v1/customers/{cid}/orders): line items that create subscriptions.
enum Orders {
    struct LineItem {
        let number: Int
        let offer: OfferRecord
        let quantity: Int
        let termDuration: String
        let billingCycle: String
        let parentSubscriptionId: String?
        let partnerIdOnRecord: String?
        let friendlyName: String
    }

    static func create(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partner = try context.callingPartner(db)
        let (customer, kinds) = try context.visibleCustomer(context.pathParameter("customerId"), db)
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
        let body = try context.body()
        let elements = try body.array("lineItems")
        guard !elements.isEmpty else { throw APIError.invalidField("lineItems", "must hold at least one line item") }
        guard elements.count <= InputLimits.lineItems.upperBound else {
            throw APIError.invalidField("lineItems", "must hold at most \(InputLimits.lineItems.upperBound) line items")
        }
        var items: [LineItem] = []
        for (index, element) in elements.enumerated() {
            guard let object = element.objectValue else { throw APIError.invalidField("lineItems[\(index)]", "must be an object") }
            let item = try lineItem(Body(object, path: "lineItems[\(index)]"), index: index, customer: customer.tenantId, partner: partner, db)
            // (order_id, line_item_number) is the line's key: a repeated number is the client's
            // mistake (400 naming the line), not a failed insert.
            if let first = items.firstIndex(where: { $0.number == item.number }) {
                throw APIError.invalidField("lineItems[\(index)].lineItemNumber",
                                            "\(item.number) is already the number of lineItems[\(first)]")
            }
            items.append(item)
        }
        // POR-3: from the enforcement date every line item of a distributor's order needs a
        // valid POR; one bad line blocks the whole order (nothing below runs).
        if partner.isDistributor && PORPolicy.isEnforced(context.operation) {
            for (index, item) in items.enumerated() {
                try PORPolicy.requireValid(item.partnerIdOnRecord, field: "lineItems[\(index)].partnerIdOnRecord",
                                           distributor: partner, db)
            }
        }
        let orderId = try OrderStore.insert(customer: customer.tenantId, partner: partner.tenantId, context.operation, db)
        for item in items {
            let subscriptionId = try SubscriptionStore.insert(
                customer: customer.tenantId, billingPartner: partner.tenantId, offer: item.offer, quantity: item.quantity,
                billingCycle: item.billingCycle, termDuration: item.termDuration, parentId: item.parentSubscriptionId,
                partnerIdOnRecord: item.partnerIdOnRecord, orderId: orderId, friendlyName: item.friendlyName,
                gainedAs: partner.isDistributor ? "Indirect" : "Direct", context.operation, db)
            try OrderStore.insertLine(order: orderId, number: item.number, offer: item.offer.id, subscription: subscriptionId, quantity: item.quantity,
                                       term: item.termDuration, cycle: item.billingCycle, por: item.partnerIdOnRecord, parent: item.parentSubscriptionId, name: item.friendlyName, db)
            if partner.isDistributor {
                try PORPolicy.recordUsage(distributor: partner.tenantId, partnerId: item.partnerIdOnRecord, context.operation, db)
            }
        }
        try context.audit(db, "CreateOrder", resourceType: "Order", resourceId: orderId, tenants: [partner.tenantId],
                          customerId: customer.tenantId, details: ["lineItems": .int(Int64(items.count))])
        try context.notify(db, kind: "OrderConfirmation", to: partner.primaryContactEmail, tenant: partner.tenantId,
                           subject: "Order \(orderId) for \(customer.companyName) is complete",
                           body: "\(items.count) subscription(s) were created.", resourceType: "Order", resourceId: orderId)
        return .created(try render(orderId, db))
    }

    private static func lineItem(_ item: Body, index: Int, customer: String, partner: PartnerRecord,
                                 _ db: Connection) throws -> LineItem {
        let field = "lineItems[\(index)]"
        let offerId = try item.string("offerId", maxLength: InputLimits.keyLength)
        guard let offer = try OfferRecord.find(offerId, db) else {
            throw APIError.invalidField("\(field).offerId", "'\(offerId)' is not in the offer catalog")
        }
        let quantity = try item.optionalInt("quantity", in: InputLimits.quantity) ?? 1
        if offer.isAzureUsage && quantity != 1 {
            throw APIError.invalidField("\(field).quantity", "must be 1 for a usage-based Azure offer")
        }
        let billingCycle = try item.optionalString("billingCycle")?.lowercased() ?? offer.billingCycles.first ?? "monthly"
        guard offer.billingCycles.contains(billingCycle) else {
            throw APIError.invalidField("\(field).billingCycle", "must be one of \(offer.billingCycles.joined(separator: ", ")) for \(offer.id)")
        }
        let termDuration = try item.optionalString("termDuration")?.uppercased() ?? offer.termDurations.first ?? ""
        guard offer.termDurations.isEmpty ? termDuration.isEmpty : offer.termDurations.contains(termDuration) else {
            throw APIError.invalidField("\(field).termDuration",
                                        offer.termDurations.isEmpty ? "is not used by \(offer.id)" : "must be one of \(offer.termDurations.joined(separator: ", "))")
        }
        let parentId = try item.optionalString("parentSubscriptionId", maxLength: 36)?.lowercased()
        if offer.isAddon {
            guard let parentId else { throw item.missing("parentSubscriptionId", " for an add-on") }
            guard let parent = try SubscriptionRecord.find(parentId, customer: customer, db), parent.billingPartnerId == partner.tenantId else {
                throw APIError.invalidField("\(field).parentSubscriptionId", "is not a subscription of this customer billed by the caller")
            }
            guard parent.offer.id == offer.baseOfferId else {
                throw APIError.invalidField("\(field).parentSubscriptionId", "must be a subscription of the add-on's base offer \(offer.baseOfferId ?? "")")
            }
            guard parent.status == .active else {
                throw APIError.conflict(ErrorCode.baseSubscriptionInactive,
                                        "\(field).parentSubscriptionId: an add-on can be bought only for an active base subscription (SUB-3).")
            }
        } else if parentId != nil {
            throw APIError.invalidField("\(field).parentSubscriptionId", "only an add-on has a parent subscription")
        }
        return LineItem(number: try item.optionalInt("lineItemNumber", in: InputLimits.lineItemNumber) ?? index, offer: offer, quantity: quantity,
                        termDuration: termDuration, billingCycle: billingCycle, parentSubscriptionId: parentId,
                        partnerIdOnRecord: try item.optionalString("partnerIdOnRecord", maxLength: InputLimits.keyLength),
                        friendlyName: try item.optionalString("friendlyName", maxLength: InputLimits.nameLength) ?? offer.name)
    }

    static func list(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        let page = try Page(context)
        let total = try db.count("SELECT count(*) FROM orders WHERE customer_id = ? AND partner_id = ?", [customer.tenantId, partnerId])
        let rows = try db.query("""
            SELECT id FROM orders WHERE customer_id = ? AND partner_id = ? ORDER BY created_at, id \(Page.limitClause)
            """, page.arguments([customer.tenantId, partnerId]))
        let items = try rows.compactMap { try $0.string("id").map { try render($0, db) } }
        return .ok(page.collection(items, totalCount: total, selfURI: "/customers/\(customer.tenantId)/orders"))
    }

    static func get(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let partnerId = try context.caller.tenantId
        let (customer, _) = try context.visibleCustomer(context.pathParameter("customerId"), db)
        let orderId = context.pathParameter("orderId").lowercased()
        guard try db.queryOne("SELECT 1 FROM orders WHERE id = ? AND customer_id = ? AND partner_id = ?",
                              [orderId, customer.tenantId, partnerId]) != nil else { throw APIError.notFound("The order") }
        return .ok(try render(orderId, db))
    }

    static func render(_ orderId: String, _ db: Connection) throws -> JSON {
        guard let order = try db.queryOne("SELECT * FROM orders WHERE id = ?", [orderId]) else { throw APIError.notFound("The order") }
        let customerId = order.string("customer_id") ?? ""
        let lines = try db.query("SELECT * FROM order_line_items WHERE order_id = ? ORDER BY line_item_number", [orderId]).map { row -> JSON in
            let subscriptionId = row.string("subscription_id") ?? ""
            var line: JSONObject = [
                "lineItemNumber": JSON(row.int64("line_item_number")),
                "offerId": JSON(row.string("offer_id")),
                "subscriptionId": .string(subscriptionId),
                "friendlyName": JSON(row.string("friendly_name")),
                "quantity": JSON(row.int64("quantity")),
                "billingCycle": JSON(row.string("billing_cycle")),
                "links": .object(["subscription": Links.link("/customers/\(customerId)/subscriptions/\(subscriptionId)")]),
            ]
            if let term = row.string("term_duration"), !term.isEmpty { line["termDuration"] = .string(term) }
            if let por = row.string("partner_id_on_record") { line["partnerIdOnRecord"] = .string(por) }
            if let parent = row.string("parent_subscription_id") { line["parentSubscriptionId"] = .string(parent) }
            return .object(line)
        }
        return Links.resource([
            "id": .string(orderId),
            "referenceCustomerId": .string(customerId),
            "lineItems": .array(lines),
            "creationDate": JSON(order.string("created_at")),
            "status": JSON(order.string("status")),
        ], objectType: "Order", selfURI: "/customers/\(customerId)/orders/\(orderId)")
    }
}

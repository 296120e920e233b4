import SQLite

/// The one writer of `orders` and `order_line_items`: orders placed by a partner and the
/// orders an accepted transfer creates.
enum OrderStore {
    /// A completed order; returns its id. `billingCycle` '' leaves the order's cycle to its
    /// first line (transfers); the currency is the offers' (every catalog entry is in USD).
    /// `createdAt` nil is the operation's now (a world fixture dates its orders in the past).
    static func insert(customer: String, partner: String, billingCycle: String = "", currency: String = "USD",
                       createdAt: String? = nil, _ context: OperationContext, _ db: Connection) throws -> String {
        let id = context.ids.guid()
        try db.insert(OrderRow(id: id, customerId: customer, partnerId: partner, status: .completed,
                               createdAt: createdAt ?? context.nowText,
                               billingCycle: billingCycle, currencyCode: currency, transactionType: .userPurchase),
                      into: "orders")
        return id
    }

    /// One line per subscription the order created.
    static func insertLine(order: String, number: Int, offer: String, subscription: String, quantity: Int, term: String,
                           cycle: String, por: String?, parent: String?, name: String, catalogItem: String? = nil,
                           renewsTo: String? = nil, _ db: Connection) throws {
        try db.insert(OrderLineRow(orderId: order, lineItemNumber: number, offerId: offer, subscriptionId: subscription,
                                   quantity: quantity, termDuration: term, billingCycle: cycle, partnerIdOnRecord: por,
                                   parentSubscriptionId: parent, friendlyName: name, catalogItemId: catalogItem,
                                   renewsToTerm: renewsTo), into: "order_line_items")
    }
}

/// One row of `orders`, column for column.
struct OrderRow: Codable, Sendable {
    var id: String
    var customerId: String
    var partnerId: String
    var status: OrderStatus
    var createdAt: String
    /// The order-level billing cycle the request named; '' for orders of before migration 0012
    /// and of transfers (the Order resource then shows the first line's cycle).
    var billingCycle: String
    var currencyCode: String
    var transactionType: OrderTransactionType
}

/// One row of `order_line_items`, column for column: the subscription one line created.
struct OrderLineRow: Codable, Sendable {
    var orderId: String
    var lineItemNumber: Int
    var offerId: String
    var subscriptionId: String
    var quantity: Int
    /// Empty for offers without a term (Azure usage).
    var termDuration: String
    var billingCycle: String
    var partnerIdOnRecord: String?
    var parentSubscriptionId: String?
    var friendlyName: String
}

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
    /// The catalog item id as the line named it when it differs from `offerId` (a new-commerce
    /// `product:sku:availability` id); nil otherwise.
    var catalogItemId: String? = nil
    /// `renewsTo.termDuration` of the line, when it named one.
    var renewsToTerm: String? = nil
}

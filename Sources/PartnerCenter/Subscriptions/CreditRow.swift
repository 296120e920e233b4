/// One row of `credits`, column for column: a cancellation credit kept for the next invoice.
struct CreditRow: Codable, Sendable {
    var id: String
    var subscriptionId: String
    var partnerId: String
    var amount: Double
    var currency: String
    var reason: String
    var createdAt: String
    var invoiceDate: String
}

import Foundation

/// The Order resource of the real API (order-resources, create-an-order): the line items and
/// the subscriptions they created, with the order's billing cycle, currency and total.
struct Order: APIResource {
    static let objectType = "Order"

    let id: String
    /// The "friendly identifier" of the order: pcsim has one identifier, so both are the same.
    let alternateId: String
    let referenceCustomerId: String
    let billingCycle: String
    let currencyCode: String
    let currencySymbol: String
    let lineItems: [OrderLineItem]
    let creationDate: String
    let status: OrderStatus
    let transactionType: OrderTransactionType
    /// Pre-tax total of the lines' extended prices.
    let totalPrice: Double

    var links: [(name: String, link: Link)] {
        [("provisioningStatus", Link("/customers/\(referenceCustomerId)/orders/\(id)/provisioningstatus")),
         ("self", Link("/customers/\(referenceCustomerId)/orders/\(id)"))]
    }

    init(_ order: OrderRecord) {
        id = order.row.id
        alternateId = order.row.id
        referenceCustomerId = order.row.customerId
        billingCycle = order.row.billingCycle.isEmpty ? (order.lines.first?.billingCycle ?? "monthly") : order.row.billingCycle
        currencyCode = order.row.currencyCode
        currencySymbol = Self.symbol(of: order.row.currencyCode)
        lineItems = order.lines.map { OrderLineItem($0, customerId: order.row.customerId, offer: order.offers[$0.offerId]) }
        creationDate = order.row.createdAt
        status = order.row.status
        transactionType = order.row.transactionType
        totalPrice = OrderLineItem.Pricing.rounded(lineItems.reduce(0) { $0 + ($1.pricing?.extendedPrice ?? 0) })
    }

    /// The symbol of the common currencies; other codes are their own symbol.
    static func symbol(of code: String) -> String {
        switch code.uppercased() {
        case "USD", "CAD", "AUD", "NZD": "$"
        case "EUR": "€"
        case "GBP": "£"
        case "JPY": "¥"
        default: code
        }
    }
}

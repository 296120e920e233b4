import Foundation

/// One line of an Order resource (order-resources OrderLineItem): the subscription it created,
/// linked, and its pricing.
struct OrderLineItem: Encodable, Sendable {
    struct Links: Encodable, Sendable {
        let subscription: Link
    }

    /// `renewsTo` of the line (the SDKs' RenewsTo).
    struct RenewsTo: Encodable, Sendable {
        let termDuration: String
    }

    /// Pricing of the line (the SDKs' Pricing). pcsim applies no discount or proration: the
    /// catalog's unit price is the list, discounted, prorated and final price alike.
    struct Pricing: Encodable, Sendable {
        let listPrice: Double
        let discountedPrice: Double
        let proratedPrice: Double
        let price: Double
        let extendedPrice: Double

        init(unitPrice: Double, quantity: Int) {
            listPrice = Self.rounded(unitPrice)
            discountedPrice = listPrice
            proratedPrice = listPrice
            price = listPrice
            extendedPrice = Self.rounded(unitPrice * Double(quantity))
        }

        /// Cents, as prices are shown.
        static func rounded(_ amount: Double) -> Double { (amount * 100).rounded() / 100 }
    }

    let lineItemNumber: Int
    /// The catalog item id as the order named it.
    let offerId: String
    let subscriptionId: String
    let parentSubscriptionId: String?
    /// Omitted for offers without a term (Azure usage).
    let termDuration: String?
    let renewsTo: RenewsTo?
    let transactionType: OrderLineTransactionType
    let friendlyName: String
    let quantity: Int
    let billingCycle: String
    let pricing: Pricing?
    let partnerIdOnRecord: String?
    let links: Links

    init(_ line: OrderLineRow, customerId: String, offer: OfferRecord?) {
        lineItemNumber = line.lineItemNumber
        offerId = line.catalogItemId ?? line.offerId
        subscriptionId = line.subscriptionId
        parentSubscriptionId = line.parentSubscriptionId
        termDuration = line.termDuration.isEmpty ? nil : line.termDuration
        renewsTo = line.renewsToTerm.map(RenewsTo.init)
        transactionType = .new
        friendlyName = line.friendlyName
        quantity = line.quantity
        billingCycle = line.billingCycle
        pricing = offer.map { Pricing(unitPrice: $0.unitPrice, quantity: line.quantity) }
        partnerIdOnRecord = line.partnerIdOnRecord
        links = Links(subscription: Link("/customers/\(customerId)/subscriptions/\(line.subscriptionId)"))
    }
}

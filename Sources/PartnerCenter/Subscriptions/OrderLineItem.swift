/// One line of an Order resource: the subscription it created, linked.
struct OrderLineItem: Encodable, Sendable {
    struct Links: Encodable, Sendable {
        let subscription: Link
    }

    let lineItemNumber: Int
    let offerId: String
    let subscriptionId: String
    let friendlyName: String
    let quantity: Int
    let billingCycle: String
    let links: Links
    /// Omitted for offers without a term (Azure usage).
    let termDuration: String?
    let partnerIdOnRecord: String?
    let parentSubscriptionId: String?

    init(_ line: OrderLineRow, customerId: String) {
        lineItemNumber = line.lineItemNumber
        offerId = line.offerId
        subscriptionId = line.subscriptionId
        friendlyName = line.friendlyName
        quantity = line.quantity
        billingCycle = line.billingCycle
        links = Links(subscription: Link("/customers/\(customerId)/subscriptions/\(line.subscriptionId)"))
        termDuration = line.termDuration.isEmpty ? nil : line.termDuration
        partnerIdOnRecord = line.partnerIdOnRecord
        parentSubscriptionId = line.parentSubscriptionId
    }
}

/// The Order resource of the real API: the line items and the subscriptions they created.
struct Order: APIResource {
    static let objectType = "Order"

    let id: String
    let referenceCustomerId: String
    let lineItems: [OrderLineItem]
    let creationDate: String
    let status: OrderStatus

    var links: [(name: String, link: Link)] { [("self", Link("/customers/\(referenceCustomerId)/orders/\(id)"))] }

    init(_ order: OrderRecord) {
        id = order.row.id
        referenceCustomerId = order.row.customerId
        lineItems = order.lines.map { OrderLineItem($0, customerId: order.row.customerId) }
        creationDate = order.row.createdAt
        status = order.row.status
    }
}

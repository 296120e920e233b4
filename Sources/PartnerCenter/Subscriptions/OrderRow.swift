/// One row of `orders`, column for column.
struct OrderRow: Codable, Sendable {
    var id: String
    var customerId: String
    var partnerId: String
    var status: OrderStatus
    var createdAt: String
}

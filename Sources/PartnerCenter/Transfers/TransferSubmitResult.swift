import JSON

/// The answer to accepting a self-service transfer (the real API's TransferSubmitResult): the
/// order that created the distributor's subscriptions. `transferErrors` is always empty: a
/// transfer moves all its lines or none, and a line that cannot move refuses the whole accept.
struct TransferSubmitResult: APIResource {
    static let objectType = "TransferSubmitResult"

    let orders: [Embedded<Order>]
    let transferErrors: [JSON]

    init(orders: [Order]) {
        self.orders = orders.map(Embedded.init)
        transferErrors = []
    }
}

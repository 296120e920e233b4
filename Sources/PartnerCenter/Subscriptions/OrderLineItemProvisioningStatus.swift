/// One element of GET .../orders/{id}/provisioningstatus (the SDKs'
/// OrderLineItemProvisioningStatus): how much of a line is provisioned.
struct OrderLineItemProvisioningStatus: APIResource {
    static let objectType = "OrderLineItemProvisioningStatus"
    static let hasETag = false

    /// The SDKs' QuantityProvisioningStatus.
    struct QuantityStatus: Encodable, Sendable {
        let quantity: Int
        let status: ProvisioningStatus
    }

    let lineItemNumber: Int
    let status: ProvisioningStatus
    let quantityProvisioningInformation: [QuantityStatus]

    init(_ line: OrderLineRow) {
        lineItemNumber = line.lineItemNumber
        status = .fulfilled
        quantityProvisioningInformation = [QuantityStatus(quantity: line.quantity, status: .fulfilled)]
    }
}

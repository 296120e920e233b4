import JSON

/// One line of a TransferEntity (the real API's TransferLineItem). A base line carries its
/// add-ons; an add-on carries an empty `addonItems` (every TransferLineItem has the array).
/// `partnerIdOnRecord` (the subscription's POR) and `transferError` are always present, null
/// when there is none, as the documented line items carry them.
struct TransferLineItem: Encodable, Sendable {
    let id: Int
    let subscriptionId: String
    let offerId: String
    let quantity: Int
    let billingCycle: String
    let friendlyName: String
    let productType: String
    @Nullable var partnerIdOnRecord: String?
    let status: TransferLineStatus?
    @Nullable var transferError: String?
    let targetSubscriptionId: String?
    let addonItems: [TransferLineItem]

    init(_ line: TransferLineRecord, addons: [TransferLineItem] = []) {
        id = line.lineNumber
        subscriptionId = line.subscriptionId
        offerId = line.offerId
        quantity = line.quantity
        billingCycle = line.billingCycle
        friendlyName = line.friendlyName
        productType = line.productType
        partnerIdOnRecord = line.partnerIdOnRecord
        status = line.status
        transferError = line.transferError
        targetSubscriptionId = line.targetSubscriptionId
        addonItems = addons
    }

    /// The base lines, each with its add-ons, in line order.
    static func tree(_ lines: [TransferLineRecord]) -> [TransferLineItem] {
        lines.filter { $0.parentLineNumber == nil }.map { base in
            TransferLineItem(base, addons: lines.filter { $0.parentLineNumber == base.lineNumber }.map { TransferLineItem($0) })
        }
    }
}

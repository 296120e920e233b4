import Cryptography
import Foundation

/// GET .../subscriptions/{id}/provisioningstatus (get-subscription-provisioning-status; the
/// SDKs' SubscriptionProvisioningStatus): the SKU, the seat count and the end date the last
/// provisioning left the subscription with. Provisioning is synchronous in pcsim, so the status
/// is always `success` and the values are the subscription's current ones.
struct SubscriptionProvisioningStatus: APIResource {
    static let objectType = "SubscriptionProvisioningStatus"
    /// The documented example's attributes carry no etag.
    static let hasETag = false

    /// A GUID (the .NET model's `Guid SkuId`): see `skuId(of:)`.
    let skuId: String
    let status: SubscriptionProvisioningState
    let quantity: Int
    /// The renewal or end date: the commitment end, rendered as the subscription renders it (a
    /// subscription without a term shows the far-future date; the .NET `EndDate` is a
    /// non-nullable DateTime).
    let endDate: String

    init(_ subscription: SubscriptionRecord) {
        skuId = Self.skuId(of: subscription.offer.id)
        status = .success
        quantity = subscription.quantity
        endDate = subscription.commitmentEndAt ?? Subscription.openEndedCommitment
    }

    /// The SKU id of a catalog entry. Legacy offers are identified by a GUID, which is their SKU
    /// id; other entries (`product:sku` ids of new commerce, Azure plans, software) get a GUID
    /// derived from their id (SHA-256, shaped as a name-based UUID), so one entry always has one
    /// SKU id and the .NET SDK, which reads the member as a Guid, can read it.
    static func skuId(of offerId: String) -> String {
        if UUID(uuidString: offerId) != nil { return offerId.uppercased() }
        var bytes = Array(SHA256.hash(Array("sku:\(offerId.uppercased())".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50   // version 5 (name-based)
        bytes[8] = (bytes[8] & 0x3F) | 0x80   // RFC 4122 variant
        let hex = bytes.map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        var text = ""
        for (index, character) in hex.enumerated() {
            if [8, 12, 16, 20].contains(index) { text.append("-") }
            text.append(character)
        }
        return text
    }
}
